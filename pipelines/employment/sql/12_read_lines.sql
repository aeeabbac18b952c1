-- A statistics file's data lines as stat_src, in line order (rowid + 1 is the n-th record; a row_number() would hold
-- the whole file in its window): labels as text, values as whole numbers with PxWeb's symbols ({{ var('nullstr') }})
-- as NULL, years as integers; the column types are the layout's; the file in UTF-8 or ISO-8859-1
-- ({{ var('encoding') }}).
CREATE OR REPLACE TEMP TABLE stat_src AS SELECT * FROM read_csv({{ var('input') }}, auto_detect = false, header = false, skip = {{ var('skip') }}, delim = {{ var('delim') }}, quote = '"', escape = '"', columns = {{ var('columns') }}, null_padding = false, nullstr = [{{ var('nullstr') }}], encoding = {{ var('encoding') }});
