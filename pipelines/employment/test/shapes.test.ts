// SCB's 2008 figures in each shape Statistikdatabasen delivers them (tests/synthetic/scb-shapes.ts): the 2009
// edition built from each gets the location quotients of the shipped file, to the last digit. The stages before
// employment are shared from one in-process build of a temporary copy of 2009; only employment reruns per shape.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, type Manifest, runStage } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFromRepositoryBuild, type TempEdition, tempEdition } from '../../../tests/support/edition.ts';
import { buildEdition } from '../../../tests/support/pipeline.ts';
import {
  manifestRow,
  type ScbShape,
  SHIPPED,
  scbFile,
  scbRows,
} from '../../../tests/synthetic/scb-shapes.ts';
import employment from '../src/stage.ts';

const HEADER = readFileSync(join(import.meta.dirname, '../../../raw/2009/employment/statistik.csv'), 'utf8')
  .split('\n')[0]
  .trim();

let ed: TempEdition;

interface Built {
  manifest: Manifest;
  lq: Map<string, string>;
}

/** Writes the shape as the edition's only statistics file and runs the employment stage. */
async function build(shape: ScbShape): Promise<Built> {
  const fil = `scb-test.${shape.format}`;
  rmSync(ed.path('employment'), { recursive: true, force: true });
  mkdirSync(ed.path('employment'));
  ed.write(`employment/${fil}`, await scbFile(scbRows(), shape));
  ed.write('employment/statistik.csv', `${HEADER}\n${manifestRow(fil, shape)}\n`);
  const manifest = await runStage(employment, ed.edition);
  const duck = await Duck.open();
  try {
    const out = join(ed.edition.buildDir, 'employment');
    const rows = await duck.rows<{ k: string; lq: string | null }>(
      `SELECT 'e ' || factsheet_id || ' ' || rad || ' ' || coalesce(lan_kod, '') AS k, CAST(lq AS VARCHAR) AS lq
       FROM '${out}/entity_employment.parquet'
       UNION ALL
       SELECT 's ' || lan_kod || ' ' || rams_grupp, CAST(lq AS VARCHAR) FROM '${out}/lan_sector.parquet'`,
    );
    return { manifest, lq: new Map(rows.map((r) => [r.k, r.lq ?? 'NULL'])) };
  } finally {
    duck.close();
  }
}

let shipped: Built;

beforeAll(async () => {
  ed = startFromRepositoryBuild(tempEdition(2009));
  await buildEdition(ed.edition, 'dedupe');
  shipped = await build(SHIPPED);
}, 120_000);
afterAll(() => ed?.cleanup());

const SHAPES: [string, Partial<ScbShape>][] = [
  ['several years in one file (2008 and 2009)', { years: [2008, 2009] }],
  ['"00 Riket" rows', { riket: true }],
  ['split by sex, a kön column (no total: summed)', { sex: 'column' }],
  ['split by sex in the year headers ("män 2008")', { sex: 'header' }],
  ['split by sex with a total category', { sex: 'column', sexTotal: true }],
  ['a "Totalt" row for every county', { totals: true }],
  ['English headers and labels, UTF-8', { language: 'en', encoding: 'utf-8' }],
  ['long layout (an år column)', { layout: 'long', sex: 'column' }],
  [
    'the real download: several years, Riket rows, split by sex, semicolon, ISO-8859-1, notes',
    {
      years: [2008, 2009],
      riket: true,
      sex: 'column',
      delimiter: ';',
      encoding: 'iso-8859-1',
      crlf: false,
      notes: true,
    },
  ],
  [
    '.xlsx from Statistikdatabasen: merged title and labels, numbers as numbers, several years, by sex, notes',
    { format: 'xlsx', years: [2008, 2009], sex: 'column', riket: true, notes: true },
  ],
  ['macOS export (NFD labels), UTF-8 with BOM', { encoding: 'utf-8', bom: true, nfd: true }],
];

describe('SCB downloads as delivered: the same location quotients as the shipped file', () => {
  it('the shipped file gives location quotients (the comparison is not empty)', () => {
    expect([...shipped.lq.values()].filter((v) => v !== 'NULL').length).toBeGreaterThan(300);
  });

  for (const [name, over] of SHAPES) {
    it(name, async () => {
      const shape = { ...SHIPPED, ...over };
      const built = await build(shape);
      expect(built.lq).toEqual(shipped.lq);
      const said = built.manifest.warnings.map((w) => w.message).join('\n');
      if (shape.sex !== 'summed') {
        expect(said).toMatch(
          shape.sexTotal
            ? /split by sex .*: the total category is read/
            : /split by sex .*: the categories are summed/,
        );
      }
      if (shape.notes) expect(said).toMatch(/not read/);
    }, 60_000);
  }
});
