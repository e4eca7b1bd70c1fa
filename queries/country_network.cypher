// 問い: 期間中、国と国のあいだにどんな種類の結びつきが何件あったか。
// Question: Which ties link countries, by event type and count, in a date window?
// @param since: date = null — first day of the window (YYYY-MM-DD; YYYY-MM or YYYY also work); null: open
// @param until: date = null — last day of the window, inclusive; null: open
// @param types: list = null — only these event types, comma-separated (MET_WITH,SIGNED); null: all
// @param limit: int = 200 — at most this many rows
// Example: geokg query country_network --param since=2025-12-01 --param types=MET_WITH,COOPERATED,AGREED
//
// Every event counts for the countries its two sides act for: a country itself, a person's
// HOLDS_ROLE country, an organization's BASED_IN country. Co-signatories of an agreement are
// tied by SIGNED: each one's signings of the agreements they share. Ties of a country with
// itself are left out. Symmetric types (MET_WITH, AGREED, COOPERATED, FOUGHT, and co-signing)
// are listed once per pair with country_a < country_b and direction '—'; directed types go
// from country_a to country_b ('→'). first_date and last_date are the tie's event dates in
// the window. Read from the COUNTRY_TIE summaries (events by date and by month, kept by the
// loader): the window's counts of the largest ties of all time give a lower bound of its last
// place, and only ties with at least that many events in all are counted for the window.
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
                THEN toString(toInteger(left($until, 4)) + 1) ELSE left($until, 4) END)} AS w, [t IN coalesce($types, []) | toUpper(t)] AS wanted
CALL (wanted, w) {
  MATCH (:Country)-[x:COUNTRY_TIE]->(:Country)
  WHERE x.count > 0 AND ($types IS NULL OR x.type IN wanted)
  WITH x ORDER BY x.count DESC LIMIT $limit * 5
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
  WITH n ORDER BY n DESC
  WITH collect(n) AS ns
  RETURN CASE WHEN size(ns) < $limit OR ns[$limit - 1] < 1 THEN 1 ELSE ns[$limit - 1] END AS bound
}
MATCH (a:Country)-[x:COUNTRY_TIE]->(b:Country)
WHERE x.count >= bound AND ($types IS NULL OR x.type IN wanted)
WITH w, a, b, x, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE coalesce(x.years,
       reduce(acc = [], m IN x.months | acc + CASE WHEN left(m, 4) IN acc THEN [] ELSE [left(m, 4)] END)) END AS ys
WITH w, a, b, x, ys, CASE WHEN size(ys) = 0 THEN [] ELSE coalesce(x.year_counts, [y IN ys |
       reduce(n = 0, i IN range(0, size(x.months) - 1) | n + CASE WHEN left(x.months[i], 4) = y
                                                               THEN x.month_counts[i] ELSE 0 END)]) END AS yc,
     [y IN range(0, size(ys) - 1) WHERE NOT (ys[y] < w.ylo OR ys[y] > w.yhi)
                                    AND NOT (ys[y] >= w.fy AND ys[y] < w.fyx)] AS cy
WITH w, a, b, x, ys, yc, cy, CASE WHEN size(cy) = 0 THEN [] ELSE x.months END AS ms,
     CASE WHEN size(cy) = 0 THEN [] ELSE x.month_counts END AS mc,
     CASE WHEN size(cy) = 0 THEN [] ELSE x.month_start END AS st,
     CASE WHEN size(cy) = 0 THEN [] ELSE coalesce(x.year_start,
       [i IN range(0, size(x.months) - 1) WHERE i = 0 OR left(x.months[i], 4) <> left(x.months[i - 1], 4)]
       + [size(x.months)]) END AS yst
WITH w, a, b, x, ys, yc, ms, mc, st, yst,
     size([y IN cy WHERE size([i IN range(yst[y], yst[y + 1] - 1) WHERE size(ms[i]) = 7
       AND NOT (ms[i] >= w.lo AND ms[i] < w.hx) AND NOT (ms[i] < w.olo OR ms[i] > w.ohi)]) > 0]) > 0 AS cut
WITH w, a, b, x, ys, yc, ms, mc, st, yst, CASE WHEN cut THEN x.dates ELSE [] END AS ds,
     CASE WHEN cut THEN x.counts ELSE [] END AS cs
WITH w, a, b, x, CASE WHEN $since IS NULL AND $until IS NULL THEN x.count ELSE
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
  END) END AS events
WHERE events > 0
ORDER BY events DESC, a.iso3, b.iso3, x.type
LIMIT $limit
// the first and last dates: the tie's own without a window; in a window, the first date of the
// first month it reaches and the last date of the last one (month_first, month_last), unless it
// cuts that month: then the dates of the first three or the last two months it reaches are read
WITH a, b, x, events, w, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE x.months END AS ms
WITH a, b, x, events, w, ms,
     [i IN range(0, size(ms) - 1)
      WHERE NOT (($since IS NOT NULL AND ms[i] + '~' < $since) OR ($until IS NOT NULL AND ms[i] > $until + '~'))
     ] AS live
WITH a, b, x, events, w, ms, live, size(live) AS k
WITH a, b, x, events, live, k,
     k > 0 AND (x.month_first IS NULL OR (size(ms[live[0]]) = 7
                                          AND NOT (ms[live[0]] >= w.lo AND ms[live[0]] < w.hx))) AS cut0,
     k > 0 AND (x.month_last IS NULL OR (size(ms[live[k - 1]]) = 7
                                         AND NOT (ms[live[k - 1]] >= w.lo AND ms[live[k - 1]] < w.hx))) AS cut1
WITH a, b, x, events, live, k, cut0, cut1,
     CASE WHEN cut0 OR cut1 THEN x.month_start ELSE [] END AS st,
     CASE WHEN cut0 OR cut1 THEN x.dates ELSE [] END AS ds
WITH a, b, x, events,
     CASE WHEN k = 0 THEN [] WHEN NOT cut0 THEN [x.month_first[live[0]]] ELSE
       [j IN range(st[live[0]], st[live[CASE WHEN k > 3 THEN 2 ELSE k - 1 END] + 1] - 1)
        WHERE ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
        | ds[j]] END AS early,
     CASE WHEN k = 0 THEN [] WHEN NOT cut1 THEN [x.month_last[live[k - 1]]] ELSE
       [j IN range(st[live[CASE WHEN k > 2 THEN k - 2 ELSE 0 END]], st[live[k - 1] + 1] - 1)
        WHERE ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
        | ds[j]] END AS late
RETURN a.iso3 AS country_a, a.name AS name_a,
       CASE WHEN x.type IN ['MET_WITH', 'AGREED', 'COOPERATED', 'FOUGHT', 'SIGNED'] THEN '—' ELSE '→' END AS direction,
       b.iso3 AS country_b, b.name AS name_b, x.type AS type, events,
       CASE WHEN $since IS NULL AND $until IS NULL THEN x.first_date ELSE head(early) END AS first_date,
       CASE WHEN $since IS NULL AND $until IS NULL THEN x.last_date ELSE last(late) END AS last_date
ORDER BY events DESC, country_a, country_b, type
