-- Random pairs as a seeded sample: draw i pairs the records at places hash(i, seed) and hash(i, next_seed) of an
-- order by the records' content, so the same records give the same sample whatever their ids or their order in
-- the lists; at most {{ var('max') }} pairs, less the candidates (counted in full by EM).
CREATE OR REPLACE TABLE dd_random_pairs AS
WITH
draw_order AS (
  SELECT rid, row_number() OVER (
    ORDER BY content_hash, rid) - 1 AS place
  FROM dd_records
),
draws AS (
  SELECT range AS i, hash(range, {{ var('seed') }}) % {{ var('n') }} AS x, hash(range, {{ var('next_seed') }}) % {{ var('n') }} AS y
  FROM range({{ var('draws') }})
)
SELECT least(ox.rid, oy.rid)::INTEGER AS a, greatest(ox.rid, oy.rid)::INTEGER AS b, 0 AS nyckelmask
FROM draws d JOIN draw_order ox ON ox.place = d.x JOIN draw_order oy ON oy.place = d.y
WHERE d.x <> d.y
QUALIFY row_number() OVER (PARTITION BY least(ox.rid, oy.rid), greatest(ox.rid, oy.rid) ORDER BY d.i) = 1
ORDER BY d.i LIMIT {{ var('max') }};

DELETE FROM dd_random_pairs r USING dd_pair_levels c WHERE c.a = r.a AND c.b = r.b;
