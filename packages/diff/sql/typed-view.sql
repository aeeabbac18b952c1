-- An edition's table as the diff reads it: every column it uses cast to its type, NULL where the edition lacks it.
CREATE OR REPLACE VIEW {{ var('target') }} AS SELECT {{ var('columns') }} FROM {{ var('view') }};
