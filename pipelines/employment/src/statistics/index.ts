import { join } from 'node:path';
import { type Duck, lit, loadRows, type Warning } from '@kk/core';
import type { Reference } from '../reference.ts';
import { runSql } from '../sql.ts';
import { readStatManifest, type StatFileSpec } from './manifest.ts';
import { prepareMissingCells } from './missing.ts';
import { type FileRead, readStatisticsFile } from './read.ts';
import { workbookAsCsv } from './workbook.ts';

export type { StatFileSpec } from './manifest.ts';
export type { FileRead } from './read.ts';

/** Creates the types and macros the statistics use, for the files to be read, in the order they will be read. */
export async function prepareStatistics(duck: Duck, files: string[]): Promise<void> {
  await runSql(duck, '10_statistics_long.sql', { filer: files.map((f) => lit(f)).join(', ') });
  await prepareMissingCells(duck);
}

/**
 * Reads every statistics file listed in `<dir>/statistik.csv` into DuckDB, seen together through the view
 * `statistics_long`, and the files' sources per year into `stat_files`. The same region × industry × year in
 * two files is an error.
 */
export async function readAllStatistics(
  duck: Duck,
  dir: string,
  ref: Reference,
  tmpDir: string,
): Promise<{ specs: StatFileSpec[]; files: FileRead[]; warnings: Warning[] }> {
  const { files: specs, warnings } = readStatManifest(dir);
  await prepareStatistics(
    duck,
    specs.map((s) => s.fil),
  );
  const files: FileRead[] = [];
  for (const [n, listed] of specs.entries()) {
    // A workbook is read as the CSV it holds, through the same reader and checks.
    const spec = /\.xlsx$/i.test(listed.fil) ? await workbookAsCsv(listed, tmpDir) : listed;
    const read = await readStatisticsFile(duck, spec, ref, tmpDir, n);
    warnings.push(...read.warnings);
    files.push(read);
  }
  await loadRows(
    duck,
    'stat_files',
    { fil: 'VARCHAR', kalla: 'VARCHAR', tabell: 'VARCHAR', matt: 'VARCHAR', ar: 'INTEGER' },
    files.flatMap((f, i) =>
      f.years.map((ar) => ({
        fil: f.fil,
        kalla: specs[i].kalla,
        tabell: specs[i].tabell,
        matt: specs[i].matt,
        ar,
      })),
    ),
    join(tmpDir, 'stat_files.ndjson'),
  );
  return { specs, files, warnings };
}
