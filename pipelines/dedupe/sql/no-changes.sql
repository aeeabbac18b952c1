-- No membership changes: the first run of an edition has no previous run to compare with.
CREATE OR REPLACE TABLE dd_membership_changes (a INTEGER, b INTEGER, andring VARCHAR, entity VARCHAR);
