import { join } from 'node:path';
import { type ColumnType, Duck, loadRows, REPO_ROOT, readCsv } from '@kk/core';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import type { Reference } from '../src/reference.ts';
import { prepareStatistics } from '../src/statistics/index.ts';
import type { StatFileSpec } from '../src/statistics/manifest.ts';
import { readStatisticsFile } from '../src/statistics/read.ts';

export const RAW_2009 = join(REPO_ROOT, 'raw/2009');
export const FIXTURES = join(REPO_ROOT, 'tests/fixtures/employment');

const rows = (file: string) =>
  readCsv(join(RAW_2009, 'reference', file), { encoding: 'utf-8' }).rows.map((r) => r.record);

/** The 2009 reference tables straight from raw/ (stage 1 writes the same rows). */
export function rawReference(): Reference {
  return {
    lan: rows('lan.csv'),
    kommuner: rows('kommuner.csv'),
    lanAlias: rows('lan-alias.csv'),
    gazetteer: rows('gazetteer.csv'),
    ramsGrupper: rows('rams-grupper.csv'),
    sniAvdelningar: rows('sni2007-avdelningar.csv'),
    sniHuvudgrupper: rows('sni2007-huvudgrupper.csv'),
    sektorer: rows('sektorer.csv'),
  } as unknown as Reference;
}

export const tmp = () => tempDir('kk-employment-');

/** Loads rows into a DuckDB table with all columns VARCHAR unless typed. */
export async function table(
  duck: Duck,
  name: string,
  data: Record<string, unknown>[],
  types: Record<string, ColumnType> = {},
): Promise<void> {
  const cols = Object.fromEntries(Object.keys(data[0]).map((c) => [c, types[c] ?? 'VARCHAR'])) as Record<
    string,
    ColumnType
  >;
  await loadRows(duck, name, cols, data, join(tmp(), `${name}.ndjson`));
}

/** A DuckDB with the reference tables the join reads and an empty statistics_long for the given files. */
export async function openDuck(ref: Reference, fixtures: string[]): Promise<Duck> {
  const duck = await Duck.open();
  await table(duck, 'ref_lan', ref.lan as unknown as Record<string, unknown>[]);
  await table(duck, 'ref_kommuner', ref.kommuner as unknown as Record<string, unknown>[]);
  await table(duck, 'ref_rams_grupper', ref.ramsGrupper as unknown as Record<string, unknown>[]);
  await table(duck, 'ref_sektorer', ref.sektorer as unknown as Record<string, unknown>[]);
  await prepareStatistics(duck, fixtures);
  return duck;
}

export function spec(fil: string, over: Partial<StatFileSpec> = {}): StatFileSpec {
  return {
    path: join(FIXTURES, fil),
    file: `tests/fixtures/employment/${fil}`,
    fil,
    encoding: 'auto',
    delimiter: 'auto',
    matt: 'forvarvsarbetande_dagbefolkning',
    tabell: 'TEST',
    kalla: 'syntetiskt testdata',
    kontroll: null,
    ...over,
  };
}

export interface LongRow {
  region_kod: string;
  region_niva: string;
  lan_kod: string | null;
  naringsgren_kod: string;
  naringsgren_niva: string;
  rams_grupp: string | null;
  sni_avdelning: string | null;
  sni_huvudgrupp: string | null;
  ar: number;
  varde: number | null;
}

/** Reads one fixture into a fresh DuckDB; returns what the reader reports and the normalised rows. */
export async function readFixture(fil: string, over: Partial<StatFileSpec> = {}) {
  const ref = rawReference();
  const duck = await openDuck(ref, [fil]);
  try {
    const read = await readStatisticsFile(duck, spec(fil, over), ref, tmp());
    const long = (
      await duck.rows<LongRow>(
        'SELECT * EXCLUDE (fil) FROM statistics_long ORDER BY ar, region_kod, CAST(naringsgren_niva AS VARCHAR), naringsgren_kod',
      )
    ).map((r) => ({ ...r, ar: Number(r.ar), varde: r.varde === null ? null : Number(r.varde) }));
    return { read, long };
  } finally {
    duck.close();
  }
}

/** `region industry ar=value` lines (`missing` for NULL), compact enough to compare whole files in a test. */
export const brief = (long: LongRow[]) =>
  long.map((r) => `${r.region_kod} ${r.naringsgren_kod} ${r.ar}=${r.varde ?? 'missing'}`);
