#!/usr/bin/env node
// The `stage` script of every stage package (turbo runs it in the package's folder). Within a run of the kk
// command (KK_COMPILED names the compiled bundles, bin/compile.js) the stage starts from its bundle in plain node;
// run on its own, it starts from source through tsx, as before.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const name = basename(process.cwd());
const compiled = process.env.KK_COMPILED ? join(process.env.KK_COMPILED, `stage-${name}.mjs`) : '';
if (compiled && existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
