-- Stable under additions, checked: the entities of this run against the previous run's membership
-- (build/<year>/dedupe/membership.parquet), its records known by their keys (record-keys.sql: dd_prev_keys,
-- dd_input_keys), so that rows inserted above them do not count as changes. Leaves dd_membership_changes: one
-- row per pair of entities whose membership changed, with a pair of records (a, b) that shows it: `delad`
-- (together before, apart now) or `sammanslagen` (apart before, together now). Changes that a decision in
-- beslut.csv explains, or that keeping a fact sheet with last edition's rows explains (dd_kept), are left out.

CREATE OR REPLACE TABLE dd_now_membership AS
SELECT r.rid, c.cluster, k.nyckel
FROM dd_records r JOIN dd_cluster c USING (rid) JOIN dd_input_keys k ON k.record_id = r.record_id;

CREATE OR REPLACE TABLE dd_membership_changes AS
WITH
both_runs AS (
  SELECT n.rid, n.cluster, p.entity_id AS prev_entity FROM dd_now_membership n JOIN dd_prev_keys p USING (nyckel)
),
decided AS (
  SELECT c.cluster FROM dd_decided d JOIN dd_cluster c ON c.rid = d.a
  UNION SELECT c.cluster FROM dd_decided d JOIN dd_cluster c ON c.rid = d.b
  UNION SELECT c.cluster FROM dd_kept k JOIN dd_cluster c ON c.record_id = k.a
),
split AS (
  -- One record of each cluster that a previous entity's records now fall into.
  SELECT prev_entity, cluster, min(rid) AS rid FROM both_runs GROUP BY prev_entity, cluster
),
split_pairs AS (
  SELECT least(x.rid, y.rid) AS a, greatest(x.rid, y.rid) AS b, 'delad' AS andring,
    x.prev_entity AS entity
  FROM split x JOIN split y ON x.prev_entity = y.prev_entity AND x.cluster < y.cluster
),
merged AS (
  SELECT cluster, prev_entity, min(rid) AS rid FROM both_runs GROUP BY cluster, prev_entity
),
merged_pairs AS (
  SELECT least(x.rid, y.rid) AS a, greatest(x.rid, y.rid) AS b, 'sammanslagen' AS andring,
    x.prev_entity || ' + ' || y.prev_entity AS entity
  FROM merged x JOIN merged y ON x.cluster = y.cluster AND x.prev_entity < y.prev_entity
)
SELECT * FROM (SELECT * FROM split_pairs UNION ALL SELECT * FROM merged_pairs) ch
WHERE NOT EXISTS (
  SELECT 1 FROM dd_cluster c WHERE c.rid IN (ch.a, ch.b) AND c.cluster IN (SELECT cluster FROM decided))
ORDER BY andring, entity, a, b;

CREATE OR REPLACE TABLE dd_change_candidates AS
SELECT a, b, dd_key_bit('andring') AS nyckelmask FROM dd_membership_changes
ANTI JOIN dd_pairs p USING (a, b);
