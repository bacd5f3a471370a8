-- Dossier indicators by unit and period, one rule profile at a time.
-- Runs unchanged on DuckDB and Spark SQL: only CASE, COALESCE, GREATEST, FLOOR, SUM, COUNT,
-- joins and one window sum are used. Placeholders in braces are profile parameters
-- (rules/profiles.csv), substituted by dvc_analysis.dossiers.rules.render.
-- Input: view `accepted` (typed dossiers, see stage.py) and table `periods` (p).
WITH d AS (
  SELECT unit, rp, fp, kenh, paid, fee, status, dig_in, dig_out, nsup,
         CASE WHEN {use_extension} = 1 AND ext_s IS NOT NULL THEN xp ELSE dp END AS ep,
         CASE WHEN {use_extension} = 1 AND ext_s IS NOT NULL THEN ext_s ELSE due_s END AS due_e,
         fin_s - {subtract_supplement_wait} * wait_s AS fin_e,
         -- a withdrawn dossier leaves the stock when withdrawn (or, undated, when received)
         CASE WHEN status = 'withdrawn' THEN COALESCE(fp, rp) ELSE fp END AS cp
  FROM accepted
),
t AS (
  SELECT d.*,
    CASE WHEN fp IS NOT NULL AND status <> 'withdrawn' THEN 1 ELSE 0 END AS res,
    CASE WHEN fp IS NOT NULL AND status NOT IN ('withdrawn', 'refused') THEN 1 ELSE 0 END AS issued,
    CASE WHEN fp IS NOT NULL AND status <> 'withdrawn'
              AND (due_e IS NOT NULL OR {no_due_on_time} = 1) THEN 1 ELSE 0 END AS judged,
    CASE WHEN due_e IS NULL THEN 1
         WHEN {max_supplements} >= 0 AND nsup > {max_supplements} THEN 0
         WHEN {compare_day} = 1 AND FLOOR(fin_e / 86400) <= FLOOR(due_e / 86400) THEN 1
         WHEN {compare_day} = 0 AND fin_e <= due_e THEN 1
         ELSE 0 END AS ok,
    CASE WHEN due_e IS NOT NULL AND FLOOR(fin_e / 86400) < FLOOR(due_e / 86400) THEN 1 ELSE 0 END AS before_day,
    CASE WHEN ep IS NOT NULL AND (cp IS NULL OR cp > GREATEST(rp, ep)) THEN 1 ELSE 0 END AS goes_over
  FROM d
),
a AS (
  SELECT unit, rp AS p, COUNT(*) AS received,
    SUM(CASE WHEN kenh IN ({online_channels}) THEN 1 ELSE 0 END) AS online,
    SUM(CASE WHEN kenh IS NOT NULL AND kenh NOT IN ({online_channels}) THEN 1 ELSE 0 END) AS direct_postal,
    SUM(CASE WHEN status <> 'withdrawn' AND fee > 0 THEN 1 ELSE 0 END) AS fee_due,
    SUM(CASE WHEN status <> 'withdrawn' AND fee > 0 AND paid IN ({paid_codes}) THEN 1 ELSE 0 END) AS paid_online,
    SUM(dig_in) AS digitised_in,
    SUM(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn
  FROM t GROUP BY unit, rp
),
-- resolved-side counts and stock exits share one grouping: for every dossier that is not
-- withdrawn the close period is its finish period, and withdrawn dossiers add nothing but exits
c AS (
  SELECT unit, cp AS p, COUNT(*) AS closed, SUM(goes_over) AS closed_over,
    SUM(res) AS resolved, SUM(judged) AS judged,
    SUM(judged * ok * before_day) AS early,
    SUM(judged * ok * (1 - before_day)) AS on_due,
    SUM(judged * (1 - ok)) AS late,
    SUM(res - judged) AS resolved_no_due,
    SUM(issued) AS issued, SUM(issued * dig_out) AS digitised_out
  FROM t WHERE cp IS NOT NULL GROUP BY unit, cp
),
o AS (
  SELECT unit, GREATEST(rp, ep) AS p, COUNT(*) AS became_over
  FROM t WHERE goes_over = 1 GROUP BY unit, GREATEST(rp, ep)
),
g AS (
  SELECT u.unit, pr.p FROM (SELECT DISTINCT unit FROM a) u CROSS JOIN periods pr
),
j AS (
  SELECT g.unit, g.p,
    COALESCE(a.received, 0) AS received, COALESCE(a.online, 0) AS online,
    COALESCE(a.direct_postal, 0) AS direct_postal, COALESCE(a.fee_due, 0) AS fee_due,
    COALESCE(a.paid_online, 0) AS paid_online, COALESCE(a.digitised_in, 0) AS digitised_in,
    COALESCE(a.withdrawn, 0) AS withdrawn,
    COALESCE(c.resolved, 0) AS resolved, COALESCE(c.judged, 0) AS judged,
    COALESCE(c.early, 0) AS early, COALESCE(c.on_due, 0) AS on_due, COALESCE(c.late, 0) AS late,
    COALESCE(c.resolved_no_due, 0) AS resolved_no_due,
    COALESCE(c.issued, 0) AS issued, COALESCE(c.digitised_out, 0) AS digitised_out,
    COALESCE(a.received, 0) - COALESCE(c.closed, 0) AS d_stock,
    COALESCE(o.became_over, 0) - COALESCE(c.closed_over, 0) AS d_over
  FROM g
  LEFT JOIN a ON a.unit = g.unit AND a.p = g.p
  LEFT JOIN c ON c.unit = g.unit AND c.p = g.p
  LEFT JOIN o ON o.unit = g.unit AND o.p = g.p
),
w AS (
  SELECT j.*,
    SUM(d_stock) OVER (PARTITION BY unit ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS pending,
    SUM(d_over) OVER (PARTITION BY unit ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS pending_overdue
  FROM j
)
SELECT unit, p, received, online, direct_postal, fee_due, paid_online, digitised_in, withdrawn,
  pending - d_stock AS carried_over, resolved, judged, early, on_due, late, resolved_no_due,
  issued, digitised_out, pending, pending_overdue, pending - pending_overdue AS pending_in_time
FROM w
WHERE received > 0 OR resolved > 0 OR pending > 0 OR pending - d_stock > 0
ORDER BY unit, p
