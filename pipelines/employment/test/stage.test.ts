import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, REPO_ROOT, resolveEdition, runStage, type StageContext, type Warning } from '@kk/core';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import ingest from '../../ingest/src/stage.ts';
import employment from '../src/stage.ts';
import { tmp } from './helpers.ts';

/**
 * Runs stage 1 and this stage for 2009 into a temporary build folder. The dedupe stage is not run: its
 * entities are optional here, so the run shows the fact-sheet keyed path.
 */
async function build(
  raw?: string,
): Promise<{ out: string; warnings: Warning[]; counts: Record<string, number> }> {
  const edition = resolveEdition({ year: 2009, build: tmp(), raw });
  await runStage(ingest, edition);
  const out = join(edition.buildDir, 'employment');
  mkdirSync(out, { recursive: true });
  const warnings: Warning[] = [];
  const counts: Record<string, number> = {};
  const ctx: StageContext = {
    edition,
    stage: 'employment',
    out,
    warn: (w) => warnings.push(w),
    log: () => {},
    count: (t, n) => {
      counts[t] = n;
    },
    publish: () => {},
    largestInputRows: 0,
    duck: (threads) => {
      opened ??= Duck.open({ threads: threads ?? '1' });
      return opened;
    },
  };
  // The stage run as runStage runs it, which closes the stage's DuckDB after it.
  let opened: Promise<Duck> | undefined;
  try {
    await employment.run(ctx);
  } finally {
    (await opened)?.close();
  }
  return { out, warnings, counts };
}

let first: Awaited<ReturnType<typeof build>>;
let second: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  first = await build();
  second = await build();
});

async function query<T>(sql: string): Promise<T[]> {
  const duck = await Duck.open();
  try {
    return await duck.rows<T>(sql.replaceAll('$out', first.out));
  } finally {
    duck.close();
  }
}

describe('employment stage, 2009', () => {
  it('writes every table as Parquet and CSV, and checks.json', () => {
    const files = readdirSync(first.out).sort();
    for (const t of ['entity_employment', 'entity_foreign', 'entity_lan', 'lan_sector', 'statistics_long']) {
      expect(files).toContain(`${t}.parquet`);
      expect(files).toContain(`${t}.csv`);
    }
    expect(files).toContain('checks.json');
    expect(first.counts).toEqual({
      entity_lan: 93,
      entity_foreign: 9,
      entity_employment: 161,
      lan_sector: 336,
      statistics_long: 336,
      missing_cells: 0,
    });
    expect(first.warnings).toEqual([]);
  });

  it('is byte-identical for identical inputs', () => {
    for (const f of readdirSync(first.out).sort()) {
      expect(readFileSync(join(second.out, f)).equals(readFileSync(join(first.out, f))), f).toBe(true);
    }
  });

  it('the national total for 2008 is SCB’s 4 406 789', () => {
    const checks = JSON.parse(readFileSync(join(first.out, 'checks.json'), 'utf8'));
    expect(checks.statistikar).toBe(2008);
    expect(checks.riket_per_ar).toEqual([{ ar: 2008, varde: 4406789, kalla: 'summa' }]);
    expect(checks.kontroller).toEqual([
      {
        fil: 'scb-am0207k-2008.csv',
        ar: 2008,
        forvantat: 4406789,
        beraknat: 4406789,
        summa_befintliga: 4406789,
        kalla: 'summa',
        ok: true,
        saknas: null,
      },
    ]);
    // The same sum straight from the shipped file's bytes, without the stage's reader.
    const text = iconv.decode(
      readFileSync(join(REPO_ROOT, 'raw/2009/employment/scb-am0207k-2008.csv')),
      'win1252',
    );
    const sum = text
      .split('\r\n')
      .slice(3)
      .filter(Boolean)
      .reduce((s, line) => s + Number(line.slice(line.lastIndexOf(',') + 1)), 0);
    expect(sum).toBe(4406789);
  });

  it('the report’s county statements hold in checks.json', () => {
    const checks = JSON.parse(readFileSync(join(first.out, 'checks.json'), 'utf8'));
    expect(checks.rapportens_lansiffror.map((s: { ok: boolean }) => s.ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    const n = Object.fromEntries(
      checks.lan_lista1.map((l: { lan_kod: string; antal: number }) => [l.lan_kod, l.antal]),
    );
    expect([n['14'], n['17'], n['12'], n['09']]).toEqual([5, 5, 4, 0]);
  });

  it('LQ of The Paper Province in Värmland, from SCB’s figures by hand', async () => {
    // raw/2009/employment/scb-am0207k-2008.csv, line 197: "17 Värmlands län","B+C tillverkning och utvinning",22214
    // Värmland, all 16 groups: 119 902; riket B+C (21 län): 664 923; riket, all: 4 406 789.
    // LQ = (22 214 / 119 902) / (664 923 / 4 406 789) = 0.185268 / 0.150886 = 1.2279
    const [r] = await query<Record<string, unknown>>(
      "SELECT * FROM read_parquet('$out/entity_employment.parquet') WHERE factsheet_id = 'the-paper-province' AND lan_kod = '17'",
    );
    expect([r.sysselsatta, r.region_totalt, r.sektor_riket, r.riket_totalt].map(Number)).toEqual([
      22214, 119902, 664923, 4406789,
    ]);
    // Stored exact, as the one division (22 214 × 4 406 789) / (119 902 × 664 923); printed 1,23.
    expect(Number(r.lq)).toBe((22214 * 4406789) / (119902 * 664923));
    expect(Number(r.lq)).toBeCloseTo(1.2279, 4);
    expect(r).toMatchObject({
      ar: 2008,
      rams_grupp: 'B+C',
      gruppering: 'rams',
      tabell: 'AM0207K',
      lan_koder: '17;18',
    });
    expect(r.kalla).toMatch(/^SCB, registerbaserad arbetsmarknadsstatistik \(RAMS\), tabell AM0207K/);
  });

  it('one aggregate row per initiative with a sector, over all its Swedish län', async () => {
    const rows = await query<{ n: bigint; ids: bigint }>(
      "SELECT count(*) AS n, count(DISTINCT factsheet_id) AS ids FROM read_parquet('$out/entity_employment.parquet') WHERE rad = 'alla'",
    );
    expect([Number(rows[0].n), Number(rows[0].ids)]).toEqual([68, 68]);
  });

  it('stops when the national total differs from the published one', async () => {
    // A copy of raw/2009 whose statistik.csv expects one person more than SCB's figure.
    const raw = tmp();
    cpSync(join(REPO_ROOT, 'raw/2009'), join(raw, '2009'), { recursive: true });
    const manifest = join(raw, '2009/employment/statistik.csv');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(',2008,4406789,', ',2008,4406790,'));
    await expect(build(raw)).rejects.toThrow(/national total 2008: 4 406 789 ≠ 4 406 790/);
  });
});
