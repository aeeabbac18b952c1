// Generated shapes (fast-check, seeded and bounded): SCB's real figures written in every combination of the
// shapes downloads arrive in — layout, years, sex split, Riket and total rows, language, CSV or .xlsx, encoding,
// BOM, delimiter, line ends, NFC/NFD, title and notes rows — and the degenerate files (empty, header only, a
// title only). Whatever the shape, the reader gives the same cells as the clean equivalent, or a located error;
// never a crash, an engine's message or an internal one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, InputError } from '@kk/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  manifestRow,
  type ScbRow,
  type ScbShape,
  scbFile,
  scbRows,
} from '../../../tests/synthetic/scb-shapes.ts';
import { readAllStatistics } from '../src/statistics/index.ts';
import { RAW_2009, rawReference } from './helpers.ts';

const HEADER = readFileSync(join(RAW_2009, 'employment/statistik.csv'), 'utf8').split('\n')[0].trim();
const ROWS = scbRows();
const REF = rawReference();

const shapes: fc.Arbitrary<ScbShape> = fc
  .record({
    years: fc.constantFrom([2008], [2009], [2008, 2009]),
    layout: fc.constantFrom('wide' as const, 'long' as const),
    sex: fc.constantFrom('summed' as const, 'column' as const, 'header' as const),
    sexTotal: fc.boolean(),
    riket: fc.boolean(),
    totals: fc.boolean(),
    language: fc.constantFrom('sv' as const, 'en' as const),
    format: fc.constantFrom('csv' as const, 'csv' as const, 'xlsx' as const),
    encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const, 'iso-8859-1' as const),
    bom: fc.boolean(),
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    crlf: fc.boolean(),
    nfd: fc.boolean(),
    title: fc.boolean(),
    notes: fc.boolean(),
  })
  // A long file has its sex in a column, never in the year headers; decomposed text (macOS) comes as UTF-8, the
  // only one of the encodings that can hold it.
  .map((s) => ({
    ...s,
    sex: s.layout === 'long' && s.sex === 'header' ? ('column' as const) : s.sex,
    encoding: s.nfd ? ('utf-8' as const) : s.encoding,
  }));

/** The clean equivalent: each län × RAMS group × year, men and women added. */
function expected(rows: ScbRow[], years: readonly number[]): string[] {
  const sum = new Map<string, number>();
  for (const r of rows) {
    if (!years.includes(r.ar)) continue;
    const k = `${r.lan_kod} ${r.naringsgren.split(' ')[0]} ${r.ar}`;
    sum.set(k, (sum.get(k) ?? 0) + r.varde);
  }
  return [...sum].map(([k, v]) => `${k}=${v}`).sort();
}

type Outcome = { cells: string[]; warnings: string[] } | { error: Error };

async function read(bytes: Buffer, fil: string, manifest: string): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'kk-scb-shape-'));
  const duck = await Duck.open();
  try {
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(join(dir, fil), bytes);
    writeFileSync(join(dir, 'statistik.csv'), `${HEADER}\n${manifest}\n`);
    const { warnings } = await readAllStatistics(duck, dir, REF, join(dir, 'tmp'));
    const rows = await duck.rows<{ k: string }>(
      `SELECT lan_kod || ' ' || naringsgren_kod || ' ' || ar || '=' || coalesce(CAST(varde AS VARCHAR), 'missing') AS k
       FROM statistics_long WHERE region_niva = 'lan' AND naringsgren_niva = 'rams'`,
    );
    return {
      cells: rows.map((r) => r.k).sort(),
      warnings: warnings.map((w) => `${w.location}: ${w.message}`),
    };
  } catch (err) {
    return { error: err as Error };
  } finally {
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A located error (`file:line:column: expected …, found …`, or `file.xlsx!Sheet!C12: …`) in the user's words. */
function expectLocated(error: Error, fil: string): void {
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toMatch(
    new RegExp(`${fil.replace('.', '\\.')}(!\\w+)?(!?[A-Z]*\\d+|:\\d+)?(:\\d+)?: expected .+, found `),
  );
  expect(error.message).not.toMatch(/Invalid Input Error|Conversion Error|Binder Error|TypeError|\n\s+at /);
}

describe('SCB downloads in generated shapes (seeded)', () => {
  it('give the same cells as the clean equivalent, whatever the shape', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const fil = `scb.${shape.format}`;
        const out = await read(await scbFile(ROWS, shape), fil, manifestRow(fil, shape));
        if ('error' in out) throw out.error;
        expect(out.cells).toEqual(expected(ROWS, shape.years));
      }),
      { seed: 20091231, numRuns: 24, endOnFailure: true },
    );
  }, 120_000);

  it('an empty file, a header only, a title only: a located error, never a crash', async () => {
    const degenerate = fc.record({
      content: fc.constantFrom('', '\n', '\r\n\r\n', 'title', 'header', 'header+notes'),
      encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
      bom: fc.boolean(),
      delimiter: fc.constantFrom(',' as const, ';' as const),
    });
    await fc.assert(
      fc.asyncProperty(degenerate, async (d) => {
        const title =
          '"Förvärvsarbetande 16+ år med arbetsplats i regionen (dagbefolkning) (RAMS) efter region och år"';
        const header = ['"region"', '"näringsgren SNI 2007"', '"2008"'].join(d.delimiter);
        const text =
          d.content === 'title'
            ? `${title}\n`
            : d.content === 'header'
              ? `${title}\n\n${header}\n`
              : d.content === 'header+notes'
                ? `${header}\n\n"Källa: SCB"\n`
                : d.content;
        const bytes = Buffer.concat([
          Buffer.from(d.bom ? [0xef, 0xbb, 0xbf] : []),
          Buffer.from(text, d.encoding === 'utf-8' ? 'utf8' : 'latin1'),
        ]);
        const shape = { encoding: d.encoding, delimiter: d.delimiter, format: 'csv' } as ScbShape;
        const out = await read(bytes, 'scb.csv', manifestRow('scb.csv', shape));
        if ('cells' in out) {
          expect(out.cells).toEqual([]);
          expect(out.warnings.join('\n')).toMatch(/scb\.csv:\d+: a header and no figures under it/);
        } else expectLocated(out.error, 'scb.csv');
      }),
      { seed: 20091231, numRuns: 16 },
    );
  }, 60_000);
});
