// 問い: 期間中、国と国のあいだにどんな種類の結びつきが何件あったか。
// Question: Which ties link countries, by event type and count, in a date window?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param types: list = null — only these event types, comma-separated (MET_WITH,SIGNED); null: all
// @param limit: int = 200 — at most this many rows
// Example: geokg query country_network --param since=2025-12-01 --param types=MET_WITH,COOPERATED,AGREED
//
// Every event counts for the countries its two sides act for: a country itself, a person's
// HOLDS_ROLE country, an organization's BASED_IN country. Co-signatories of an agreement are
// tied by SIGNED. Ties of a country with itself are left out. Symmetric types (MET_WITH, AGREED,
// COOPERATED, FOUGHT, and co-signing) are listed once per pair with country_a < country_b and
// direction '—'; directed types go from country_a to country_b ('→').
CALL () {
  MATCH (s:Entity)-[r:MET_WITH|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]->(t:Entity)
  WHERE NOT t:Agreement
  RETURN s, t, r, type(r) AS type
  UNION ALL
  MATCH (s:Entity)-[r:SIGNED]->(:Agreement)<-[:SIGNED]-(t:Entity)
  WHERE s.id < t.id
  RETURN s, t, r, 'SIGNED' AS type
}
WITH s, t, r, type
WHERE ($types IS NULL OR type IN [x IN $types | toUpper(x)])
  AND ($since IS NULL OR r.date + '~' >= $since)
  AND ($until IS NULL OR r.date <= $until + '~')
MATCH (s)-[:HOLDS_ROLE|BASED_IN*0..2]->(cs:Country)
MATCH (t)-[:HOLDS_ROLE|BASED_IN*0..2]->(ct:Country)
WITH DISTINCT r, type, cs, ct
WHERE cs <> ct
WITH r, type, type IN ['MET_WITH', 'AGREED', 'COOPERATED', 'FOUGHT', 'SIGNED'] AS symmetric, cs, ct
WITH r, type, symmetric,
     CASE WHEN symmetric AND ct.iso3 < cs.iso3 THEN [ct, cs] ELSE [cs, ct] END AS pair
WITH r, type, symmetric, pair[0] AS a, pair[1] AS b
RETURN a.iso3 AS country_a, a.name AS name_a,
       CASE WHEN symmetric THEN '—' ELSE '→' END AS direction,
       b.iso3 AS country_b, b.name AS name_b, type,
       count(DISTINCT r) AS events, count(DISTINCT r.article_id) AS articles,
       min(r.date) AS first_date, max(r.date) AS last_date
ORDER BY events DESC, country_a, country_b, type
LIMIT $limit
