// 問い: ある国・人物・組織が関わった出来事には、日付順に何があったか(根拠の文とともに)。
// Question: What events involve one actor, in date order, with the evidence for each?
// @param actor: string — the country, person or organization (id, name or alias: JPN, 日本, ルビオ)
// @param affiliates: bool = true — for a country or organization, also the events of the people and organizations acting for it
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param limit: int = 500 — at most this many rows
// Example: geokg query timeline --param actor=JPN
//
// Events are ordered by their own date (when they happened, to the precision the text gives:
// 2026-01 comes before 2026-01-05); undated events come last, by article. With a window,
// undated events are left out. For a busy actor the events are read from the date indexes up
// to the day by which the actor alone has `limit` events (its ACTIVITY summaries say which);
// for the others from their own edges.
WITH COLLECT {
  MATCH path = (a:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE (x.id = $actor OR x.iso3 = $actor OR x.name = $actor OR x.name_en = $actor OR x.alias_key CONTAINS '|' + $actor + '|')
    AND ($affiliates OR length(path) = 0)
  RETURN DISTINCT a
} AS focus, head(COLLECT {
  MATCH (x:Entity)
  WHERE x.id = $actor OR x.iso3 = $actor OR x.name = $actor OR x.name_en = $actor OR x.alias_key CONTAINS '|' + $actor + '|'
  RETURN x ORDER BY coalesce(x.event_count, 0) DESC, x.id
}) AS named
// the actor's events per month, in the months the window covers whole
WITH focus, named, COLLECT {
  MATCH (named)-[x:ACTIVITY]->(named)
  UNWIND range(0, size(x.months) - 1) AS i
  WITH x.months[i] AS month, x.month_counts[i] AS n
  WHERE ($since IS NULL OR month + CASE WHEN size(month) = 4 THEN '~' ELSE '-01~' END >= $since)
    AND ($until IS NULL OR month + CASE WHEN size(month) = 4 THEN '' ELSE '-31' END <= $until + '~')
  WITH month, sum(n) AS n ORDER BY month
  RETURN [month, n]
} AS months
WITH focus, named, reduce(acc = [0, null], m IN months |
       CASE WHEN acc[1] IS NOT NULL THEN acc WHEN acc[0] + m[1] >= $limit THEN [acc[0], m[0]] ELSE [acc[0] + m[1], null] END
     ) AS reached
// and, in the month where they reach the limit, per day: the last day the page can need
WITH focus, reached, COLLECT {
  MATCH (named)-[x:ACTIVITY]->(named)
  WHERE reached[1] IS NOT NULL
  WITH x, [i IN range(0, size(x.months) - 1) WHERE x.months[i] = reached[1]] AS at
  WHERE size(at) = 1
  UNWIND range(x.month_start[at[0]], x.month_start[at[0] + 1] - 1) AS j
  WITH x.dates[j] AS day, x.counts[j] AS n
  WITH day, sum(n) AS n ORDER BY day
  RETURN [day, n]
} AS days
WITH focus, CASE WHEN $since IS NULL THEN '' ELSE left($since, 4) END AS lo,
     CASE WHEN reached[1] IS NULL THEN null ELSE reduce(acc = [reached[0], null], d IN days |
       CASE WHEN acc[1] IS NOT NULL THEN acc WHEN acc[0] + d[1] >= $limit THEN [acc[0], d[0]] ELSE [acc[0] + d[1], null] END
     )[1] END AS stop
CALL (focus, lo, stop) {
  UNWIND CASE WHEN stop IS NULL THEN [] ELSE [1] END AS go
  CALL (focus, lo, stop) {
    MATCH (s:Entity)-[r:MET_WITH]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:SIGNED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:AGREED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:PROPOSED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:REQUESTED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:SUPPORTED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:INVESTED_IN]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:COOPERATED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:RESTRICTED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:CRITICIZED]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:FOUGHT]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
    UNION ALL
    MATCH (s:Entity)-[r:REDUCES_DEPENDENCE_ON]->(t:Entity)
    WHERE r.date >= lo AND r.date <= stop AND ($since IS NULL OR r.date + '~' >= $since) AND (s IN focus OR t IN focus)
    RETURN r
  }
  RETURN r
  UNION ALL
  UNWIND CASE WHEN stop IS NULL THEN focus ELSE [] END AS a
  MATCH (a)-[r:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]-(:Entity)
  WHERE ($since IS NULL OR r.date + '~' >= $since)
    AND ($until IS NULL OR r.date <= $until + '~')
  RETURN r
}
WITH DISTINCT r
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN r.date AS date, startNode(r).name AS subject, type(r) AS event, endNode(r).name AS object,
       r.mode AS mode, r.evidence AS evidence, r.article_id AS article_id, article.title AS title
ORDER BY date, coalesce(article.published, article.reference_date), article_id, event, subject, object
LIMIT $limit
