-- The membership changes of this run with the records they concern (list:line name), for the warnings.
SELECT c.andring, c.entity, ia.source_file || ':' || ia.source_line || ' ' || trim(ia.namn) AS namn_a,
  ib.source_file || ':' || ib.source_line || ' ' || trim(ib.namn) AS namn_b
FROM dd_membership_changes c
JOIN dd_records ra ON ra.rid = c.a JOIN dd_input ia ON ia.record_id = ra.record_id
JOIN dd_records rb ON rb.rid = c.b JOIN dd_input ib ON ib.record_id = rb.record_id
ORDER BY c.andring, c.entity, c.a, c.b
