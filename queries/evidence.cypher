// 問い: 二者のあいだの結びつき(エッジ)の根拠となった記事と文は何か。
// Question: Which articles and sentences are behind the edges between two actors?
// @param a: string — one side (id, name or alias: ルビオ, USA)
// @param b: string — the other side (id, name or alias: ジャイシャンカル, IND)
// @param type: string = null — only this event type (MET_WITH, SIGNED, ...); null: all
// @param affiliates: bool = false — also the edges of the people and organizations acting for a or b
// @param limit: int = 100 — at most this many rows
// Example: geokg query evidence --param a=ルビオ --param b=ジャイシャンカル
//
// Every event edge between the two, in either direction, and the SIGNED edges of both when they
// signed the same agreement; each with its date, mode, trigger word, evidence sentence and article.
// The pairs come from the CONTACT and COSIGNED summaries, so a busy actor's other edges are not read.
WITH COLLECT {
  MATCH path = (n:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE (x.id = $a OR x.iso3 = $a OR x.name = $a OR x.name_en = $a OR x.alias_key CONTAINS '|' + $a + '|')
    AND ($affiliates OR length(path) = 0)
  RETURN DISTINCT n
} AS side_a, COLLECT {
  MATCH path = (n:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE (x.id = $b OR x.iso3 = $b OR x.name = $b OR x.name_en = $b OR x.alias_key CONTAINS '|' + $b + '|')
    AND ($affiliates OR length(path) = 0)
  RETURN DISTINCT n
} AS side_b
CALL (side_a, side_b) {
  // the pairs with an event between them, from their CONTACT summaries; then those events
  UNWIND side_a AS x
  MATCH (x)-[c:CONTACT]-(y:Entity)
  WHERE c.direct AND y IN side_b
  MATCH (x)-[r:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]-(y)
  RETURN r
  UNION
  UNWIND side_a AS x
  MATCH (x)-[:COSIGNED]-(y:Entity)
  WHERE y IN side_b
  MATCH (x)-[r1:SIGNED]->(:Agreement)<-[r2:SIGNED]-(y)
  UNWIND [r1, r2] AS r
  RETURN r
}
WITH r
WHERE $type IS NULL OR type(r) = toUpper($type)
OPTIONAL MATCH (article:Article {id: r.article_id})
RETURN r.date AS date, startNode(r).name AS subject, type(r) AS event, endNode(r).name AS object,
       r.mode AS mode, r.trigger AS trigger, r.evidence AS evidence,
       r.article_id AS article_id, article.title AS title, article.url AS url
ORDER BY date, article_id, event, subject, object, trigger, evidence
LIMIT $limit
