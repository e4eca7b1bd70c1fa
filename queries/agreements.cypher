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
// earliest dated signing or proposal; with a window, an agreement is listed when one of those
// dates falls in it.
WITH COLLECT {
  MATCH (a:Entity)-[:HOLDS_ROLE|BASED_IN*0..2]->(x:Entity)
  WHERE x.id = $party OR x.iso3 = $party OR x.name = $party OR x.name_en = $party OR $party IN x.aliases
  RETURN DISTINCT a
} AS focus
MATCH (article:Article)-[:MENTIONS]->(agreement:Agreement)
WITH focus, article, agreement,
     COLLECT { MATCH (p:Entity)-[r:SIGNED]->(agreement) WHERE r.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS signers,
     COLLECT { MATCH (p:Entity)-[r:PROPOSED]->(agreement) WHERE r.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS proposers,
     COLLECT { MATCH (:Entity)-[r:SIGNED|PROPOSED]->(agreement) WHERE r.article_id = article.id
               RETURN r ORDER BY r.date } AS acts,
     COLLECT { MATCH (p:Entity)-[g:AGREED]-(:Entity) WHERE g.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS agreed
WHERE ($party IS NULL OR any(p IN signers + proposers + agreed WHERE p IN focus))
  AND (($since IS NULL AND $until IS NULL)
       OR any(r IN acts WHERE ($since IS NULL OR r.date + '~' >= $since)
                          AND ($until IS NULL OR r.date <= $until + '~')))
WITH article, agreement, signers, proposers, agreed, acts,
     [r IN acts WHERE r.date IS NOT NULL | r.date] AS dates,
     [r IN acts WHERE r.evidence <> '' | r.evidence] AS evidence
RETURN agreement.name AS agreement, agreement.kind AS kind,
       [p IN signers | p.name] AS signed_by,
       [p IN proposers | p.name] AS proposed_by,
       [p IN agreed | p.name] AS agreed_by,
       head(dates) AS date,
       head([r IN acts | r.mode]) AS mode,
       head(evidence) AS evidence,
       article.id AS article_id, article.title AS title, agreement.id AS id
ORDER BY date, agreement, article_id
LIMIT $limit
