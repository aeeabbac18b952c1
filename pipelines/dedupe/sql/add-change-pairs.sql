-- The pairs changes.sql brought up, scored (levels.sql and weigh.sql of @kk/matching), join dd_pairs.
INSERT INTO dd_pairs SELECT * FROM dd_change_scored;
