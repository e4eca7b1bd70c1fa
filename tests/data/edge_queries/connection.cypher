// 問い: 二者(国・人物・組織・協定)は出来事を介してどうつながっているか。
// Question: How are two actors connected: the shortest paths between them through events?
// @param a: string — one end (id, name or alias: 片山さつき, JPN, 日本)
// @param b: string — the other end (id, name or alias: G7, 米国)
// @param max_hops: int = 4 — longest path to look for (at most 6)
// @param via_roles: bool = true — also step along HOLDS_ROLE and BASED_IN (a person to the country they act for)
// @param limit: int = 10 — at most this many paths
// Example: geokg query connection --param a=片山さつき --param b=G7
//
// Paths follow event relationships in either direction (and, with via_roles, the links from
// people and organizations to the country they act for); `path` shows each step with its
// arrow, type and event date. All shortest paths are listed (paths that read the same, e.g.
// through two role titles of one person, once).
MATCH (x:Entity)
WHERE x.id = $a OR x.iso3 = $a OR x.name = $a OR x.name_en = $a OR $a IN x.aliases
MATCH (y:Entity)
WHERE y.id = $b OR y.iso3 = $b OR y.name = $b OR y.name_en = $b OR $b IN y.aliases
WITH x, y
WHERE x <> y
MATCH p = allShortestPaths((x)-[:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON|HOLDS_ROLE|BASED_IN*..6]-(y))
WHERE length(p) <= $max_hops
  AND ($via_roles OR none(rel IN relationships(p) WHERE type(rel) IN ['HOLDS_ROLE', 'BASED_IN']))
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN DISTINCT length(p) AS hops,
       reduce(text = ns[0].name, i IN range(0, size(rs) - 1) |
              text + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' ELSE ' <-[' END
                   + type(rs[i]) + coalesce(' ' + rs[i].date, '')
                   + CASE WHEN startNode(rs[i]) = ns[i] THEN ']-> ' ELSE ']- ' END
                   + ns[i + 1].name) AS path,
       [n IN ns | n.name] AS nodes,
       [r IN rs | type(r)] AS relations,
       [r IN rs WHERE r.article_id IS NOT NULL | r.article_id] AS article_ids
ORDER BY hops, path
LIMIT $limit
