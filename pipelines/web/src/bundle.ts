import { join } from 'node:path';
import { build } from 'esbuild';

/** The browser code (with arquero) as one minified script: the site loads nothing from outside its folder. */
export async function bundleApp(): Promise<string> {
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
  return result.outputFiles[0].text;
}
