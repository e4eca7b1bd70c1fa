// 問い: 期間中に初めて接点(何らかの出来事)を持った組み合わせはどれか。
// Question: Which pairs of actors had their first dated contact in a date window?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param limit: int = 200 — at most this many rows
// Example: geokg query new_ties --param since=2026-01-01 --param until=2026-01-31
//
// A contact is any dated event between the two (either direction), or signing the same
// agreement (either one's signing counts). first_date is the earliest event date of the pair
// (2026-01 sorts before 2026-01-05); undated events do not count. The pair is listed when
// first_date falls in the window (a month or year date: when it overlaps the window).
// dated_contacts counts the pair's dated events and signings of their shared agreements.
// Read from the CONTACT summaries (one per pair, kept by the loader) in first_date order.
WITH CASE WHEN $since IS NULL THEN '' ELSE left($since, 4) END AS lo,
     CASE WHEN $until IS NULL THEN '~' ELSE $until + '~' END AS hi
MATCH (x:Entity)-[c:CONTACT]->(y:Entity)
WHERE c.first_date >= lo AND c.first_date <= hi
  AND ($since IS NULL OR c.first_date + '~' >= $since)
  AND NOT x:Agreement AND NOT y:Agreement
WITH c, CASE WHEN x.id < y.id THEN [x, y] ELSE [y, x] END AS pair
WITH c, pair[0] AS a, pair[1] AS b
ORDER BY c.first_date, a.name, b.name, a.id, b.id
LIMIT $limit
RETURN c.first_date AS first_date,
       a.name AS actor_a, head(a.countries) AS country_a,
       b.name AS actor_b, head(b.countries) AS country_b,
       c.first_type AS first_event, c.dated AS dated_contacts, c.first_evidence AS evidence,
       c.first_article AS article_id
ORDER BY first_date, actor_a, actor_b, a.id, b.id
