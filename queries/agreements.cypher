// 問い: どんな協定・合意があり、誰がいつ署名・提案・合意したか。
// Question: Which agreements exist, who signed, proposed or agreed them, and when?
// @param party: string = null — only agreements this country, person or organization signed, proposed or agreed (id, name or alias); a country also matches the people and organizations acting for it
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param limit: int = 200 — at most this many rows
// Example: geokg query agreements --param party=RWA
//
// One row per agreement and article that mentions it. signed_by and proposed_by come from the
// SIGNED and PROPOSED edges of that article; agreed_by lists the parties of the article's
// AGREED events (an AGREED event is between actors, not attached to the agreement). date is the
// earliest dated signing or proposal in the article (kept on the article's MENTIONS of the
// agreement as act_date, and indexed); with a window, a row is listed when its date is in it.
WITH COLLECT {
  MATCH (a:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE x.id = $party OR x.iso3 = $party OR x.name = $party OR x.name_en = $party OR x.alias_key CONTAINS '|' + $party + '|'
  RETURN DISTINCT a
} AS focus, CASE WHEN $since IS NULL THEN '' ELSE left($since, 4) END AS lo,
  CASE WHEN $until IS NULL THEN '~' ELSE $until + '~' END AS hi
CALL (focus, lo, hi) {
  // every agreement: in date order from the act_date index (an empty range when a party is given)
  MATCH (article:Article)-[m:MENTIONS]->(agreement:Agreement)
  WHERE m.act_date >= lo AND m.act_date <= CASE WHEN $party IS NULL THEN hi ELSE '' END AND ($since IS NULL OR m.act_date + '~' >= $since)
  WITH article, agreement, m ORDER BY m.act_date, agreement.name, article.id LIMIT $limit
  RETURN article, agreement, m.act_date AS date
  UNION ALL
  // one party's: from its signings, proposals and agreements
  UNWIND focus AS p
  CALL (p) {
    MATCH (p)-[r:SIGNED|PROPOSED]->(agreement:Agreement)
    MATCH (article:Article {id: r.article_id})-[:MENTIONS]->(agreement)
    RETURN article, agreement
    UNION
    MATCH (p)-[g:AGREED]-(:Entity)
    MATCH (article:Article {id: g.article_id})-[:MENTIONS]->(agreement:Agreement)
    RETURN article, agreement
  }
  WITH DISTINCT article, agreement
  MATCH (article)-[m:MENTIONS]->(agreement)
  WHERE ($since IS NULL OR m.act_date + '~' >= $since) AND ($until IS NULL OR m.act_date <= $until + '~')
  RETURN article, agreement, m.act_date AS date
}
WITH collect([article, agreement, date]) AS found
CALL (found) {
  // undated rows come last: read only when the dated ones do not fill the page
  UNWIND CASE WHEN $party IS NULL AND $since IS NULL AND $until IS NULL AND size(found) < $limit
              THEN [1] ELSE [] END AS go
  MATCH (article:Article)-[m:MENTIONS]->(agreement:Agreement)
  WHERE m.act_date IS NULL
  RETURN collect([article, agreement, null]) AS undated
}
UNWIND found + undated AS row
WITH row[0] AS article, row[1] AS agreement, row[2] AS date
WITH article, agreement, date ORDER BY date, agreement.name, article.id LIMIT $limit
WITH article, agreement, date,
     COLLECT { MATCH (p:Entity)-[r:SIGNED]->(agreement) WHERE r.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS signers,
     COLLECT { MATCH (p:Entity)-[r:PROPOSED]->(agreement) WHERE r.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS proposers,
     COLLECT { MATCH (:Entity)-[r:SIGNED|PROPOSED]->(agreement) WHERE r.article_id = article.id
               RETURN r ORDER BY r.date, r.uid } AS acts,
     COLLECT { MATCH (p:Entity)-[g:AGREED]-(:Entity) WHERE g.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS agreed
RETURN agreement.name AS agreement, agreement.kind AS kind,
       [p IN signers | p.name] AS signed_by,
       [p IN proposers | p.name] AS proposed_by,
       [p IN agreed | p.name] AS agreed_by,
       date,
       head([r IN acts | r.mode]) AS mode,
       head([r IN acts WHERE r.evidence <> '' | r.evidence]) AS evidence,
       article.id AS article_id, article.title AS title, agreement.id AS id
ORDER BY date, agreement, article_id
