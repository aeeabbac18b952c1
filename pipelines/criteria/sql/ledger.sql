-- The dedupe ledger with every raw row's outcome and reason filled from the entity's decision.
-- Columns and row order stay as dedupe wrote them; a row whose entity has no decision keeps NULL,
-- which the reconciliation reports.
CREATE OR REPLACE TABLE ledger_out AS
SELECT
  l.* EXCLUDE (ledger_row) REPLACE (d.utfall AS outcome, d.skal AS reason),
  l.ledger_row
FROM ledger AS l
LEFT JOIN beslut AS d ON d.entity_id = l.entity_id
ORDER BY l.ledger_row
