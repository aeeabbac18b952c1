import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import {
  allStageSpecs,
  displayPath,
  type Edition,
  editionEnv,
  previousEdition,
  promoteStaged,
  publishedCopiesIntact,
  publishedFiles,
  REPO_ROOT,
  resolveEdition,
  type StageSpec,
  stagesUpTo,
  stagingDir,
  withBuildLock,
} from '@kk/core';
import { compile } from '../bin/compile.js';
import { startStageHost } from './stage-host.ts';
import { stageStatuses } from './status.ts';
import { writeEditionConfigs } from './turbo-config.ts';

export interface RunOptions {
  year?: string;
  raw?: string;
  build?: string;
  force?: boolean;
  /** Extra turbo arguments, e.g. --summarize for tests. */
  turboArgs?: string[];
  /**
   * An earlier edition, brought up to date for a later one: started from the repository's build of it when built
   * elsewhere (`--build`), and no word of where its report is.
   */
  earlier?: boolean;
}

let hosting = false;

/**
 * Makes this process the stage host of the runs it starts (stage-host.ts): the kk command does, at its start.
 * A test that calls runPipeline in its own process leaves each stage to its own process, as before.
 * KK_STAGE_HOST=0 turns it off (to compare, or to rule it out).
 */
export function hostStages(): void {
  hosting = process.env.KK_STAGE_HOST !== '0';
}

/**
 * Removes the staging folder. A killed run's tasks outlive it for a moment (turbo starts them in process groups of
 * their own; each stops once it finds its run's stage host gone, bin/stage.js): a file one of them wrote as the
 * folder was being removed is removed on a retry (ENOTEMPTY), rather than failing the run that clears up after it.
 */
function clearStaging(edition: Edition): void {
  rmSync(stagingDir(edition), { recursive: true, force: true, maxRetries: 4, retryDelay: 50 });
}

/**
 * Runs stages and, where stale, the stages before them, for one edition, through turbo (one turbo run for all
 * the targets).
 */
export async function runPipeline(target: string | string[], options: RunOptions): Promise<number> {
  const specs = allStageSpecs();
  const names = Array.isArray(target) ? target : [target];
  const picked = names.map((name) => specs.find((s) => s.name === name));
  const unknown = names.filter((_, i) => !picked[i]);
  if (unknown.length) {
    console.error(`unknown stage ${unknown.join(', ')}; stages: ${specs.map((s) => s.name).join(', ')}`);
    return 64;
  }
  const chosen = picked.filter((s) => s !== undefined);
  const edition = resolveEdition(options);
  const command = `npm run stage -- ${names.join(' ')} --year ${edition.year}`;
  return withBuildLock(edition.buildRoot, command, async () => {
    // A stage that compares with the previous edition (changes, and so the report; dedupe, for last year's
    // entities) needs that edition's outputs: built first, all of them in one turbo run.
    const read = [...new Set(chosen.flatMap((c) => stagesUpTo(c.name, specs)).flatMap((s) => s.previous))];
    // Only the last of them: building a stage builds those before it.
    const wanted = read.filter(
      (w) => !read.some((o) => o !== w && stagesUpTo(o, specs).some((s) => s.name === w)),
    );
    const previous = wanted.length ? previousEdition(edition) : undefined;
    if (previous) {
      const code = await runPipeline(wanted, {
        year: String(previous.year),
        raw: previous.rawRoot,
        build: previous.buildRoot,
        force: options.force,
        earlier: true,
      });
      if (code !== 0) return code;
    }
    // `npm run report` also builds the stages that read the report (the web edition), so the PDF, the HTML and
    // the site beside them are always of the same data.
    const targets = [
      ...new Set(
        chosen.flatMap((spec) =>
          spec.name === 'report' ? specs.filter((s) => s === spec || s.after.includes('report')) : [spec],
        ),
      ),
    ];
    const stages = [...new Set(targets.flatMap((t) => stagesUpTo(t.name, specs)))];
    // An earlier edition built into another build root starts from the repository's build of it.
    if (options.earlier) seedFromRepository(edition, stages);
    // Each stage would only find that what it reads is the same and keep its output (early cutoff), and copy up
    // the files it publishes beside its folder: the same checks, made here, spare the turbo run (its start, its
    // hashing, and the restore of every stage's cached output into the staging folder, cleared again after).
    // The no-op of `npm run report`, and an earlier edition on every command of a new one (0.6–2.5 s).
    // KK_TURBO=1 runs turbo all the same: the test suite's setup does, so that turbo's cache holds every stage
    // under the keys of the current sources for the tests' copies of the repository (turbo's keys cover code that
    // a stage's own check does not, such as the kk command's).
    if (!options.force && process.env.KK_TURBO !== '1' && (await allCurrent(edition, stages))) {
      // What a killed run staged goes, as it would with the run that found it.
      clearStaging(edition);
      console.log(
        `[${edition.year}] ${stages.map((s) => s.name).join(', ')} current: each reads the same as when it last ran`,
      );
      if (!options.earlier) printPublished(edition, names, targets);
      return 0;
    }
    const cacheable = writeEditionConfigs(specs, edition, previous);
    // All or nothing: the stages write build/<year>/.staging/ (turbo restores cached ones there too), and only
    // a run in which every stage succeeded replaces what build/<year>/ publishes. What a failed run staged
    // is cleared here, so that only this run's outputs are promoted.
    clearStaging(edition);
    const env = {
      ...process.env,
      // The stages start from their compiled bundles (bin/compile.js), made here when the command was not.
      KK_COMPILED: process.env.KK_COMPILED ?? (await compile(REPO_ROOT)),
      KK_EDITION: editionEnv({ ...edition, staging: true }),
      // --force: every stage runs, even one whose inputs are the same by content (early cutoff, @kk/core stage.ts).
      ...(options.force ? { KK_FORCE: '1' } : {}),
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      TURBO_NO_UPDATE_NOTIFIER: '1',
    };
    const args = [
      'run',
      'stage',
      ...targets.map((s) => `--filter=${s.package}`),
      '--output-logs=new-only',
      '--log-prefix=task',
    ];
    if (options.force || !cacheable) args.push('--force');
    args.push(...(options.turboArgs ?? []));
    // A host that cannot listen (a socket path too long for the system) leaves each stage to its own process.
    const host = hosting
      ? await startStageHost(env.KK_COMPILED, hostEnv(env)).catch(() => undefined)
      : undefined;
    const status = await new Promise<number>((resolve, reject) => {
      const child = spawn(turboBinary(), args, {
        stdio: 'inherit',
        cwd: REPO_ROOT,
        env: { ...env, ...taskStarter(env), ...(host ? { KK_STAGE_HOST: host.path } : {}) },
      });
      // turbo goes with the kk command: it never runs on, unlocked, after the command has ended.
      const stop = () => child.kill();
      process.once('exit', stop);
      child.on('error', reject);
      child.on('close', (code) => {
        process.off('exit', stop);
        resolve(code ?? 1);
      });
    }).finally(() => host?.close());
    if (status === 0) promoteStaged(edition);
    else clearStaging(edition);
    if (status === 0) printPublished(edition, names, targets);
    return status;
  });
}

/**
 * Whether every one of the stages is current by content (as `npm run status` says it), with the copies it
 * publishes beside its folder intact. Stops at the first stage, in the pipeline's order, that is not: after an
 * edit of a source list or a fact sheet the check costs the hashing of ingest's raw files before turbo starts;
 * after an edit that only a later stage reads, the checks of the stages before it.
 */
async function allCurrent(edition: Edition, stages: StageSpec[]): Promise<boolean> {
  if (!stages.every((s) => publishedCopiesIntact(edition, s))) return false;
  const statuses = await stageStatuses(
    edition,
    stages.map((s) => s.name),
    { untilStale: true },
  );
  return statuses.every((s) => s.current);
}

/** Where `npm run report` left the report and the web edition. */
function printPublished(edition: Edition, names: string[], targets: StageSpec[]): void {
  if (!names.includes('report')) return;
  console.log(`\nReport: ${displayPath(join(edition.buildDir, `kartlaggning-${edition.year}.pdf`))}`);
  if (targets.some((s) => s.name === 'web'))
    console.log(`Web:    ${displayPath(join(edition.buildDir, 'web', 'index.html'))}`);
}

/**
 * A previous edition built into another build root (`--build`) from the repository's own raw folder: the stage
 * folders the repository has built of it are copied there first, where that build has none. Each stage then
 * runs as always and keeps the copy only when what it reads is the same (early cutoff), so a copy that is not
 * current is rebuilt; a new edition's first build in a temporary folder no longer rebuilds last year's.
 */
function seedFromRepository(previous: Edition, stages: StageSpec[]): void {
  let own: Edition;
  try {
    own = resolveEdition({ year: String(previous.year) }, {});
  } catch {
    return; // not an edition of the repository's own raw folder
  }
  if (previous.rawDir !== own.rawDir || previous.buildDir === own.buildDir) return;
  for (const spec of stages) {
    const from = join(own.buildDir, spec.name);
    const to = join(previous.buildDir, spec.name);
    if (existsSync(to) || !existsSync(join(from, 'manifest.json'))) continue;
    cpSync(from, to, { recursive: true });
    // With the copies it publishes beside its folder (ledger.csv), as a run of it would leave them.
    for (const name of publishedFiles(spec, previous.year)) {
      if (existsSync(join(to, name))) cpSync(join(to, name), join(previous.buildDir, basename(name)));
    }
  }
}

/**
 * turbo starts each task as `npm run stage` in the stage's folder, and npm's own start is a fifth of a second, seven
 * times a run. The `npm` turbo finds first on its PATH is this small script: a stage task runs the stage's script
 * as npm would (the line every stage's package.json has), anything else goes to npm itself (KK_NPM).
 */
function taskStarter(env: NodeJS.ProcessEnv): Record<string, string> {
  if (process.platform === 'win32') return {};
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'kk', 'task-starter');
  const npm = (env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, 'npm'))
    .find((p) => !p.startsWith(dir) && existsSync(p));
  if (!npm) return {};
  const script = [
    '#!/bin/sh',
    '# Written by the kk command (packages/cli/src/pipeline.ts, taskStarter): do not edit.',
    `if [ "$1" = run ] && [ "$2" = stage ] && [ $# -eq 2 ] && grep -qF '${STAGE_SCRIPT}' package.json; then`,
    `  exec '${process.execPath}' ../../packages/cli/bin/stage.js`,
    'fi',
    'exec "$KK_NPM" "$@"',
    '',
  ].join('\n');
  const path = join(dir, 'npm');
  if (!existsSync(path) || readFileSync(path, 'utf8') !== script) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.tmp-${process.pid}`, script);
    chmodSync(`${path}.tmp-${process.pid}`, 0o755);
    renameSync(`${path}.tmp-${process.pid}`, path);
  }
  return { PATH: `${dir}${delimiter}${env.PATH ?? ''}`, KK_NPM: npm };
}

/** The `stage` script of every stage's package.json. */
const STAGE_SCRIPT = '"stage": "node ../../packages/cli/bin/stage.js"';

/** What a stage run by the host must see in process.env: what the kk command hands the tasks. */
function hostEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const keys = ['KK_COMPILED', 'KK_EDITION', 'KK_FORCE'];
  return Object.fromEntries(keys.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k] as string]])));
}

/**
 * turbo's own executable. The `turbo` command npm installs is a node script that finds this file and starts it:
 * a second node start on every run (a tenth of a second of a no-op build), saved here.
 */
function turboBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = process.arch === 'x64' ? '64' : process.arch;
  const exe = platform === 'windows' ? 'turbo.exe' : 'turbo';
  const native = join(REPO_ROOT, 'node_modules', '@turbo', `${platform}-${arch}`, 'bin', exe);
  return existsSync(native) ? native : join(REPO_ROOT, 'node_modules', '.bin', 'turbo');
}
