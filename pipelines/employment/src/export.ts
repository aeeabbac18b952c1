import type { Duck } from '@kk/core';

/**
 * Writes statistics_long (Parquet and CSV). Its rows are already in a fixed order (files in statistik.csv
 * order, then year, then line; see 10_statistics_long.sql) and COPY keeps a table's order, so millions of rows
 * need no sort here.
 */
export async function exportStatistics(duck: Duck, basePath: string): Promise<number> {
  return duck.export('SELECT * FROM statistics_long', basePath);
}
