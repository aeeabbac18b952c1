import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { newEdition } from '../src/edition.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm run edition -- new', () => {
  it('starts an edition in a raw root that has its own copy of 2009, without asking for --build (it builds nothing)', () => {
    root = mkdtempSync(join(tmpdir(), 'kk-new-edition-'));
    cpSync(join(REPO_ROOT, 'raw/2009'), join(root, '2009'), { recursive: true });
    // The raw root's own 2009 is the one copied: a file only it has shows in the new edition.
    writeFileSync(join(root, '2009/geography/only-here.txt'), "the raw root's own 2009\n");
    const r = newEdition('2011', { raw: root });
    expect(r).toMatchObject({ year: 2011, from: 2009, dir: join(root, '2011') });
    expect(existsSync(join(root, '2011/factsheets/factsheets.csv'))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, '2011/edition.json'), 'utf8'))).toMatchObject({ ar: 2011 });
    expect(readFileSync(join(root, '2011/geography/only-here.txt'), 'utf8')).toMatch(/own 2009/);
    expect(existsSync(join(REPO_ROOT, 'raw/2011'))).toBe(false);
  });
});
