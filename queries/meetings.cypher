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
// Meetings are read in date order from the MET_WITH date index (and, for an actor with few
// events, from the actor's own edges), so the answer costs its rows, not the corpus.
WITH COLLECT {
  MATCH (a:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE x.id = $actor OR x.iso3 = $actor OR x.name = $actor OR x.name_en = $actor OR x.alias_key CONTAINS '|' + $actor + '|'
  RETURN DISTINCT a
} AS focus
WITH focus, CASE WHEN $since IS NULL THEN '' ELSE left($since, 4) END AS lo,
     CASE WHEN $until IS NULL THEN '~' ELSE $until + '~' END AS hi,
     reduce(n = 0, a IN focus | n + coalesce(a.event_count, 0)) AS focus_events
CALL (focus, lo, hi, focus_events) {
  // everyone's meetings, or a busy actor's: in date order from the index (else an empty range)
  MATCH (s:Entity)-[r:MET_WITH]->(t:Entity)
  WHERE r.date >= lo AND r.date <= CASE WHEN $actor IS NULL OR focus_events > 20000 THEN hi ELSE '' END
    AND ($since IS NULL OR r.date + '~' >= $since)
    AND ($actor IS NULL OR s IN focus OR t IN focus)
  WITH r, CASE WHEN t IN focus AND NOT s IN focus THEN [t, s] ELSE [s, t] END AS pair
  WITH r, pair[0] AS a, pair[1] AS b
  ORDER BY r.date, a.name, b.name, r.article_id
  LIMIT $limit
  RETURN r, a, b
  UNION ALL
  // an actor with fewer events: from its own edges
  UNWIND CASE WHEN focus_events <= 20000 THEN focus ELSE [] END AS x
  MATCH (x)-[r:MET_WITH]-(:Entity)
  WHERE r.date IS NOT NULL
    AND ($since IS NULL OR r.date + '~' >= $since)
    AND ($until IS NULL OR r.date <= $until + '~')
  WITH DISTINCT r, startNode(r) AS s, endNode(r) AS t
  WITH r, CASE WHEN t IN focus AND NOT s IN focus THEN [t, s] ELSE [s, t] END AS pair
  RETURN r, pair[0] AS a, pair[1] AS b
}
WITH focus, collect([r, a, b]) AS found
CALL (focus, found) {
  // undated meetings come last: read only when the dated ones do not fill the page
  UNWIND CASE WHEN $since IS NULL AND $until IS NULL AND size(found) < $limit THEN [1] ELSE [] END AS go
  CALL (focus) {
    UNWIND CASE WHEN $actor IS NULL THEN [1] ELSE [] END AS all
    MATCH (s:Entity)-[r:MET_WITH]->(t:Entity)
    WHERE r.date IS NULL
    RETURN r, s, t
    UNION
    UNWIND focus AS x
    MATCH (x)-[r:MET_WITH]-(:Entity)
    WHERE r.date IS NULL
    RETURN r, startNode(r) AS s, endNode(r) AS t
  }
  WITH r, CASE WHEN t IN focus AND NOT s IN focus THEN [t, s] ELSE [s, t] END AS pair
  RETURN collect([r, pair[0], pair[1]]) AS undated
}
UNWIND found + undated AS row
WITH row[0] AS r, row[1] AS a, row[2] AS b
ORDER BY r.date, a.name, b.name, r.article_id
LIMIT $limit
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN r.date AS date,
       a.name AS side_a, head(a.countries) AS country_a,
       b.name AS side_b, head(b.countries) AS country_b,
       r.mode AS mode, r.evidence AS evidence, r.article_id AS article_id, article.title AS title
ORDER BY date, side_a, side_b, article_id
LIMIT $limit
