-- Fact sheets in an entity without a source-list row (the report may not publish an initiative no list named).
SELECT r.rid, i.faktablad_id AS id, i.source_line AS line, trim(i.namn) AS rubrik
FROM dd_cluster c JOIN dd_records r USING (rid) JOIN dd_input i ON i.record_id = r.record_id
WHERE i.faktablad AND NOT EXISTS (
  SELECT 1 FROM dd_cluster c2 JOIN dd_input i2 ON i2.record_id = c2.record_id
  WHERE c2.cluster = c.cluster AND NOT i2.faktablad)
ORDER BY i.source_line
