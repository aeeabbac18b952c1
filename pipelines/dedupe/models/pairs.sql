-- Every scored pair, both records named, with its evidence.
SELECT
  ra.record_id AS record_a,
  rb.record_id AS record_b,
  ra.namn AS namn_a,
  rb.namn AS namn_b,
  ra.entity_id AS entity_a,
  rb.entity_id AS entity_b,
  p.* EXCLUDE (a, b)
FROM {{ ref('pairs_view') }} p
JOIN {{ ref('record_view') }} ra ON ra.rid = p.a
JOIN {{ ref('record_view') }} rb ON rb.rid = p.b
