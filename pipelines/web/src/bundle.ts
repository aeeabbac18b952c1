import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The browser code (with arquero) as one minified script: the site loads nothing from outside its folder.
 * It depends on the code alone, not on the edition, and took 0.2–0.4 s of the stage's 0.5 s: in a compiled run
 * (KK_COMPILED, the folder bin/compile.js makes once per state of the sources) it is bundled once and kept there.
 */
export async function bundleApp(): Promise<string> {
  const kept = process.env.KK_COMPILED ? join(process.env.KK_COMPILED, 'web-app.js') : undefined;
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
  if (kept && existsSync(process.env.KK_COMPILED as string)) {
    // Written beside and renamed: two stages at once never read half a script.
    writeFileSync(`${kept}.${process.pid}`, text);
    renameSync(`${kept}.${process.pid}`, kept);
  }
  return text;
}
