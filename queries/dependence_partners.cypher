// 問い: 中国(または指定した国)への依存を減らそうとしているのは誰で、誰と組んでいるか。
// Question: Who is working to reduce dependence on China (or another country), and with whom?
// @param target: string = "CHN" — the country depended on: ISO3 code, name or alias (CHN, 中国)
// @param limit: int = 200 — at most this many rows
// Example: geokg query dependence_partners --param target=CHN
//
// Actors are the entities with a REDUCES_DEPENDENCE_ON edge to the target; actor_country is the
// country an actor acts for (a country itself, a person's HOLDS_ROLE country, an organization's
// BASED_IN country). Partners are those the actor MET_WITH, AGREED or COOPERATED with; those it
// INVESTED_IN, SUPPORTED or REQUESTED, or that did so to it (the arrow in `relations` points
// from the one who acted); and the co-signatories of an agreement it SIGNED. The target, those
// acting for the target and those acting for the actor's own country are not partners.
// One row per (actor, partner): the relations, their event dates and the articles behind them.
MATCH (target:Entity)
WHERE target.id = $target OR target.iso3 = $target OR target.name = $target
   OR target.name_en = $target OR $target IN target.aliases
MATCH (actor:Entity)-[:REDUCES_DEPENDENCE_ON]->(target)
WITH DISTINCT target, actor
WITH actor,
     COLLECT { MATCH (x:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(target) RETURN x } AS target_side,
     COLLECT { MATCH (actor)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c ORDER BY c.iso3 } AS actor_countries
CALL (actor) {
  MATCH (actor)-[r:MET_WITH|AGREED|COOPERATED|INVESTED_IN|SUPPORTED|REQUESTED]-(partner:Entity)
  WHERE partner <> actor AND NOT partner:Agreement
  RETURN partner, r,
         CASE WHEN type(r) IN ['MET_WITH', 'AGREED', 'COOPERATED'] THEN type(r)
              WHEN startNode(r) = actor THEN type(r) + '→'
              ELSE '←' + type(r) END AS relation
  UNION
  MATCH (actor)-[:SIGNED]->(agreement:Agreement)<-[r:SIGNED]-(partner:Entity)
  WHERE partner <> actor
  RETURN partner, r, 'SIGNED ' + agreement.name AS relation
}
WITH actor, actor_countries, target_side, partner, r, relation,
     COLLECT { MATCH (partner)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c ORDER BY c.iso3 } AS partner_countries
WHERE NOT partner IN target_side AND none(c IN partner_countries WHERE c IN actor_countries)
OPTIONAL MATCH (article:Article {id: r.article_id})
WITH actor, actor_countries, partner, partner_countries, r, relation, article
ORDER BY r.date, r.article_id
WITH actor, actor_countries, partner, partner_countries,
     collect(DISTINCT relation) AS relations,
     collect(DISTINCT r.date) AS dates,
     collect(DISTINCT r.article_id) AS article_ids,
     [t IN collect(DISTINCT article.title) WHERE t <> ''] AS titles
RETURN actor.name AS actor, head(actor_countries).iso3 AS actor_country,
       partner.name AS partner, head(partner_countries).iso3 AS partner_country,
       relations, dates, article_ids, titles
ORDER BY actor_country, actor, partner
LIMIT $limit
