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
// is; w.ylo, w.yhi: the same for a year-only date), so that each month costs a comparison
WITH {lo: (CASE WHEN $since IS NULL THEN '' WHEN size($since) < 10 OR right($since, 2) = '01' THEN left($since, 7)
               ELSE left($since, 7) + '~' END),
      hx: (CASE WHEN $until IS NULL THEN '~' WHEN size($until) < 10 THEN $until + '~'
               WHEN right($until, 2) = '31' THEN left($until, 7) + '~' ELSE left($until, 7) END),
      olo: coalesce(left($since, 7), ''),
      ohi: (CASE WHEN $until IS NULL THEN '~' WHEN size($until) = 4 THEN $until + '~' ELSE left($until, 7) END),
      ylo: coalesce(left($since, 4), ''), yhi: coalesce(left($until, 4), '~')} AS w, [t IN coalesce($types, []) | toUpper(t)] AS wanted
CALL (wanted, w) {
  MATCH (:Country)-[x:COUNTRY_TIE]->(:Country)
  WHERE x.count > 0 AND ($types IS NULL OR x.type IN wanted)
  WITH x ORDER BY x.count DESC LIMIT $limit * 5
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
  WITH n ORDER BY n DESC
  WITH collect(n) AS ns
  RETURN CASE WHEN size(ns) < $limit OR ns[$limit - 1] < 1 THEN 1 ELSE ns[$limit - 1] END AS bound
}
MATCH (a:Country)-[x:COUNTRY_TIE]->(b:Country)
WHERE x.count >= bound AND ($types IS NULL OR x.type IN wanted)
WITH w, a, b, x, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE x.months END AS ms
WITH w, a, b, x, ms, CASE WHEN size(ms) = 0 THEN [] ELSE x.month_counts END AS mc,
     CASE WHEN size(ms) = 0 THEN [] ELSE x.month_start END AS st,
     size([m IN ms WHERE size(m) = 7 AND NOT (m >= w.lo AND m < w.hx)
                        AND NOT (m < w.olo OR m > w.ohi)]) > 0 AS cut
WITH w, a, b, x, ms, mc, st, CASE WHEN cut THEN x.dates ELSE [] END AS ds,
     CASE WHEN cut THEN x.counts ELSE [] END AS cs
WITH w, a, b, x, ms, mc, st, ds, cs, CASE WHEN $since IS NULL AND $until IS NULL THEN x.count ELSE
    reduce(n = 0, i IN range(0, size(ms) - 1) | n + CASE
      WHEN size(ms[i]) = 4 THEN CASE WHEN ms[i] < w.ylo OR ms[i] > w.yhi THEN 0 ELSE mc[i] END
      WHEN ms[i] >= w.lo AND ms[i] < w.hx THEN mc[i]
      WHEN ms[i] < w.olo OR ms[i] > w.ohi THEN 0
      ELSE reduce(m = 0, j IN range(st[i], st[i + 1] - 1) | m + CASE
        WHEN ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
        THEN cs[j] ELSE 0 END)
    END) END AS events
WHERE events > 0
ORDER BY events DESC, a.iso3, b.iso3, x.type
LIMIT $limit
// the first and last dates: the tie's own without a window; in a window, they lie in the first
// three and the last two months it reaches (the dates are read for the rows of the page only)
WITH a, b, x, events, CASE WHEN $since IS NULL AND $until IS NULL THEN [] ELSE x.months END AS ms
WITH a, b, x, events, ms, CASE WHEN size(ms) = 0 THEN [] ELSE x.month_start END AS st,
     CASE WHEN size(ms) = 0 THEN [] ELSE x.dates END AS ds
WITH a, b, x, ms, st, ds, events,
     [i IN range(0, size(ms) - 1)
      WHERE NOT (($since IS NOT NULL AND ms[i] + '~' < $since) OR ($until IS NOT NULL AND ms[i] > $until + '~'))
     ] AS live
WITH a, b, x, st, ds, events, live, size(live) AS k
WITH a, b, x, events,
     CASE WHEN k = 0 THEN [] ELSE
       [j IN range(st[live[0]], st[live[CASE WHEN k > 3 THEN 2 ELSE k - 1 END] + 1] - 1)
        WHERE ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
        | ds[j]] END AS early,
     CASE WHEN k = 0 THEN [] ELSE
       [j IN range(st[live[CASE WHEN k > 2 THEN k - 2 ELSE 0 END]], st[live[k - 1] + 1] - 1)
        WHERE ($since IS NULL OR ds[j] + '~' >= $since) AND ($until IS NULL OR ds[j] <= $until + '~')
        | ds[j]] END AS late
RETURN a.iso3 AS country_a, a.name AS name_a,
       CASE WHEN x.type IN ['MET_WITH', 'AGREED', 'COOPERATED', 'FOUGHT', 'SIGNED'] THEN '—' ELSE '→' END AS direction,
       b.iso3 AS country_b, b.name AS name_b, x.type AS type, events,
       CASE WHEN $since IS NULL AND $until IS NULL THEN x.first_date ELSE head(early) END AS first_date,
       CASE WHEN $since IS NULL AND $until IS NULL THEN x.last_date ELSE last(late) END AS last_date
ORDER BY events DESC, country_a, country_b, type
