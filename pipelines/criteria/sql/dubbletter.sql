-- Likely duplicates of the unassessed entities: an entity already assessed whose list rows share a web host, an
-- e-mail address, a phone number or a contact person with theirs. One row per pair of entities, with the
-- evidence and one row of each (file and name, as dedupe/beslut.csv names them). {{ var('unassessed') }}: the ids, quoted.
WITH rec AS (
  SELECT l.entity_id, c.source_file::VARCHAR AS fil, c.namn, c.webb_host, c.kontakt_namn, c.telefon_norm, c.epost
  FROM ledger AS l
  JOIN candidates AS c ON c.source_file::VARCHAR = l.source_file AND c.source_line::VARCHAR = l.source_line
),
nycklar AS (
  SELECT entity_id, fil, namn, 'webbplats' AS slag, lower(webb_host) AS varde FROM rec WHERE coalesce(webb_host, '') <> ''
  UNION ALL
  SELECT entity_id, fil, namn, 'e-post', lower(unnest(epost)) FROM rec
  UNION ALL
  SELECT entity_id, fil, namn, 'telefon', unnest(telefon_norm) FROM rec
  UNION ALL
  SELECT entity_id, fil, namn, 'kontaktperson', lower(kontakt_namn) FROM rec WHERE coalesce(kontakt_namn, '') <> ''
)
SELECT
  u.entity_id,
  o.entity_id AS dubblett,
  string_agg(DISTINCT u.slag || ' ' || u.varde, '; ' ORDER BY u.slag || ' ' || u.varde) AS belagg,
  min({'fil_a': u.fil, 'namn_a': u.namn, 'fil_b': o.fil, 'namn_b': o.namn}) AS rader
FROM nycklar AS u
JOIN nycklar AS o ON o.slag = u.slag AND o.varde = u.varde AND o.entity_id <> u.entity_id
WHERE u.entity_id IN ({{ var('unassessed') }}) AND o.entity_id NOT IN ({{ var('unassessed') }}) AND u.varde <> ''
GROUP BY u.entity_id, o.entity_id
ORDER BY u.entity_id, count(DISTINCT u.slag) DESC, o.entity_id
