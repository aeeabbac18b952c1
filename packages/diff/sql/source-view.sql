-- An edition's table as it is (a Parquet file, a table in the Duck or a query), so that its columns can be listed.
CREATE OR REPLACE VIEW {{ var('view') }} AS SELECT * FROM {{ var('source') }};
