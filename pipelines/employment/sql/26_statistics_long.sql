-- All files' cells, in statistik.csv order (UNION ALL keeps it).
CREATE OR REPLACE TEMP VIEW statistics_long AS {{ var('union') }};
