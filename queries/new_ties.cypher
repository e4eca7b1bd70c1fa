// 問い: 期間中に初めて接点(何らかの出来事)を持った組み合わせはどれか。
// Question: Which pairs of actors had their first dated contact in a date window?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param limit: int = 200 — at most this many rows
// Example: geokg query new_ties --param since=2026-01-01 --param until=2026-01-31
//
// A contact is any dated event between the two (either direction), or signing the same
// agreement. first_date is the earliest event date of the pair (2026-01 sorts before
// 2026-01-05); undated events do not count. The pair is listed when first_date falls in the
// window (a month or year date: when it overlaps the window).
CALL () {
  MATCH (s:Entity)-[r:MET_WITH|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]->(t:Entity)
  WHERE r.date IS NOT NULL AND s <> t AND NOT s:Agreement AND NOT t:Agreement
  RETURN s, t, r, type(r) AS type
  UNION ALL
  MATCH (s:Entity)-[r:SIGNED]->(:Agreement)<-[:SIGNED]-(t:Entity)
  WHERE r.date IS NOT NULL AND s.id < t.id
  RETURN s, t, r, 'SIGNED' AS type
}
WITH CASE WHEN s.id < t.id THEN [s, t] ELSE [t, s] END AS pair, r, type
WITH pair[0] AS a, pair[1] AS b, r, type
ORDER BY r.date, r.article_id, type
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
ORDER BY first_date, actor_a, actor_b
LIMIT $limit
