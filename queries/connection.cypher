// 問い: 二者(国・人物・組織・協定)は出来事を介してどうつながっているか。
// Question: How are two actors connected: the shortest paths between them through events?
// @param a: string — one end (id, name or alias: 片山さつき, JPN, 日本)
// @param b: string — the other end (id, name or alias: G7, 米国)
// @param max_hops: int = 4 — longest path to look for (at most 6)
// @param via_roles: bool = true — also step along HOLDS_ROLE and BASED_IN (a person to the country they act for)
// @param limit: int = 10 — at most this many paths
// Example: geokg query connection --param a=片山さつき --param b=G7
//
// Paths follow the pairs linked by events in either direction (their CONTACT summaries, one per
// pair) and, with via_roles, the links from people and organizations to the country they act
// for; `path` shows each step with its event types and the pair's latest event date (or the
// arrow and type of a role link); `relations` the same per step, `article_ids` the latest
// article of each event step. All shortest paths are listed (paths that read the same, e.g.
// through two role titles of one person, once).
MATCH (x:Entity)
WHERE x.id = $a OR x.iso3 = $a OR x.name = $a OR x.name_en = $a OR x.alias_key CONTAINS '|' + $a + '|'
MATCH (y:Entity)
WHERE y.id = $b OR y.iso3 = $b OR y.name = $b OR y.name_en = $b OR y.alias_key CONTAINS '|' + $b + '|'
WITH x, y
WHERE x <> y
MATCH p = allShortestPaths((x)-[:CONTACT|HOLDS_ROLE|BASED_IN*..6]-(y))
WHERE length(p) <= $max_hops
  AND all(rel IN relationships(p) WHERE type(rel) <> 'CONTACT' OR rel.direct)
  AND ($via_roles OR none(rel IN relationships(p) WHERE type(rel) IN ['HOLDS_ROLE', 'BASED_IN']))
WITH p, nodes(p) AS ns, relationships(p) AS rs
WITH p, ns, rs,
     [r IN rs | (CASE WHEN type(r) = 'CONTACT'
                      THEN reduce(t = '', x IN r.types | t + (CASE WHEN t = '' THEN '' ELSE ',' END) + x)
                      ELSE type(r) END)] AS steps
RETURN DISTINCT length(p) AS hops,
       reduce(text = ns[0].name, i IN range(0, size(rs) - 1) |
              text + CASE WHEN type(rs[i]) = 'CONTACT' THEN ' -[' + steps[i] + coalesce(' ' + rs[i].last_date, '') + ']- '
                          WHEN startNode(rs[i]) = ns[i] THEN ' -[' + steps[i] + ']-> '
                          ELSE ' <-[' + steps[i] + ']- ' END
                   + ns[i + 1].name) AS path,
       [n IN ns | n.name] AS nodes,
       steps AS relations,
       [r IN rs WHERE r.last_article IS NOT NULL | r.last_article] AS article_ids
ORDER BY hops, path
LIMIT $limit
