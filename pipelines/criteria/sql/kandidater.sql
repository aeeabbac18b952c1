-- What the source lists say about each entity, for the review sheet's evidence hints.
SELECT
  l.entity_id,
  count(*) AS rader,
  string_agg(DISTINCT l.source_file, '; ' ORDER BY l.source_file) AS kallor,
  string_agg(DISTINCT nullif(trim(c.namn), ''), '; ' ORDER BY nullif(trim(c.namn), '')) AS namn_i_kallor,
  string_agg(DISTINCT nullif(trim(c.webb), ''), '; ' ORDER BY nullif(trim(c.webb), '')) AS webb,
  string_agg(DISTINCT nullif(trim(c.region), ''), '; ' ORDER BY nullif(trim(c.region), '')) AS region,
  string_agg(DISTINCT nullif(trim(c.sektor), ''), '; ' ORDER BY nullif(trim(c.sektor), '')) AS sektor,
  string_agg(DISTINCT nullif(trim(c.anmarkning), ''), '; ' ORDER BY nullif(trim(c.anmarkning), '')) AS anmarkning,
  string_agg(DISTINCT nullif(trim(c.grund), ''), '; ' ORDER BY nullif(trim(c.grund), '')) AS grund
FROM ledger AS l
LEFT JOIN candidates AS c
  ON c.source_file = l.source_file AND c.source_line = l.source_line
GROUP BY l.entity_id
