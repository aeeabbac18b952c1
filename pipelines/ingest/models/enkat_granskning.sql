-- enkat_granskning: the answers that change a fact, for the analyst to review: last year's value, the answer,
-- the decision (svar unless enkat/beslut.csv says förra) and the value the fact sheet now holds.
SELECT
  s.entity_id,
  f.rubrik AS namn,
  s.falt,
  s.forra,
  s.svar,
  s.beslut,
  CASE WHEN s.beslut = 'förra' THEN s.forra ELSE s.svar END AS galler,
  s.motivering,
  s.kalla
FROM {{ ref('enkat_svar') }} s
LEFT JOIN {{ ref('factsheets') }} f ON f.id = s.entity_id
WHERE s.status = 'ändrad'
