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
// One row per (actor, partner), ordered by the actor's country, the actor and the partner: the
// relations, how many events, the first and last event date and the latest article behind them
// (the evidence query lists them all). Read from the TIE summaries (one per pair and type),
// actor by actor in the order of the answer, so only the actors on the page are read.
MATCH (target:Entity)
WHERE target.id = $target OR target.iso3 = $target OR target.name = $target
   OR target.name_en = $target OR target.alias_key CONTAINS '|' + $target + '|'
WITH collect(target) AS targets
WITH targets, COLLECT { UNWIND targets AS t MATCH (x:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(t) RETURN DISTINCT x }
     AS target_side
UNWIND targets AS target
MATCH (actor:Entity)-[d:TIE]->(target)
WHERE d.type = 'REDUCES_DEPENDENCE_ON'
WITH DISTINCT target_side, actor
WITH target_side, actor, head(actor.countries) AS actor_country, coalesce(actor.countries, []) AS actor_countries
ORDER BY actor_country, actor.name, actor.id
CALL (actor, target_side, actor_countries) {
  CALL (actor) {
    MATCH (actor)-[t:TIE]-(partner:Entity)
    WHERE t.type IN ['MET_WITH', 'AGREED', 'COOPERATED', 'INVESTED_IN', 'SUPPORTED', 'REQUESTED']
      AND partner <> actor AND NOT partner:Agreement
    RETURN partner, t,
           CASE WHEN t.type IN ['MET_WITH', 'AGREED', 'COOPERATED'] THEN t.type
                WHEN startNode(t) = actor THEN t.type + '→'
                ELSE '←' + t.type END AS relation
    UNION
    MATCH (actor)-[s:TIE]->(agreement:Agreement)<-[t:TIE]-(partner:Entity)
    WHERE s.type = 'SIGNED' AND t.type = 'SIGNED' AND partner <> actor
    RETURN partner, t, 'SIGNED ' + agreement.name AS relation
  }
  WITH partner, t, relation
  WHERE NOT partner IN target_side AND none(c IN coalesce(partner.countries, []) WHERE c IN actor_countries)
  WITH partner, t, relation ORDER BY coalesce(t.last_date, '') DESC, coalesce(t.last_article, '') DESC
  WITH partner, collect(relation) AS relations, sum(t.count) AS events,
       min(t.first_date) AS first_date, max(t.last_date) AS last_date, collect(t.last_article)[0] AS article_id
  RETURN partner, COLLECT { UNWIND relations AS r RETURN DISTINCT r ORDER BY r } AS relations,
         events, first_date, last_date, article_id
  ORDER BY partner.name, partner.id
}
WITH actor, actor_country, partner, relations, events, first_date, last_date, article_id
LIMIT $limit
OPTIONAL MATCH (article:Article {id: article_id})
RETURN actor.name AS actor, actor_country,
       partner.name AS partner, head(partner.countries) AS partner_country,
       relations, events, first_date, last_date, article_id, article.title AS title
