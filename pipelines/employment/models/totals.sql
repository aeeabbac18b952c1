-- A national total declared in statistik.csv (kontroll_ar, kontroll_riket) is SCB's own published total. Where
-- the data's national total for ${ar} is unknown only because values are suppressed (every county and RAMS
-- group has its row, some say '..'), the declared total is the national total. A county or group absent from
-- the file is no suppression: the stage's check stops on it, naming it.
UPDATE totals SET varde = ${riket}, kalla = 'kontroll'
WHERE lan_kod = '00' AND ar = ${ar} AND varde IS NULL
  AND NOT EXISTS (SELECT 1 FROM coverage_gaps WHERE ar = ${ar})
  -- every unknown county value has a symbol behind it (a kommun missing from a kommun file has none)
  AND NOT EXISTS (
    SELECT 1 FROM lan_cells l
    WHERE l.ar = ${ar} AND l.varde IS NULL
      AND NOT EXISTS (SELECT 1 FROM missing_cells m
                      WHERE m.ar = l.ar AND m.lan_kod = l.lan_kod AND m.naringsgren_kod = l.kod))
  AND (SELECT summa FROM present_sum WHERE ar = ${ar}) <= ${riket};
