-- Nothing near is silent: every pair of records in different entities that shares an e-mail address, a phone
-- number, a contact person or a web site (host, and path on an umbrella host) is scored, whether blocking
-- brought it up or not, so that review.csv can show it with its evidence. Reads dd_records, dd_cluster,
-- dd_pairs; leaves dd_shared_pairs (a, b, delar) and dd_near_candidates (the pairs not yet scored).

CREATE OR REPLACE TABLE dd_shared_keys AS
SELECT rid, 'epost' AS slag, unnest(emails) AS v FROM dd_records
UNION ALL
SELECT rid, 'telefon', unnest(phones) FROM dd_records
UNION ALL
SELECT rid, 'kontakt', contact FROM dd_records WHERE contact IS NOT NULL
UNION ALL
-- A site: the domain, or on an umbrella host the host and a real path (the host alone identifies no one).
SELECT rid, 'webb', CASE WHEN umbrella THEN web_key ELSE domain END FROM dd_records
WHERE web_key IS NOT NULL AND (NOT umbrella OR web_has_path);

CREATE OR REPLACE TABLE dd_shared_pairs AS
SELECT
  x.rid AS a,
  y.rid AS b,
  array_to_string(list(DISTINCT x.slag ORDER BY x.slag), ', ') AS delar
FROM dd_shared_keys x
JOIN dd_shared_keys y ON x.slag = y.slag AND x.v = y.v AND x.rid < y.rid
JOIN dd_cluster cx ON cx.rid = x.rid
JOIN dd_cluster cy ON cy.rid = y.rid
WHERE cx.cluster <> cy.cluster
GROUP BY x.rid, y.rid;

CREATE OR REPLACE TABLE dd_near_candidates AS
SELECT a, b, dd_key_bit('delar') AS nyckelmask FROM dd_shared_pairs s
ANTI JOIN dd_pairs p USING (a, b);
