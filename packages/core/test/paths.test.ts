import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { editionYears, previousEdition, REPO_RAW_ROOT, REPO_ROOT, resolveEdition } from '../src/paths.ts';

// A raw root of its own, as a fixture edition under tests/fixtures/raw is: 2007, 2010 and 2012, not 2009.
const root = mkdtempSync(join(tmpdir(), 'kk-paths-'));
const raw = join(root, 'raw');
for (const y of ['2007', '2010', '2012']) mkdirSync(join(raw, y), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const noEnv = {};

describe('resolveEdition with --raw', () => {
  it('takes a year the raw root has from that root', () => {
    const e = resolveEdition({ raw, year: 2010, build: join(root, 'build') }, noEnv);
    expect(e).toEqual({
      year: 2010,
      rawRoot: raw,
      buildRoot: join(root, 'build'),
      rawDir: join(raw, '2010'),
      buildDir: join(root, 'build', '2010'),
    });
  });

  it("falls back to the repository's raw/ for a year the raw root lacks, keeping the build root", () => {
    expect(editionYears(REPO_RAW_ROOT)).toContain(2009);
    const e = resolveEdition({ raw, year: '2009' }, noEnv);
    expect(e.rawRoot).toBe(REPO_RAW_ROOT);
    expect(e.rawDir).toBe(join(REPO_ROOT, 'raw', '2009'));
    expect(e.buildDir).toBe(join(REPO_ROOT, 'build', '2009'));
  });

  it('still refuses a year found in neither, naming both places', () => {
    expect(() => resolveEdition({ raw, year: 1999 }, noEnv)).toThrow(InputError);
    expect(() => resolveEdition({ raw, year: 1999 }, noEnv)).toThrow(
      /editions here: 2007, 2010, 2012; under raw: /,
    );
  });

  it('defaults to the latest year under --raw, not under raw/', () => {
    expect(resolveEdition({ raw }, noEnv).year).toBe(2012);
  });

  it('reads the edition from KK_EDITION as the stages get it under turbo', () => {
    const e = resolveEdition({}, { KK_EDITION: JSON.stringify({ raw, year: 2009 }) });
    expect(e.rawDir).toBe(join(REPO_RAW_ROOT, '2009'));
  });
});

describe('--raw with its own copy of an edition the repository has', () => {
  it('needs --build, so that it cannot replace the repository’s build/<year>', () => {
    const own = join(root, 'own-raw');
    mkdirSync(join(own, '2009'), { recursive: true });
    expect(() => resolveEdition({ raw: own, year: 2009 }, noEnv)).toThrow(
      /own-raw\/2009: expected --build DIR for an edition that raw\/ also has, found none: the build would replace the repository's own build\/2009$/,
    );
    expect(resolveEdition({ raw: own, year: 2009, build: join(root, 'b') }, noEnv).buildDir).toBe(
      join(root, 'b', '2009'),
    );
  });
});

describe('previousEdition', () => {
  it('is the latest earlier year under the raw root or raw/, whichever holds it', () => {
    const prev = previousEdition(resolveEdition({ raw, year: 2010, build: join(root, 'build') }, noEnv));
    expect(prev?.year).toBe(2009);
    expect(prev?.rawDir).toBe(join(REPO_RAW_ROOT, '2009'));
    expect(prev?.buildDir).toBe(join(root, 'build', '2009'));
  });

  it('finds an earlier year under the raw root itself', () => {
    const prev = previousEdition(resolveEdition({ raw, year: 2012 }, noEnv));
    expect(prev?.year).toBe(2010);
    expect(prev?.rawDir).toBe(join(raw, '2010'));
  });

  it('is undefined for the first edition', () => {
    expect(previousEdition(resolveEdition({ raw, year: 2007 }, noEnv))).toBeUndefined();
  });
});
