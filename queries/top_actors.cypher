// 問い: 期間中もっとも活発に動いたのは誰か(出来事の件数順)。
// Question: Who are the most active actors in a date window, by number of events?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param limit: int = 10 — how many actors
// Example: geokg query top_actors --param limit=5
//
// events counts the event edges an actor is on either side of (agreements are not actors);
// articles counts the articles those events come from. Ties are broken by articles, then name.
MATCH (a:Entity)-[r:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]-(:Entity)
WHERE NOT a:Agreement
  AND ($since IS NULL OR r.date + '~' >= $since)
  AND ($until IS NULL OR r.date <= $until + '~')
WITH a, count(DISTINCT r) AS events, count(DISTINCT r.article_id) AS articles,
     collect(DISTINCT type(r)) AS types
ORDER BY events DESC, articles DESC, a.name, a.id
LIMIT $limit
RETURN a.name AS actor, [l IN labels(a) WHERE l <> 'Entity'][0] AS label,
       head(COLLECT { MATCH (a)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c.iso3 ORDER BY c.iso3 }) AS country,
       events, articles, types, a.id AS id
ORDER BY events DESC, articles DESC, actor, id
