// 問い: 期間中に誰が誰と会ったか(特定の国・人物・組織に絞ることもできる)。
// Question: Who met whom in a date window, optionally for one country, person or organization?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param actor: string = null — only meetings of this country, person or organization (id, name or alias); a country also matches the people and organizations acting for it
// @param limit: int = 200 — at most this many rows
// Example: geokg query meetings --param since=2026-01-13 --param until=2026-01-13
//
// MET_WITH is symmetric and stored once; each meeting is one row, with the given actor's side
// first. An event dated only to a month or a year is in the window when that month or year
// overlaps it; undated meetings are listed only when the window is open on both sides.
WITH COLLECT {
  MATCH (a:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE x.id = $actor OR x.iso3 = $actor OR x.name = $actor OR x.name_en = $actor OR $actor IN x.aliases
  RETURN DISTINCT a
} AS focus
MATCH (s:Entity)-[r:MET_WITH]->(t:Entity)
WHERE ($actor IS NULL OR s IN focus OR t IN focus)
  AND ($since IS NULL OR r.date + '~' >= $since)
  AND ($until IS NULL OR r.date <= $until + '~')
WITH r, CASE WHEN t IN focus AND NOT s IN focus THEN [t, s] ELSE [s, t] END AS pair
WITH r, pair[0] AS a, pair[1] AS b
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN r.date AS date,
       a.name AS side_a,
       head(COLLECT { MATCH (a)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c.iso3 ORDER BY c.iso3 }) AS country_a,
       b.name AS side_b,
       head(COLLECT { MATCH (b)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c.iso3 ORDER BY c.iso3 }) AS country_b,
       r.mode AS mode, r.evidence AS evidence, r.article_id AS article_id, article.title AS title
ORDER BY date, side_a, side_b, article_id
LIMIT $limit
