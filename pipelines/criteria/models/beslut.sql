-- beslut: every entity's outcome and the reason the rule (src/rule.ts) gave, with its assessment's facts.
SELECT
  entity_id,
  namn,
  factsheet_id,
  utfall,
  skal_kod,
  skal,
  skal_kriterium,
  coalesce(beslut, 'ej bedömd') AS beslut,
  undantag,
  organisationstyp,
  aktiv,
  inaktiv_sedan,
  egen_webbplats,
  steg,
  utlandska_orter,
  coalesce(motivering, '') AS motivering,
  proveniens_beslut,
  proveniens
FROM {{ source('stg_utslag') }}
