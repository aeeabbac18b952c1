// The browser script is bundled once per compiled state of the sources (KK_COMPILED) and of package-lock.json, and
// kept there; from source (no KK_COMPILED) it is bundled on every call.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import { bundleApp } from '../src/bundle.ts';

const saved = process.env.KK_COMPILED;
afterEach(() => {
  if (saved === undefined) delete process.env.KK_COMPILED;
  else process.env.KK_COMPILED = saved;
});

describe('the browser script', () => {
  it('is bundled once in a compiled folder, under the packages it holds, and read from there after', async () => {
    const dir = tempDir('kk-compiled-');
    try {
      delete process.env.KK_COMPILED;
      const fresh = await bundleApp();
      expect(fresh).toContain('kk-saknas'); // the map's pattern for a missing value, from the site's own code
      expect(readdirSync(dir)).toEqual([]);
      process.env.KK_COMPILED = dir;
      // One kept under another package-lock.json (arquero or esbuild changed since) is not this one.
      writeFileSync(join(dir, 'web-app-000000000000.js'), '/* other packages */');
      expect(await bundleApp()).toBe(fresh);
      const [kept] = readdirSync(dir).filter((f) => f !== 'web-app-000000000000.js');
      expect(kept).toMatch(/^web-app-[0-9a-f]{12}\.js$/);
      expect(readFileSync(join(dir, kept), 'utf8')).toBe(fresh);
      // What is kept there is what a later run uses (the folder's name is the state of the sources).
      writeFileSync(join(dir, kept), '/* kept */');
      expect(await bundleApp()).toBe('/* kept */');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
