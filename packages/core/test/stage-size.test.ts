// How large a stage's table work is, before it reads anything (StageContext.largestInputRows, which sets its
// DuckDB threads through threadsFor): the largest table its upstream stages wrote, this edition's and the
// previous edition's for a stage that compares with it (changes), from their manifests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Duck, lit, ROW_GROUP, threadsFor } from '../src/duck.ts';
import { resolveEdition } from '../src/paths.ts';
import { runStage } from '../src/stage.ts';

const root = mkdtempSync(join(tmpdir(), 'kk-stage-size-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A manifest as a stage leaves it, with only the row counts that matter here. */
function built(year: number, stage: string, rows: Record<string, number>): void {
  const dir = join(root, 'build', String(year), stage);
  mkdirSync(dir, { recursive: true });
  const manifest = { stage, edition: year, inputs: {}, upstream: {}, code: '', outputs: {}, columns: {} };
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ ...manifest, reads: {}, rows, warnings: [], tools: {}, duration_ms: 0 }),
  );
}

describe('largestInputRows', () => {
  for (const y of [2009, 2010]) mkdirSync(join(root, 'raw', String(y)), { recursive: true });
  const edition = (year: number) =>
    resolveEdition({ year, raw: join(root, 'raw'), build: join(root, 'build') }, {});
  const seen = async (year: number) => {
    let rows = -1;
    await runStage(
      {
        name: 'changes',
        run: async (ctx) => {
          rows = ctx.largestInputRows;
        },
      },
      edition(year),
    );
    return rows;
  };

  it("is the largest table of the upstream stages' manifests, the previous edition's included", async () => {
    for (const [stage, rows] of Object.entries({ ingest: 201, dedupe: 367, employment: 336, criteria: 510 }))
      built(2010, stage, { a: rows, b: 3 });
    expect(await seen(2010)).toBe(510);
    built(2009, 'criteria', { bedomningar: 200_000 });
    expect(await seen(2010)).toBe(200_000);
    expect(threadsFor(200_000)).toBe('2');
    expect(threadsFor(510)).toBe('1');
    expect(threadsFor(ROW_GROUP)).toBe('2');
  });

  it('is 0 when the upstream stages wrote no table', async () => {
    for (const stage of ['ingest', 'dedupe', 'employment', 'criteria']) built(2009, stage, {});
    expect(await seen(2009)).toBe(0);
  });
});

describe("the stage's DuckDB (ctx.duck())", () => {
  const edition = () =>
    resolveEdition({ year: 2011, raw: join(root, 'raw'), build: join(root, 'build') }, {});
  mkdirSync(join(root, 'raw', '2011'), { recursive: true });
  for (const stage of ['ingest', 'dedupe', 'employment', 'criteria']) built(2011, stage, { t: 5 });

  it('is one DuckDB for the stage and its digests, opened once and closed after', async () => {
    const opened = vi.spyOn(Duck, 'open');
    let first: Duck | undefined;
    let same = false;
    try {
      const m = await runStage(
        {
          name: 'changes',
          run: async (ctx) => {
            first = await ctx.duck();
            same = (await ctx.duck()) === first;
            await first.run(`COPY (SELECT 1 AS x) TO ${lit(join(ctx.out, 't.parquet'))} (FORMAT parquet)`);
          },
        },
        edition(),
      );
      expect(same).toBe(true);
      expect(Object.keys(m.columns?.t ?? {})).toEqual(['x']);
      expect(opened).toHaveBeenCalledTimes(1);
    } finally {
      opened.mockRestore();
    }
    await expect((first as Duck).run('SELECT 1')).rejects.toThrow();
  });

  it("is closed when the stage fails, and the stage's error is the one reported", async () => {
    let db: Duck | undefined;
    // Run although it would find its reads unchanged since the run above (early cutoff).
    vi.stubEnv('KK_FORCE', '1');
    await expect(
      runStage(
        {
          name: 'changes',
          run: async (ctx) => {
            db = await ctx.duck();
            throw new Error('the stage failed');
          },
        },
        edition(),
      ),
    ).rejects.toThrow('the stage failed');
    vi.unstubAllEnvs();
    await expect((db as Duck).run('SELECT 1')).rejects.toThrow();
  });
});
