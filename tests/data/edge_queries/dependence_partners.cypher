// Reference: per (actor, partner) the relations (sorted), how many events, the first and last
// date; co-signing counts the partner's SIGNED edges.
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
WITH actor, actor_countries, partner, partner_countries, r, relation
WITH actor, actor_countries, partner, partner_countries, collect(DISTINCT relation) AS relations,
     count(DISTINCT r) AS events, min(r.date) AS first_date, max(r.date) AS last_date
RETURN actor.name AS actor, head(actor_countries).iso3 AS actor_country,
       partner.name AS partner, head(partner_countries).iso3 AS partner_country,
       COLLECT { UNWIND relations AS x RETURN x ORDER BY x } AS relations, events, first_date, last_date
ORDER BY actor_country, actor, partner
LIMIT $limit
