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
// undated events are left out.
WITH COLLECT {
  MATCH path = (a:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE (x.id = $actor OR x.iso3 = $actor OR x.name = $actor OR x.name_en = $actor OR $actor IN x.aliases)
    AND ($affiliates OR length(path) = 0)
  RETURN DISTINCT a
} AS focus
UNWIND focus AS a
MATCH (a)-[r:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]-(:Entity)
WHERE ($since IS NULL OR r.date + '~' >= $since)
  AND ($until IS NULL OR r.date <= $until + '~')
WITH DISTINCT r
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN r.date AS date, startNode(r).name AS subject, type(r) AS event, endNode(r).name AS object,
       r.mode AS mode, r.evidence AS evidence, r.article_id AS article_id, article.title AS title
ORDER BY date, coalesce(article.published, article.reference_date), article_id, event, subject, object
LIMIT $limit
