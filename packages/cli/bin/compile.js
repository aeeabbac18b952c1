// Compiles the stages and the kk command to JavaScript once, so that a stage's process starts in plain node
// instead of paying the TypeScript loader (tsx) and its transforms again in every stage of every run.
// Each entry is bundled with the repository's own TypeScript and the npm packages it imports inlined (but for a
// few, see EXTERNAL); a source file's `import.meta.dirname`, `.filename` and `.url` become its own path, so that a
// module finds its SQL, templates and models beside it as it does when run from source. The bundles live in
// node_modules/.cache/kk/ (inside the repository, so that node resolves the external packages), one folder per
// state of the sources and of the installed packages.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a compiled run may start: the stages by name, and the kk command's own modules. */
const STAGES = ['ingest', 'dedupe', 'employment', 'criteria', 'changes', 'report', 'web'];

/** Where a stage's bundle starts (a module made here, see the plugin below). */
const STAGE_ENTRY = 'kk-stage:';
/** The shape of the bundles: bumped when what they export changes, so that no older bundle is loaded. */
const FORMAT = 3;

/**
 * The packages left out of the bundles, resolved from node_modules at run time: the native parts (DuckDB's
 * bindings, esbuild), and the benchmarks, which read the tests' TypeScript (the kk command loads them through
 * tsx, bin/kk.js). Every other npm package is bundled: node spent half a second of a run's CPU resolving and reading the several
 * hundred files of puppeteer-core, exceljs, zod and the rest, and preparsing the CommonJS ones, once in every
 * process that runs a stage; DuckDB's JavaScript alone took 0.3 s, bundled 0.08 s. (Code a bundled package runs
 * only to download a browser or through a PAC proxy refers to `__dirname`, which a bundle has not: never reached,
 * since Chromium is always given by its path.)
 */
const EXTERNAL = ['@duckdb/node-bindings', 'esbuild', '@kk/bench'];

/** The folder of the bundles. */
const compiledDir = (root) => join(root, 'node_modules', '.cache', 'kk');

/** The newest modification time of the TypeScript the bundles are made of, and of the installed packages. */
function newestSource(root) {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'test' || e.name === 'bench') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  // The packages bundled: npm rewrites this file on every install.
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed)) newest = Math.max(newest, statSync(installed).mtimeMs);
  for (const top of ['packages', 'pipelines']) {
    for (const pkg of readdirSync(join(root, top))) {
      const src = join(root, top, pkg, 'src');
      if (existsSync(src)) walk(src);
      const manifest = join(root, top, pkg, 'package.json');
      if (existsSync(manifest)) newest = Math.max(newest, statSync(manifest).mtimeMs);
    }
  }
  return newest;
}

/**
 * Bundles every stage (its src/stage.ts) and the kk command's main.ts, once per state of the sources: into
 * node_modules/.cache/kk/<version>/, made in a temporary folder and renamed into place, so that two runs at once
 * never see half a bundle. Returns the folder.
 */
export async function compile(root) {
  // The bundles hold the sources' paths: a copy of the repository elsewhere (sharing node_modules) has its own.
  const place = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const version = `v${Math.round(newestSource(root))}-f${FORMAT}-${place}`;
  const out = join(compiledDir(root), version);
  if (existsSync(join(out, 'main.mjs'))) return out;
  const tmp = `${out}.tmp-${process.pid}`;
  const esbuild = await import('esbuild');
  const entryPoints = Object.fromEntries([
    ...STAGES.map((s) => [`stage-${s}`, `${STAGE_ENTRY}${s}`]),
    ['main', join(root, 'packages', 'cli', 'src', 'main.ts')],
  ]);
  const own = {
    name: 'own-paths',
    setup(build) {
      // A stage's bundle exports its definition and the runner, instead of running on import: the kk command's
      // stage host (src/stage-host.ts) imports it once and runs it for each task turbo starts; bin/stage.js, the
      // task's own process, runs it when there is no host.
      build.onResolve({ filter: new RegExp(`^${STAGE_ENTRY}`) }, (a) => ({
        path: a.path.slice(STAGE_ENTRY.length),
        namespace: 'kk-stage',
      }));
      build.onLoad({ filter: /.*/, namespace: 'kk-stage' }, (a) => ({
        contents: "export { default as stage } from './stage.ts';\nexport { runStageCli } from '@kk/core';\n",
        resolveDir: join(root, 'pipelines', a.path, 'src'),
        loader: 'ts',
      }));
      // The repository's own packages and npm's are inlined, but for EXTERNAL.
      build.onResolve({ filter: /^[^./]/ }, (a) =>
        EXTERNAL.some((e) => a.path === e || a.path.startsWith(`${e}/`))
          ? { path: a.path, external: true }
          : undefined,
      );
      build.onLoad({ filter: /\.ts$/ }, (a) => {
        const text = readFileSync(a.path, 'utf8')
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(a.path)))
          .replaceAll('import.meta.filename', JSON.stringify(a.path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href));
        return { contents: text, loader: 'ts' };
      });
    },
  };
  try {
    await esbuild.build({
      entryPoints,
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      plugins: [own],
      logLevel: 'error',
      // The CommonJS packages bundled here call require() for node's own modules (and for the optional ones they
      // look for in a try, which stay unresolved).
      banner: {
        js: "import { createRequire as kkCreateRequire } from 'node:module'; const require = kkCreateRequire(import.meta.url);",
      },
    });
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Another run made the same version meanwhile.
    if (!existsSync(join(out, 'main.mjs'))) throw err;
  }
  // This place's older versions go after ten minutes: a run that started before the edit may load from one.
  for (const old of readdirSync(compiledDir(root))) {
    const path = join(compiledDir(root), old);
    if (old !== version && old.endsWith(`-${place}`) && Date.now() - statSync(path).mtimeMs > 600_000)
      rmSync(path, { recursive: true, force: true });
  }
  return out;
}
