-- The analyst's decisions (dd_decided_ids: a, b record_id, samma) by rid, for the models and changes.sql.
CREATE OR REPLACE TABLE dd_decided AS
SELECT ra.rid AS a, rb.rid AS b, d.samma
FROM dd_decided_ids d JOIN dd_records ra ON ra.record_id = d.a JOIN dd_records rb ON rb.record_id = d.b;
