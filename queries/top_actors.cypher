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
// is; w.ylo, w.yhi: the same for a year-only date, and for the years it touches; w.fy, w.fyx:
// every date of a year from w.fy up to, not including, w.fyx is in it), so that a year the
// window covers whole costs one comparison, months are read only in the (at most two) years
// it cuts, and dates only in the months it cuts. A graph not yet migrated to year buckets
// (migration 5) has them computed from its months.
WITH {lo: (CASE WHEN $since IS NULL THEN '' WHEN size($since) < 10 OR right($since, 2) = '01' THEN left($since, 7)
               ELSE left($since, 7) + '~' END),
      hx: (CASE WHEN $until IS NULL THEN '~' WHEN size($until) < 10 THEN $until + '~'
               WHEN right($until, 2) = '31' THEN left($until, 7) + '~' ELSE left($until, 7) END),
      olo: coalesce(left($since, 7), ''),
      ohi: (CASE WHEN $until IS NULL THEN '~' WHEN size($until) = 4 THEN $until + '~' ELSE left($until, 7) END),
      ylo: coalesce(left($since, 4), ''), yhi: coalesce(left($until, 4), '~'),
      fy: (CASE WHEN $since IS NULL THEN '' WHEN $since <= left($since, 4) + '-01-01' THEN left($since, 4)
               ELSE toString(toInteger(left($since, 4)) + 1) END),
      fyx: (CASE WHEN $until IS NULL THEN '~' WHEN $until + '~' >= left($until, 4) + '-12-31'
                THEN toString(toInteger(left($until, 4)) + 1) ELSE left($until, 4) END)} AS w
CALL (w) {
  MATCH (a:Entity)
  WHERE a.event_count > 0 AND NOT a:Agreement
  WITH a ORDER BY a.event_count DESC LIMIT $limit * 5
  CALL (a, w) {
    MATCH (a)-[x:ACTIVITY]->(a)
    WITH x, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE coalesce(x.years,
       reduce(acc = [], m IN x.months | acc + CASE WHEN left(m, 4) IN acc THEN [] ELSE [left(m, 4)] END)) END AS ys
    WITH x, ys, CASE WHEN size(ys) = 0 THEN [] ELSE coalesce(x.year_counts, [y IN ys |
       reduce(n = 0, i IN range(0, size(x.months) - 1) | n + CASE WHEN left(x.months[i], 4) = y
                                                               THEN x.month_counts[i] ELSE 0 END)]) END AS yc,
         [y IN range(0, size(ys) - 1) WHERE NOT (ys[y] < w.ylo OR ys[y] > w.yhi)
                                        AND NOT (ys[y] >= w.fy AND ys[y] < w.fyx)] AS cy
    WITH x, ys, yc, cy, CASE WHEN size(cy) = 0 THEN [] ELSE x.months END AS ms,
         CASE WHEN size(cy) = 0 THEN [] ELSE x.month_counts END AS mc,
         CASE WHEN size(cy) = 0 THEN [] ELSE x.month_start END AS st,
         CASE WHEN size(cy) = 0 THEN [] ELSE coalesce(x.year_start,
       [i IN range(0, size(x.months) - 1) WHERE i = 0 OR left(x.months[i], 4) <> left(x.months[i - 1], 4)]
       + [size(x.months)]) END AS yst
    WITH x, ys, yc, ms, mc, st, yst,
         size([y IN cy WHERE size([i IN range(yst[y], yst[y + 1] - 1) WHERE size(ms[i]) = 7
           AND NOT (ms[i] >= w.lo AND ms[i] < w.hx) AND NOT (ms[i] < w.olo OR ms[i] > w.ohi)]) > 0]) > 0 AS cut
    WITH x, ys, yc, ms, mc, st, yst, CASE WHEN cut THEN x.dates ELSE [] END AS ds,
         CASE WHEN cut THEN x.counts ELSE [] END AS cs
    RETURN sum(CASE WHEN $since IS NULL AND $until IS NULL THEN x.count ELSE
      reduce(n = 0, y IN range(0, size(ys) - 1) | n + CASE
        WHEN ys[y] < w.ylo OR ys[y] > w.yhi THEN 0
        WHEN ys[y] >= w.fy AND ys[y] < w.fyx THEN yc[y]
        ELSE reduce(k = 0, i IN range(yst[y], yst[y + 1] - 1) | k + CASE
          WHEN size(ms[i]) = 4 OR (ms[i] >= w.lo AND ms[i] < w.hx) THEN mc[i]
          WHEN ms[i] < w.olo OR ms[i] > w.ohi THEN 0
          ELSE reduce(m = 0, j IN range(st[i], st[i + 1] - 1) | m + CASE
            WHEN ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
            THEN cs[j] ELSE 0 END)
        END)
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
  WITH x, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE coalesce(x.years,
       reduce(acc = [], m IN x.months | acc + CASE WHEN left(m, 4) IN acc THEN [] ELSE [left(m, 4)] END)) END AS ys
  WITH x, ys, CASE WHEN size(ys) = 0 THEN [] ELSE coalesce(x.year_counts, [y IN ys |
       reduce(n = 0, i IN range(0, size(x.months) - 1) | n + CASE WHEN left(x.months[i], 4) = y
                                                               THEN x.month_counts[i] ELSE 0 END)]) END AS yc,
       [y IN range(0, size(ys) - 1) WHERE NOT (ys[y] < w.ylo OR ys[y] > w.yhi)
                                      AND NOT (ys[y] >= w.fy AND ys[y] < w.fyx)] AS cy
  WITH x, ys, yc, cy, CASE WHEN size(cy) = 0 THEN [] ELSE x.months END AS ms,
       CASE WHEN size(cy) = 0 THEN [] ELSE x.month_counts END AS mc,
       CASE WHEN size(cy) = 0 THEN [] ELSE x.month_start END AS st,
       CASE WHEN size(cy) = 0 THEN [] ELSE coalesce(x.year_start,
       [i IN range(0, size(x.months) - 1) WHERE i = 0 OR left(x.months[i], 4) <> left(x.months[i - 1], 4)]
       + [size(x.months)]) END AS yst
  WITH x, ys, yc, ms, mc, st, yst,
       size([y IN cy WHERE size([i IN range(yst[y], yst[y + 1] - 1) WHERE size(ms[i]) = 7
         AND NOT (ms[i] >= w.lo AND ms[i] < w.hx) AND NOT (ms[i] < w.olo OR ms[i] > w.ohi)]) > 0]) > 0 AS cut
  WITH x, ys, yc, ms, mc, st, yst, CASE WHEN cut THEN x.dates ELSE [] END AS ds,
       CASE WHEN cut THEN x.counts ELSE [] END AS cs
  WITH x, CASE WHEN $since IS NULL AND $until IS NULL THEN x.count ELSE
    reduce(n = 0, y IN range(0, size(ys) - 1) | n + CASE
      WHEN ys[y] < w.ylo OR ys[y] > w.yhi THEN 0
      WHEN ys[y] >= w.fy AND ys[y] < w.fyx THEN yc[y]
      ELSE reduce(k = 0, i IN range(yst[y], yst[y + 1] - 1) | k + CASE
        WHEN size(ms[i]) = 4 OR (ms[i] >= w.lo AND ms[i] < w.hx) THEN mc[i]
        WHEN ms[i] < w.olo OR ms[i] > w.ohi THEN 0
        ELSE reduce(m = 0, j IN range(st[i], st[i + 1] - 1) | m + CASE
          WHEN ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
          THEN cs[j] ELSE 0 END)
      END)
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
