import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { build } from 'esbuild';

/**
 * The browser code (with arquero) as one minified script: the site loads nothing from outside its folder.
 * It depends on the code alone, not on the edition, and took 0.2–0.4 s of the stage's 0.5 s: in a compiled run
 * (KK_COMPILED, the folder bin/compile.js makes once per state of the sources) it is bundled once and kept there,
 * under the hash of package-lock.json as well: unlike the stage bundles it holds npm packages (arquero) and is
 * made by esbuild, which `npm install` can change without touching the sources.
 */
export async function bundleApp(): Promise<string> {
  const kept = process.env.KK_COMPILED
    ? join(process.env.KK_COMPILED, `web-app-${packagesHash()}.js`)
    : undefined;
  if (kept && existsSync(kept)) return readFileSync(kept, 'utf8');
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'browser', 'app.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  if (kept) {
    // Written beside and renamed: two stages at once never read half a script. Keeping it is only a saving: a
    // folder compile.js removed meanwhile (an old state of the sources) leaves the stage as it is.
    try {
      writeFileSync(`${kept}.${process.pid}`, text);
      renameSync(`${kept}.${process.pid}`, kept);
    } catch {}
  }
  return text;
}

const packagesHash = () =>
  createHash('sha256')
    .update(readFileSync(join(REPO_ROOT, 'package-lock.json')))
    .digest('hex')
    .slice(0, 12);
