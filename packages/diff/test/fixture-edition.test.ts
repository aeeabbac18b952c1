// The synthetic 2010 edition under tests/fixtures/raw: the committed files are what its script makes from the
// current raw/2009, and every row it adds or changes says `synthetic`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'raw', '2010');
const RAW_2009 = join(REPO_ROOT, 'raw', '2009');
const tmp = mkdtempSync(join(tmpdir(), 'kk-fixture-2010-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(dir)
    .map((p) => relative(dir, p))
    .sort();
}

type Row = Record<string, string>;

function delimiterOf(rel: string): string {
  if (!rel.startsWith('sources/')) return ',';
  const manifest = parse(readFileSync(join(FIXTURE, 'sources', 'manifest.csv'), 'utf8'), {
    columns: true,
  }) as Row[];
  return manifest.find((m) => `sources/${m.fil}` === rel)?.avgransare ?? ',';
}

function rows(path: string, delimiter: string): Row[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, delimiter, bom: true }) as Row[];
}

describe('the synthetic 2010 fixture edition', () => {
  it('is what tests/fixtures/make-edition-2010.ts makes from raw/2009 (run the script again if not)', () => {
    const out = join(tmp, '2010');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'tests', 'fixtures', 'make-edition-2010.ts'), '--out', out],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(files(FIXTURE)).toEqual(files(out));
    const stale = files(out).filter(
      (f) => !readFileSync(join(out, f)).equals(readFileSync(join(FIXTURE, f))),
    );
    expect(stale).toEqual([]);
  });

  it('marks every added or changed row synthetic', () => {
    const checked: string[] = [];
    // Tables with a provenance column (the statistics files open with a title line and have none).
    const tables = files(FIXTURE).filter(
      (f) => f.endsWith('.csv') && /proveniens/.test(readFileSync(join(FIXTURE, f), 'latin1').split('\n')[0]),
    );
    for (const rel of tables) {
      const delimiter = delimiterOf(rel);
      const now = rows(join(FIXTURE, rel), delimiter);
      const provenance = Object.keys(now[0] ?? {}).filter((c) => c.startsWith('proveniens'));
      if (provenance.length === 0) continue;
      const before = existsSync(join(RAW_2009, rel))
        ? new Set(rows(join(RAW_2009, rel), delimiter).map((r) => JSON.stringify(r)))
        : new Set<string>();
      for (const row of now) {
        if (before.has(JSON.stringify(row))) continue;
        checked.push(`${rel}: ${Object.values(row)[0]}`);
        expect(
          provenance.some((c) => row[c] === 'synthetic'),
          `${rel}: ${JSON.stringify(row).slice(0, 120)}`,
        ).toBe(true);
      }
    }
    // The fixture's edits, so that this test cannot pass by finding nothing to check.
    expect(checked).toContain('factsheets/factsheets.csv: fiktivia-testkluster');
    expect(checked).toContain('criteria/initiativ.csv: tunga-fordon');
    expect(checked).toContain('sources/k2-syntetiskt-register-2010.csv: Fiktivia Testkluster');
    expect(checked.length).toBeGreaterThan(25);
  });

  it('says so in its title', () => {
    const edition = JSON.parse(readFileSync(join(FIXTURE, 'edition.json'), 'utf8'));
    expect(edition.ar).toBe(2010);
    expect(edition.titel).toMatch(/syntetisk testutgåva/);
    expect(edition.proveniens).toBe('synthetic');
  });
});
