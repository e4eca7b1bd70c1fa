// Reference: co-signing counts either signer's SIGNED edges to the agreements they share.
CALL () {
  MATCH (s:Entity)-[r:MET_WITH|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]->(t:Entity)
  WHERE r.date IS NOT NULL AND s <> t AND NOT s:Agreement AND NOT t:Agreement
  RETURN s, t, r, type(r) AS type
  UNION ALL
  MATCH (s:Entity)-[:SIGNED]->(ag:Agreement)<-[:SIGNED]-(t:Entity)
  WHERE s.id < t.id
  WITH DISTINCT s, t, ag
  MATCH (x:Entity)-[r:SIGNED]->(ag)
  WHERE (x = s OR x = t) AND r.date IS NOT NULL
  RETURN s, t, r, 'SIGNED' AS type
}
WITH CASE WHEN s.id < t.id THEN [s, t] ELSE [t, s] END AS pair, r, type
WITH pair[0] AS a, pair[1] AS b, r, type
ORDER BY r.date, r.article_id, type, r.evidence
WITH a, b, collect({date: r.date, type: type, evidence: r.evidence, article_id: r.article_id}) AS contacts
WITH a, b, contacts[0] AS first, size(contacts) AS dated_contacts
WHERE ($since IS NULL OR first.date + '~' >= $since)
  AND ($until IS NULL OR first.date <= $until + '~')
RETURN first.date AS first_date,
       a.name AS actor_a,
       head(COLLECT { MATCH (a)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c.iso3 ORDER BY c.iso3 }) AS country_a,
       b.name AS actor_b,
       head(COLLECT { MATCH (b)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c.iso3 ORDER BY c.iso3 }) AS country_b,
       first.type AS first_event, dated_contacts, first.evidence AS evidence, first.article_id AS article_id
ORDER BY first_date, actor_a, actor_b, a.id, b.id
LIMIT $limit
