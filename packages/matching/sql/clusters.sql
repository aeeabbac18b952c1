-- The clustering's answer by record: dd_cluster (rid, record_id, cluster = smallest rid of the entity) and
-- dd_rejected (the links the constraints refused, with the reason's word).
CREATE OR REPLACE TABLE dd_cluster AS
SELECT c.rid, r.record_id, c.cluster FROM dd_cluster_rid c JOIN dd_records r USING (rid) ORDER BY c.rid;

CREATE OR REPLACE TABLE dd_rejected AS
SELECT a, b, (['faktablad', 'veto', 'beslut'])[reason + 1] AS reason, blocker_a, blocker_b FROM dd_rejected_rid;
