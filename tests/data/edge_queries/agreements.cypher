// Reference: with a window, a row is listed when its date (the first dated act) is in it.
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
               RETURN r ORDER BY r.date, r.uid } AS acts,
     COLLECT { MATCH (p:Entity)-[g:AGREED]-(:Entity) WHERE g.article_id = article.id
               RETURN DISTINCT p ORDER BY p.name } AS agreed
WHERE ($party IS NULL OR any(p IN signers + proposers + agreed WHERE p IN focus))
  AND (($since IS NULL AND $until IS NULL)
       OR any(d IN [head([r IN acts WHERE r.date IS NOT NULL | r.date])]
              WHERE ($since IS NULL OR d + '~' >= $since) AND ($until IS NULL OR d <= $until + '~')))
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
