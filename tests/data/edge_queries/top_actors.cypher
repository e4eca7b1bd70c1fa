// Reference: events per actor from the edges; no articles column; types sorted.
MATCH (a:Entity)-[r:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]-(:Entity)
WHERE NOT a:Agreement
  AND ($since IS NULL OR r.date + '~' >= $since)
  AND ($until IS NULL OR r.date <= $until + '~')
WITH a, count(DISTINCT r) AS events, collect(DISTINCT type(r)) AS types
ORDER BY events DESC, a.name, a.id
LIMIT $limit
RETURN a.name AS actor, [l IN labels(a) WHERE l <> 'Entity'][0] AS label,
       head(COLLECT { MATCH (a)-[:HOLDS_ROLE|BASED_IN*0..2]->(c:Country) RETURN c.iso3 ORDER BY c.iso3 }) AS country,
       events, COLLECT { UNWIND types AS t RETURN t ORDER BY t } AS types, a.id AS id
ORDER BY events DESC, actor, id
