// Reference: ties between countries from the edges; no articles column; co-signing counts both
// signers' SIGNED edges to the agreements they share, once per pair of signers.
CALL () {
  MATCH (s:Entity)-[r:MET_WITH|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]->(t:Entity)
  WHERE NOT t:Agreement AND NOT s:Agreement
  RETURN s, t, r, type(r) AS type, elementId(r) AS rid
  UNION ALL
  MATCH (s:Entity)-[:SIGNED]->(ag:Agreement)<-[:SIGNED]-(t:Entity)
  WHERE s.id < t.id
  WITH DISTINCT s, t, ag
  MATCH (x:Entity)-[r:SIGNED]->(ag)
  WHERE x = s OR x = t
  RETURN s, t, r, 'SIGNED' AS type, elementId(r) + '|' + s.id + '|' + t.id AS rid
}
WITH s, t, r, type, rid
WHERE ($types IS NULL OR type IN [x IN $types | toUpper(x)])
  AND ($since IS NULL OR r.date + '~' >= $since)
  AND ($until IS NULL OR r.date <= $until + '~')
MATCH (s)-[:HOLDS_ROLE|BASED_IN*0..2]->(cs:Country)
MATCH (t)-[:HOLDS_ROLE|BASED_IN*0..2]->(ct:Country)
WITH DISTINCT r, rid, type, cs, ct
WHERE cs <> ct
WITH r, rid, type, type IN ['MET_WITH', 'AGREED', 'COOPERATED', 'FOUGHT', 'SIGNED'] AS symmetric, cs, ct
WITH r, rid, type, symmetric,
     CASE WHEN symmetric AND ct.iso3 < cs.iso3 THEN [ct, cs] ELSE [cs, ct] END AS pair
WITH r, rid, type, symmetric, pair[0] AS a, pair[1] AS b
WITH a, b, type, symmetric, count(DISTINCT rid) AS events, min(r.date) AS first_date, max(r.date) AS last_date
RETURN a.iso3 AS country_a, a.name AS name_a,
       CASE WHEN symmetric THEN '—' ELSE '→' END AS direction,
       b.iso3 AS country_b, b.name AS name_b, type, events, first_date, last_date
ORDER BY events DESC, country_a, country_b, type
LIMIT $limit
