// Benchmark of the statistics reader and the join at the scale a user may download: kommun × five-digit SNI ×
// 20 years (about five million values), as a PxWeb wide CSV in Windows-1252. The file is synthetic, seeded, and
// written under build/bench/ (never committed). Its characters are all in Latin-1 as well (å, ä, ö), so DuckDB
// can count it without conversion for the floor. Run: npm run bench -w @kk/employment [-- <rows>]
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, lit, loadRows, REPO_ROOT, readCsv } from '@kk/core';
import iconv from 'iconv-lite';
import { seededRandom } from '../../../tests/synthetic/random.ts';
import { assignGeography, type FactGeo, readOverrides } from '../src/geography.ts';
import { joinEmployment } from '../src/join.ts';
import type { Reference } from '../src/reference.ts';
import { readAllStatistics } from '../src/statistics/index.ts';

const RAW = join(REPO_ROOT, 'raw/2009');
const BENCH_DIR = join(REPO_ROOT, 'build/bench/employment');
const YEARS = Array.from({ length: 20 }, (_, i) => 1999 + i);
const STAT_YEAR = 2008;

export interface BenchResult {
  rows: number;
  /** Reader and join: encoding, parsing, normalising into statistics_long, the join tables. */
  seconds: number;
  /** The process's peak resident memory (MB), DuckDB included, up to the end of the join. */
  peakRssMb: number;
  /** DuckDB alone counting the file's rows: the floor for any reader. */
  floorSeconds: number;
  /** Writing statistics_long as Parquet and CSV, as the stage does (not part of `seconds`). */
  exportSeconds: number;
  /** The peak resident memory (MB) once the export is done too. */
  exportPeakRssMb: number;
  fileMb: number;
}

const referenceRows = (file: string) =>
  readCsv(join(RAW, 'reference', file), { encoding: 'utf-8' }).rows.map((r) => r.record);

function reference(): Reference {
  return {
    lan: referenceRows('lan.csv'),
    kommuner: referenceRows('kommuner.csv'),
    lanAlias: referenceRows('lan-alias.csv'),
    gazetteer: referenceRows('gazetteer.csv'),
    ramsGrupper: referenceRows('rams-grupper.csv'),
    sniAvdelningar: referenceRows('sni2007-avdelningar.csv'),
    sniHuvudgrupper: referenceRows('sni2007-huvudgrupper.csv'),
    sektorer: referenceRows('sektorer.csv'),
  } as unknown as Reference;
}

/** Writes the synthetic download (title, blank line, header, then kommun × code lines with 20 year columns). */
function generate(path: string, rows: number, ref: Reference): number {
  const kommuner = ref.kommuner.map((k) => `${k.kommun_kod} ${k.kommun_namn}`);
  const perCode = kommuner.length * YEARS.length;
  const nCodes = Math.ceil(rows / perCode);
  const divisions = ref.sniHuvudgrupper.map((h) => h.huvudgrupp);
  const codes: string[] = [];
  for (let k = 0; codes.length < nCodes; k++) {
    for (const d of divisions) {
      if (codes.length < nCodes)
        codes.push(`${d}${String(k * 10).padStart(3, '0')} Syntetisk näringsgren ${d}.${k}`);
    }
  }
  const rand = seededRandom(20090331);
  const fd = openSync(path, 'w');
  const write = (s: string) => writeSync(fd, iconv.encode(s, 'win1252'));
  write(
    `"Förvärvsarbetande 16+ år (dagbefolkning) efter region, näringsgren SNI 2007 och år, syntetiskt benchmarkdata"\r\n\r\n`,
  );
  write(`"region","näringsgren SNI 2007",${YEARS.map((y) => `"${y}"`).join(',')}\r\n`);
  let buf = '';
  for (const k of kommuner) {
    for (const c of codes) {
      const values = YEARS.map(() => (rand() < 0.02 ? '".."' : String(Math.floor(rand() * 400))));
      buf += `"${k}","${c}",${values.join(',')}\r\n`;
      if (buf.length > 1 << 20) {
        write(buf);
        buf = '';
      }
    }
  }
  write(buf);
  closeSync(fd);
  return kommuner.length * codes.length * YEARS.length;
}

/** Generates (once) and reads a `rows`-value file, then joins it with the 2009 initiatives. */
export async function benchEmployment(rows = 5_000_000): Promise<BenchResult> {
  const ref = reference();
  const dir = join(BENCH_DIR, String(rows));
  const stats = join(dir, 'statistik');
  mkdirSync(stats, { recursive: true });
  const file = join(stats, 'synthetic-kommun-sni5.csv');
  if (!existsSync(file)) generate(file, rows, ref);
  writeStatManifest(stats);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });

  const duck = await Duck.open();
  try {
    const floorStart = performance.now();
    const n = Number(
      await duck.value(
        `SELECT count(*) FROM read_csv(${lit(file)}, header = false, skip = 3, all_varchar = true, encoding = 'latin-1')`,
      ),
    );
    const floorSeconds = (performance.now() - floorStart) / 1000;

    await setUp(duck, ref, tmp);
    const start = performance.now();
    await readAllStatistics(duck, stats, ref, tmp);
    await joinEmployment(duck, STAT_YEAR, null, tmp);
    const seconds = (performance.now() - start) / 1000;
    const values = Number(await duck.value('SELECT count(*) FROM statistics_long'));
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

    const exportStart = performance.now();
    await duck.export('SELECT * FROM statistics_long', join(tmp, 'statistics_long'));
    const exportSeconds = (performance.now() - exportStart) / 1000;
    return {
      rows: values,
      seconds,
      peakRssMb,
      exportPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      floorSeconds,
      exportSeconds,
      fileMb: Math.round(statSync(file).size / 1e6),
      ...(n === 0 ? { empty: true } : {}),
    };
  } finally {
    duck.close();
  }
}

function writeStatManifest(dir: string): void {
  const fd = openSync(join(dir, 'statistik.csv'), 'w');
  writeSync(
    fd,
    'fil,kodning,avgransare,matt,tabell,kalla,kontroll_ar,kontroll_riket,anmarkning\n' +
      'synthetic-kommun-sni5.csv,windows-1252,komma,forvarvsarbetande_dagbefolkning,BENCH,syntetiskt benchmarkdata,,,seeded\n',
  );
  closeSync(fd);
}

/** The tables the join reads besides the statistics: reference, the 2009 fact sheets and their counties. */
async function setUp(duck: Duck, ref: Reference, tmp: string): Promise<void> {
  const load = async (name: string, rows: Record<string, unknown>[], ints: string[] = []) => {
    const cols = Object.fromEntries(
      Object.keys(rows[0]).map((c) => [c, ints.includes(c) ? 'INTEGER' : 'VARCHAR']),
    ) as Record<string, 'INTEGER' | 'VARCHAR'>;
    await loadRows(duck, name, cols, rows, join(tmp, `${name}.ndjson`));
  };
  await load('ref_lan', ref.lan as unknown as Record<string, unknown>[]);
  await load('ref_kommuner', ref.kommuner as unknown as Record<string, unknown>[]);
  await load('ref_rams_grupper', ref.ramsGrupper as unknown as Record<string, unknown>[]);
  await load('ref_sektorer', ref.sektorer as unknown as Record<string, unknown>[]);
  const facts = readCsv(join(RAW, 'factsheets', 'factsheets.csv'), { encoding: 'utf-8' }).rows.map((r) => ({
    id: r.record.id,
    lista: Number(r.record.lista),
    ordning: Number(r.record.ordning),
    rubrik: r.record.rubrik,
    typ_av_sektor: r.record.typ_av_sektor.trim(),
    geografiskt_omrade: r.record.geografiskt_omrade.trim(),
    tabell_geografi: r.record.tabell_geografi.trim(),
    source_line: r.line,
  }));
  await load('factsheets', facts, ['lista', 'ordning', 'source_line']);
  const geo = assignGeography(
    facts as FactGeo[],
    ref,
    readOverrides(join(RAW, 'geography', 'lan-val.csv')).overrides,
    {
      factsheets: 'factsheets.csv',
      overrides: 'lan-val.csv',
    },
  );
  await load('entity_lan', geo.lan as unknown as Record<string, unknown>[], ['lista', 'ordning']);
}
