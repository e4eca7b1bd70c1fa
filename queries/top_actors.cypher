// 問い: 期間中もっとも活発に動いたのは誰か(出来事の件数順)。
// Question: Who are the most active actors in a date window, by number of events?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param limit: int = 10 — how many actors
// Example: geokg query top_actors --param limit=5
//
// events counts the event edges an actor is on either side of (agreements are not actors) whose
// date is in the window (undated ones only without a window); types lists their event types.
// Ties are broken by name, then id. Read from the ACTIVITY summaries (per actor and type, events
// by date and by month): the most active of all time give a lower bound of the window's last
// place, and only actors with at least that many events in all are counted for the window
// (the lists are read once per summary, then summed).
// The window as bounds on month buckets (w.lo, w.hx: every date of a month from w.lo up to,
// not including, w.hx is in it; w.olo, w.ohi: no date of a month before w.olo or after w.ohi
// is; w.ylo, w.yhi: the same for a year-only date), so that each month costs a comparison
WITH {lo: (CASE WHEN $since IS NULL THEN '' WHEN size($since) < 10 OR right($since, 2) = '01' THEN left($since, 7)
               ELSE left($since, 7) + '~' END),
      hx: (CASE WHEN $until IS NULL THEN '~' WHEN size($until) < 10 THEN $until + '~'
               WHEN right($until, 2) = '31' THEN left($until, 7) + '~' ELSE left($until, 7) END),
      olo: coalesce(left($since, 7), ''),
      ohi: (CASE WHEN $until IS NULL THEN '~' WHEN size($until) = 4 THEN $until + '~' ELSE left($until, 7) END),
      ylo: coalesce(left($since, 4), ''), yhi: coalesce(left($until, 4), '~')} AS w
CALL (w) {
  MATCH (a:Entity)
  WHERE a.event_count > 0 AND NOT a:Agreement
  WITH a ORDER BY a.event_count DESC LIMIT $limit * 5
  CALL (a, w) {
    MATCH (a)-[x:ACTIVITY]->(a)
    WITH x, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE x.months END AS ms
    WITH x, ms, CASE WHEN size(ms) = 0 THEN [] ELSE x.month_counts END AS mc,
         CASE WHEN size(ms) = 0 THEN [] ELSE x.month_start END AS st,
         size([m IN ms WHERE size(m) = 7 AND NOT (m >= w.lo AND m < w.hx)
                            AND NOT (m < w.olo OR m > w.ohi)]) > 0 AS cut
    WITH x, ms, mc, st, CASE WHEN cut THEN x.dates ELSE [] END AS ds,
         CASE WHEN cut THEN x.counts ELSE [] END AS cs
    RETURN sum(CASE WHEN $since IS NULL AND $until IS NULL THEN x.count ELSE
      reduce(n = 0, i IN range(0, size(ms) - 1) | n + CASE
        WHEN size(ms[i]) = 4 THEN CASE WHEN ms[i] < w.ylo OR ms[i] > w.yhi THEN 0 ELSE mc[i] END
        WHEN ms[i] >= w.lo AND ms[i] < w.hx THEN mc[i]
        WHEN ms[i] < w.olo OR ms[i] > w.ohi THEN 0
        ELSE reduce(m = 0, j IN range(st[i], st[i + 1] - 1) | m + CASE
          WHEN ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
          THEN cs[j] ELSE 0 END)
      END) END) AS events
  }
  WITH events ORDER BY events DESC
  WITH collect(events) AS ns
  RETURN CASE WHEN size(ns) < $limit OR ns[$limit - 1] < 1 THEN 1 ELSE ns[$limit - 1] END AS bound
}
MATCH (a:Entity)
WHERE a.event_count >= bound AND NOT a:Agreement
CALL (a, w) {
  MATCH (a)-[x:ACTIVITY]->(a)
  WITH x, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE x.months END AS ms
  WITH x, ms, CASE WHEN size(ms) = 0 THEN [] ELSE x.month_counts END AS mc,
       CASE WHEN size(ms) = 0 THEN [] ELSE x.month_start END AS st,
       size([m IN ms WHERE size(m) = 7 AND NOT (m >= w.lo AND m < w.hx)
                          AND NOT (m < w.olo OR m > w.ohi)]) > 0 AS cut
  WITH x, ms, mc, st, CASE WHEN cut THEN x.dates ELSE [] END AS ds,
       CASE WHEN cut THEN x.counts ELSE [] END AS cs
  WITH x, CASE WHEN $since IS NULL AND $until IS NULL THEN x.count ELSE
    reduce(n = 0, i IN range(0, size(ms) - 1) | n + CASE
      WHEN size(ms[i]) = 4 THEN CASE WHEN ms[i] < w.ylo OR ms[i] > w.yhi THEN 0 ELSE mc[i] END
      WHEN ms[i] >= w.lo AND ms[i] < w.hx THEN mc[i]
      WHEN ms[i] < w.olo OR ms[i] > w.ohi THEN 0
      ELSE reduce(m = 0, j IN range(st[i], st[i + 1] - 1) | m + CASE
        WHEN ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
        THEN cs[j] ELSE 0 END)
    END) END AS n
  WHERE n > 0
  WITH x.type AS type, n ORDER BY type
  RETURN sum(n) AS events, collect(type) AS types
}
WITH a, events, types
WHERE events > 0
ORDER BY events DESC, a.name, a.id
LIMIT $limit
RETURN a.name AS actor, [l IN labels(a) WHERE l <> 'Entity'][0] AS label, head(a.countries) AS country,
       events, types, a.id AS id
ORDER BY events DESC, actor, id
