// 問い: 誰がどんな役職にあるか(国で絞ることもできる)。
// Question: Which people appear, with their roles, and how often?
// @param country: string = null — only roles held for this country or its organizations (ISO3, name or alias); null: everyone
// @param limit: int = 200 — at most this many rows
// Example: geokg query people --param country=JPN
//
// One row per person and role (HOLDS_ROLE: title, where, as_of = the latest article date it was
// seen, first_seen = the earliest). country is the role's country: the country itself, or the
// country its organization is BASED_IN. articles counts the articles mentioning the person,
// events the event edges they are on. People without a known role are listed (without a
// country) only when no country is asked for.
MATCH (p:Person)
OPTIONAL MATCH (p)-[h:HOLDS_ROLE]->(at:Entity)
WITH p, h, at,
     head(COLLECT { MATCH (at)-[:BASED_IN*0..1]->(c:Country) RETURN c ORDER BY c.iso3 }) AS country
WHERE $country IS NULL
   OR country.iso3 = $country OR country.name = $country OR country.name_en = $country
   OR $country IN country.aliases
RETURN p.name AS person, coalesce(h.title, p.role) AS title, at.name AS at, country.iso3 AS country,
       h.as_of AS as_of, h.first_seen AS first_seen,
       COUNT { (:Article)-[:MENTIONS]->(p) } AS articles,
       COUNT { (p)-[:MET_WITH|SIGNED|AGREED|PROPOSED|REQUESTED|SUPPORTED|INVESTED_IN|COOPERATED|RESTRICTED|CRITICIZED|FOUGHT|REDUCES_DEPENDENCE_ON]-(:Entity) } AS events,
       p.id AS id
ORDER BY country, person, as_of DESC, title, at, id
LIMIT $limit
