// Changing one raw file reruns exactly the stages downstream of it; a no-op rebuild is all cache hits.
// Runs the real command (npm run report → turbo) on a copy of the repository and reads turbo's run summary.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepository, type RepoCopy } from '../support/repo-copy.ts';

let repo: RepoCopy;

/** Runs `kk report` in the copy and returns each stage's cache status from turbo's run summary. */
function report(root = repo.root): Record<string, 'HIT' | 'MISS'> {
  const runs = join(root, '.turbo', 'runs');
  rmSync(runs, { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['packages/cli/bin/kk.js', 'report', '--summarize'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`kk report failed:\n${r.stdout}\n${r.stderr}`);
  const [file] = readdirSync(runs);
  const summary = JSON.parse(readFileSync(join(runs, file), 'utf8'));
  return Object.fromEntries(
    summary.tasks.map((t: { package: string; cache: { status: 'HIT' | 'MISS' } }) => [
      t.package.replace('@kk/', ''),
      t.cache.status,
    ]),
  );
}

function edit(rel: string, from: string, to: string): void {
  const path = join(repo.root, rel);
  const text = readFileSync(path, 'latin1');
  if (!text.includes(from)) throw new Error(`${rel} lacks ${from}`);
  writeFileSync(path, text.replace(from, to), 'latin1');
}

beforeAll(() => {
  repo = copyRepository();
  report();
}, 300_000);

afterAll(() => repo?.cleanup());

describe('reruns after one edit (turbo run summary)', () => {
  it('a no-op rebuild is all cache hits', () => {
    expect(report()).toEqual({
      ingest: 'HIT',
      dedupe: 'HIT',
      employment: 'HIT',
      criteria: 'HIT',
      changes: 'HIT',
      report: 'HIT',
      web: 'HIT',
    });
  }, 120_000);

  it('a copy of the built repository at another path (cp -a) hits the cache for every stage', () => {
    const moved = mkdtempSync(join(tmpdir(), 'kk-moved-'));
    try {
      execFileSync('cp', ['-a', `${repo.root}/.`, moved]);
      expect(report(moved)).toEqual({
        ingest: 'HIT',
        dedupe: 'HIT',
        employment: 'HIT',
        criteria: 'HIT',
        changes: 'HIT',
        report: 'HIT',
        web: 'HIT',
      });
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  }, 120_000);

  it('the employment statistics: employment, changes, report and web rerun, ingest, dedupe and criteria are hits', () => {
    // A 2008 cell of Stockholm's information and communication (RAMS J); the file is Windows-1252.
    const rel = 'raw/2009/employment/scb-am0207k-2008.csv';
    const line = readFileSync(join(repo.root, rel), 'latin1')
      .split('\r\n')
      .find((l) => l.startsWith('"01 Stockholms l') && l.includes('"J information')) as string;
    edit(
      rel,
      line,
      line.replace(/,(\d+)$/, (_, n) => `,${Number(n) + 1}`),
    );
    edit('raw/2009/employment/statistik.csv', '4406789', '4406790');
    expect(report()).toEqual({
      ingest: 'HIT',
      dedupe: 'HIT',
      employment: 'MISS',
      criteria: 'HIT',
      changes: 'MISS',
      report: 'MISS',
      web: 'MISS',
    });
  }, 180_000);

  it('one fact-sheet description: only the report and the web edition rerun', () => {
    edit(
      'raw/2009/factsheets/descriptions/compare.md',
      'Stiftelsen har omkring 100',
      'Stiftelsen har omkring 101',
    );
    expect(report()).toEqual({
      ingest: 'HIT',
      dedupe: 'HIT',
      employment: 'HIT',
      criteria: 'HIT',
      changes: 'HIT',
      report: 'MISS',
      web: 'MISS',
    });
  }, 180_000);

  it('one assessment: criteria, changes, report and web rerun', () => {
    edit(
      'raw/2009/criteria/bedomningar.csv',
      '2.3, 2.5.",reconstructed',
      '2.3, 2.5 (granskad igen).",reconstructed',
    );
    expect(report()).toEqual({
      ingest: 'HIT',
      dedupe: 'HIT',
      employment: 'HIT',
      criteria: 'MISS',
      changes: 'MISS',
      report: 'MISS',
      web: 'MISS',
    });
  }, 180_000);

  it('a source list: every stage reruns', () => {
    edit('raw/2009/sources/k1-vinnova.csv', 'www.', 'http://www.');
    expect(report()).toEqual({
      ingest: 'MISS',
      dedupe: 'MISS',
      employment: 'MISS',
      criteria: 'MISS',
      changes: 'MISS',
      report: 'MISS',
      web: 'MISS',
    });
  }, 300_000);
});
