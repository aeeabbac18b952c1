// Changing one raw file reruns exactly the stages that read what changed; a no-op rebuild starts nothing.
// Runs the real command (npm run report → turbo) on a copy of the repository and reads turbo's run summary and
// the run's log: a stage turbo starts (its cache key changed: an upstream stage ran) may still find that what it
// reads is the same by content and keep its output (early cutoff), which it logs as "unchanged". When every stage
// is current by content the command says so and starts no turbo run (CURRENT).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepository, type RepoCopy } from '../support/repo-copy.ts';

let repo: RepoCopy;

/**
 * Runs `kk report` in the copy and returns what each stage did: HIT (turbo restored it from its cache), RAN,
 * UNCHANGED (turbo started it, and it kept its output because what it reads is the same by content), or CURRENT
 * (every stage was current by content: no turbo run, and no run summary).
 */
function report(root = repo.root): Record<string, 'HIT' | 'RAN' | 'UNCHANGED' | 'CURRENT'> {
  const runs = join(root, '.turbo', 'runs');
  rmSync(runs, { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['packages/cli/bin/kk.js', 'report', '--summarize'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`kk report failed:\n${r.stdout}\n${r.stderr}`);
  const current = /^\[2009\] ([a-z, ]+) current: each reads the same/m.exec(r.stdout);
  if (current) {
    expect(existsSync(runs), 'a run summary although no turbo run was expected').toBe(false);
    return Object.fromEntries(current[1].split(', ').map((stage) => [stage, 'CURRENT']));
  }
  const [file] = readdirSync(runs);
  const summary = JSON.parse(readFileSync(join(runs, file), 'utf8'));
  return Object.fromEntries(
    summary.tasks.map((t: { package: string; cache: { status: 'HIT' | 'RAN' } }) => {
      const stage = t.package.replace('@kk/', '');
      const kept = new RegExp(`\\[${stage} \\d{4}\\] unchanged: `).test(r.stdout);
      return [stage, t.cache.status === 'HIT' ? 'HIT' : kept ? 'UNCHANGED' : 'RAN'];
    }),
  );
}

function edit(rel: string, from: string, to: string): void {
  const path = join(repo.root, rel);
  const text = readFileSync(path, 'latin1');
  if (!text.includes(from)) throw new Error(`${rel} lacks ${from}`);
  writeFileSync(path, text.replace(from, to), 'latin1');
}

beforeAll(() => {
  // The suite's global setup built 2009 in the repository: the copy's first build restores it from turbo's cache.
  repo = copyRepository({ turboCache: true });
  report();
}, 300_000);

afterAll(() => repo?.cleanup());

describe('reruns after one edit (turbo run summary)', () => {
  const everyStage = (what: 'HIT' | 'CURRENT') =>
    Object.fromEntries(
      ['ingest', 'dedupe', 'employment', 'criteria', 'changes', 'report', 'web'].map((s) => [s, what]),
    );

  it('a no-op rebuild starts no turbo run: every stage is current by content', () => {
    expect(report()).toEqual(everyStage('CURRENT'));
  }, 120_000);

  it('a no-op rebuild with a page of the web edition edited by hand restores the page (turbo, from its cache)', () => {
    const index = join(repo.root, 'build', '2009', 'web', 'index.html');
    const page = readFileSync(index);
    writeFileSync(index, `${page}<!-- edited by hand -->`);
    // turbo restores web from its cache (its key is the same), and the published folder gets the restored page.
    expect(report()).toEqual(everyStage('HIT'));
    expect(readFileSync(index).equals(page)).toBe(true);
  }, 120_000);

  it('a copy of the built repository at another path (cp -a) is current, and without its build hits the cache for every stage', () => {
    const moved = mkdtempSync(join(tmpdir(), 'kk-moved-'));
    try {
      // As cp -a copies it, but turbo's cache linked (cp -al): a developer's cache is hundreds of megabytes.
      for (const entry of readdirSync(repo.root).filter((e) => e !== '.turbo'))
        execFileSync('cp', ['-a', join(repo.root, entry), moved]);
      execFileSync('cp', ['-al', join(repo.root, '.turbo'), join(moved, '.turbo')]);
      expect(report(moved)).toEqual(everyStage('CURRENT'));
      rmSync(join(moved, 'build'), { recursive: true, force: true });
      // turbo's keys do not depend on the repository's path.
      expect(report(moved)).toEqual(everyStage('HIT'));
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  }, 120_000);

  it('the employment statistics: employment, report and web run; changes (2009 has no previous edition) keeps its output', () => {
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
      employment: 'RAN',
      criteria: 'HIT',
      changes: 'UNCHANGED',
      report: 'RAN',
      web: 'RAN',
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
      report: 'RAN',
      web: 'RAN',
    });
  }, 180_000);

  it("one judgment's wording: criteria and the report run; what they write is the same, so the web edition keeps its output", () => {
    edit(
      'raw/2009/criteria/bedomningar.csv',
      '2.3, 2.5.",reconstructed',
      '2.3, 2.5 (granskad igen).",reconstructed',
    );
    expect(report()).toEqual({
      ingest: 'HIT',
      dedupe: 'HIT',
      employment: 'HIT',
      criteria: 'RAN',
      changes: 'UNCHANGED',
      report: 'RAN',
      web: 'UNCHANGED',
    });
  }, 180_000);

  it('one fact-sheet cell only the report prints (a member count): ingest, the report and the web edition run', () => {
    // Internet Bay's "Antal medlemsföretag", Ca 30 → Ca 31: dedupe, employment and criteria do not read it.
    const rel = 'raw/2009/factsheets/factsheets.csv';
    const text = readFileSync(join(repo.root, rel), 'utf8');
    const at = text.indexOf(',Ca 30,', text.indexOf('\ninternet-bay,'));
    writeFileSync(join(repo.root, rel), `${text.slice(0, at)},Ca 31,${text.slice(at + 7)}`);
    expect(report()).toEqual({
      ingest: 'RAN',
      dedupe: 'UNCHANGED',
      employment: 'UNCHANGED',
      criteria: 'UNCHANGED',
      changes: 'UNCHANGED',
      report: 'RAN',
      web: 'RAN',
    });
  }, 180_000);

  it('a web address in a source list: ingest, dedupe and criteria run; the stages that do not read it keep their output', () => {
    edit('raw/2009/sources/k1-vinnova.csv', 'www.', 'http://www.');
    expect(report()).toEqual({
      ingest: 'RAN',
      dedupe: 'RAN',
      employment: 'UNCHANGED',
      criteria: 'RAN',
      changes: 'UNCHANGED',
      report: 'UNCHANGED',
      web: 'UNCHANGED',
    });
  }, 300_000);
});
