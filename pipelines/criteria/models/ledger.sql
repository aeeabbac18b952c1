-- ledger: the dedupe stage's ledger with every raw row's outcome and reason from its entity's decision. A row
-- whose entity has no decision keeps NULL, which fails the schema's tests (outcome not_null).
SELECT
  l.source_file,
  l.source_line,
  l.raw_name,
  l.entity_id,
  l.entity_name,
  d.utfall AS outcome,
  d.skal AS reason
FROM {{ ref('dedupe', 'ledger') }} l
LEFT JOIN {{ ref('beslut') }} d ON d.entity_id = l.entity_id
