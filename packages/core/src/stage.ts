import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { tableColumnDigests, tableDigest } from './column-digests.ts';
import { Duck, threadsFor } from './duck.ts';
import { formatLocation, type Warning } from './errors.ts';
import { combineHashes, fileHash, listFiles, treeHashes } from './hash.ts';
import { refPath } from './models.ts';
import { displayPath, type Edition, previousEdition } from './paths.ts';
import { noteRead, parseReadKey, readKey, readsTracked, trackReads } from './reads.ts';
import { publishedFiles, readStageSpec, type StageSpec, stageCodeHash, toolVersions } from './specs.ts';

/** What a stage writes next to its outputs; `npm run status` and the next run read it. */
export interface Manifest {
  stage: string;
  edition: number;
  /** Raw files read, relative to the edition folder, with their hashes. */
  inputs: Record<string, string>;
  /** Upstream stages and the hash of their outputs when this stage ran. */
  upstream: Record<string, string>;
  /** Hash of the code that ran (the stage package and the shared packages). */
  code: string;
  /** Files written, relative to the stage folder, with their hashes. */
  outputs: Record<string, string>;
  /**
   * Per table written (its Parquet file), per column: its type and a digest of its values (column-digests.ts), from
   * which a reader's digest of the columns it names is made without opening the table.
   */
  columns?: Record<string, Record<string, string>>;
  /**
   * What it read of other stages' outputs (reads.ts keys: a stage, a table, or a table's columns) with a digest
   * of what was read: the next run reruns the stage only when one of these, its raw inputs or its code changed.
   */
  reads?: Record<string, string>;
  rows: Record<string, number>;
  warnings: Warning[];
  tools: Record<string, string>;
  duration_ms: number;
}

export interface StageContext {
  edition: Edition;
  stage: string;
  /** The folder to write into; it becomes build/<year>/<stage>/ when the stage succeeds. */
  out: string;
  warn(warning: Warning): void;
  log(message: string): void;
  /** Row count of an output table, for the manifest. */
  count(table: string, rows: number): void;
  /** The row count of the largest table the upstream stages wrote, this edition's and (for a stage that compares)
   *  the previous edition's, from their manifests: how large the stage's table work is before it reads anything
   *  (`threadsFor`). Its raw files are not counted; 0 for a stage with no upstream stage (ingest counts its own). */
  largestInputRows: number;
  /**
   * The stage's DuckDB (in memory), opened on the first call with `threads` or else threads for
   * largestInputRows (`threadsFor`); the same one on every call. runStage closes it once the stage has ended and
   * the tables it wrote are digested in it (opening and closing a DuckDB costs some 20 ms of CPU, which a stage
   * and its digests paid twice).
   */
  duck(threads?: string): Promise<Duck>;
  /**
   * Also place this output file one level up, at build/<year>/<file>, where users look first
   * (the ledger, the report). Copied after the stage's folder is swapped in, atomically.
   */
  publish(file: string): void;
}

export interface StageDefinition {
  name: string;
  run(ctx: StageContext): Promise<void>;
}

export function defineStage(def: StageDefinition): StageDefinition {
  return def;
}

/**
 * Where a run through `npm run report/stage` puts each stage's output until the whole run has succeeded:
 * build/<year>/.staging/. The command then moves every staged folder and published file into place
 * (promoteStaged); a run that fails anywhere leaves the published edition as it was. A stage run on its
 * own (tests, `tsx src/cli.ts`) writes build/<year>/ directly.
 */
export const STAGING = '.staging';
export const stagingDir = (edition: Edition) => join(edition.buildDir, STAGING);

/** The folder holding a stage's newest output in this run: staged when the run staged it, else published. */
export function stageDirOf(edition: Edition, stage: string): string {
  const s = join(stagingDir(edition), stage);
  return edition.staging && existsSync(join(s, 'manifest.json')) ? s : join(edition.buildDir, stage);
}

/**
 * The folder of a stage's current output, for a stage that reads files of it (not tables through ref()): the
 * running stage then depends on that whole output, recorded for early cutoff.
 */
export function currentStageDir(edition: Edition, stage: string): string {
  if (readsTracked()) noteRead(readKey(edition, stage), stageDigest(edition, stage));
  return stageDirOf(edition, stage);
}

/** The digest of a stage's current output (its manifest's output hashes), or `absent`. */
function stageDigest(edition: Edition, stage: string): string {
  const m = readManifest(edition, stage);
  return m ? outputDigest(m) : 'absent';
}

/**
 * Publishes what a successful run staged: each stage folder swapped in for the published one (the old one
 * moved aside, then removed), then the published files (ledger, PDF, HTML) renamed into build/<year>/.
 */
export function promoteStaged(edition: Edition): string[] {
  const dir = stagingDir(edition);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort();
  const folders = names.filter((n) => statSync(join(dir, n)).isDirectory());
  const files = names.filter((n) => !folders.includes(n));
  // What the run made again, the same to the byte, is left as published: a reader of build/<year>/ (another
  // run, a test, an open PDF) never sees it replaced, and its time stamps say when it last changed.
  const promoted: string[] = [];
  for (const name of folders) {
    const finalDir = join(edition.buildDir, name);
    if (sameOutputs(join(dir, name), finalDir)) continue;
    const oldDir = join(edition.buildDir, `.${name}.old-${process.pid}`);
    if (existsSync(finalDir)) renameSync(finalDir, oldDir);
    renameSync(join(dir, name), finalDir);
    rmSync(oldDir, { recursive: true, force: true });
    promoted.push(name);
  }
  for (const name of files) {
    const final = join(edition.buildDir, name);
    if (existsSync(final) && readFileSync(final).equals(readFileSync(join(dir, name)))) continue;
    renameSync(join(dir, name), final);
    promoted.push(name);
  }
  rmSync(dir, { recursive: true, force: true });
  return promoted;
}

/**
 * Two stage folders from the same inputs, code and upstream with the same outputs: manifests equal but for the
 * run's duration (the outputs are in the manifest by hash), and the published folder's files still those its
 * manifest names (one edited by hand is replaced, not kept because the run that would mend it wrote the same
 * manifest).
 */
function sameOutputs(staged: string, published: string): boolean {
  const made = (d: string) => {
    try {
      const { duration_ms: _, ...m } = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as Manifest;
      return m;
    } catch {
      return undefined;
    }
  };
  const x = made(staged);
  const y = made(published);
  if (x === undefined || y === undefined || JSON.stringify(x) !== JSON.stringify(y)) return false;
  return modifiedOutputs(published, y.outputs).length === 0;
}

/** How a stage folder's files differ from the outputs its manifest names by hash (added, changed, removed). */
function modifiedOutputs(dir: string, outputs: Manifest['outputs']): string[] {
  const files = existsSync(dir) ? treeHashes(dir) : {};
  delete files['manifest.json'];
  return diffKeys(outputs, files);
}

export function readManifest(edition: Edition, stage: string): Manifest | undefined {
  return readManifestAt(stageDirOf(edition, stage));
}

function readManifestAt(dir: string): Manifest | undefined {
  const p = join(dir, 'manifest.json');
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Hash of a stage's outputs as its manifest records them (what downstream stages depend on). */
export function outputDigest(manifest: Manifest): string {
  return combineHashes(manifest.outputs);
}

/** Hashes of the raw files a stage reads, as declared in its package.json (`klusterkartan.reads`). */
export function rawInputHashes(edition: Edition, reads: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of reads) {
    const p = join(edition.rawDir, entry);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) {
      for (const f of listFiles(p)) out[join(entry, f)] = fileHash(join(p, f));
    } else {
      out[entry] = fileHash(p);
    }
  }
  return out;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folder a stage's run writes into until its output is swapped in place: `.<stage>.tmp-<pid>`. */
const workDirPrefix = (stage: string) => `.${stage}.tmp-`;

/**
 * The folders of a stage's runs still writing in an edition's staging area (what a running build has made
 * so far: `npm run preview` shows the report's HTML from there before the build is published).
 */
export function stagedWorkDirs(edition: Edition, stage: string): string[] {
  const dir = stagingDir(edition);
  if (!existsSync(dir)) return [];
  const prefix = workDirPrefix(stage);
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => join(dir, name));
}

/**
 * Removes what a killed run left behind: its temporary folder, or the previous output it had moved
 * aside (put back when the new output never arrived).
 */
function removeLeftovers(buildDir: string, stage: string): void {
  if (!existsSync(buildDir)) return;
  const finalDir = join(buildDir, stage);
  for (const name of readdirSync(buildDir)) {
    const m = new RegExp(`^\\.${stage}\\.(tmp|old)-(\\d+)$`).exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && processAlive(pid)) continue;
    const path = join(buildDir, name);
    if (m[1] === 'old' && !existsSync(finalDir)) renameSync(path, finalDir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a stage for an edition: writes into a temporary folder, then swaps it in place of the
 * previous output, so a failed or killed run leaves the previous output intact.
 */
export async function runStage(def: StageDefinition, edition: Edition): Promise<Manifest> {
  const started = performance.now();
  const spec = readStageSpec(def.name);
  // Inside a run of the pipeline the output waits in the staging area until every stage has succeeded.
  const base = edition.staging ? stagingDir(edition) : edition.buildDir;
  const tmpDir = join(base, `${workDirPrefix(def.name)}${process.pid}`);
  removeLeftovers(base, def.name);
  mkdirSync(tmpDir, { recursive: true });
  const warnings: Warning[] = [];
  const rows: Record<string, number> = {};
  const upstream: Record<string, string> = {};
  const published: string[] = [];
  let largestInputRows = 0;
  for (const up of spec.after) {
    const m = readManifest(edition, up);
    if (!m)
      throw new Error(`stage ${def.name} needs the output of stage ${up} for ${edition.year}: run it first`);
    upstream[up] = outputDigest(m);
    largestInputRows = Math.max(largestInputRows, largestTable(m));
  }
  Object.assign(upstream, previousDigests(edition, spec.previous));
  const previous = spec.previous.length ? previousEdition(edition) : undefined;
  for (const up of previous ? spec.previous : [])
    largestInputRows = Math.max(largestInputRows, largestTable(readManifest(previous as Edition, up)));
  // Early cutoff: what the stage reads is what it read when it made its published output, so that output
  // stands (an upstream stage that reran and wrote the same tables, or changed only columns this one does not
  // read, leaves it current). KK_FORCE (npm run … --force) runs it regardless.
  const last = readManifestAt(join(edition.buildDir, def.name));
  if (last && process.env.KK_FORCE !== '1' && (await whatChanged(edition, def.name, last)).length === 0) {
    cpSync(join(edition.buildDir, def.name), tmpDir, { recursive: true });
    const manifest: Manifest = { ...last, upstream, duration_ms: Math.round(performance.now() - started) };
    writeJson(join(tmpDir, 'manifest.json'), manifest);
    console.log(`[${def.name} ${edition.year}] unchanged: it reads the same as when it last ran`);
    // What it warned about still holds for the output it keeps.
    for (const w of last.warnings) console.warn(`warning: ${w.location}: ${w.message}`);
    const names = publishedFiles(spec, edition.year);
    swapIn(
      base,
      def.name,
      tmpDir,
      names.filter((f) => existsSync(join(tmpDir, f))),
    );
    return manifest;
  }
  const stopTracking = trackReads(def.name);
  const stageDuck = lazyDuck(threadsFor(largestInputRows));
  const ctx: StageContext = {
    edition,
    stage: def.name,
    out: tmpDir,
    warn: (w) => {
      warnings.push(w);
      console.warn(`warning: ${w.location}: ${w.message}`);
    },
    log: (m) => console.log(`[${def.name} ${edition.year}] ${m}`),
    count: (table, n) => {
      rows[table] = n;
    },
    publish: (file) => {
      published.push(file);
    },
    largestInputRows,
    duck: stageDuck.open,
  };
  let reads: Record<string, string>;
  let manifest: Manifest;
  try {
    try {
      await def.run(ctx);
    } catch (err) {
      rmSync(tmpDir, { recursive: true, force: true });
      throw err;
    } finally {
      reads = stopTracking();
    }
    manifest = {
      stage: def.name,
      edition: edition.year,
      inputs: rawInputHashes(edition, spec.reads),
      upstream,
      code: stageCodeHash(def.name),
      outputs: treeHashes(tmpDir),
      // In the stage's DuckDB (opened here, for the tables it wrote, if the stage opened none).
      columns: await tableColumnDigests(() => ctx.duck(threadsFor(largestTable({ rows }))), tmpDir),
      reads,
      rows,
      warnings,
      tools: toolVersions(),
      duration_ms: Math.round(performance.now() - started),
    };
  } finally {
    await stageDuck.close();
  }
  writeJson(join(tmpDir, 'manifest.json'), manifest);
  swapIn(base, def.name, tmpDir, published);
  return manifest;
}

/** The row count of a manifest's largest table (0 for none): how large the work on its tables is (`threadsFor`). */
function largestTable(m: Pick<Manifest, 'rows'> | undefined): number {
  return Math.max(0, ...Object.values(m?.rows ?? {}));
}

/**
 * A DuckDB opened when first asked for, for work that may need none, with `threads` (`threadsFor`) unless the first
 * call names others; the same one on every call. close() closes it if it was opened, and a close that fails (or an
 * open that did) is not reported: it must not hide the error of the work it served.
 */
function lazyDuck(threads: string): {
  open: (threads?: string) => Promise<Duck>;
  close: () => Promise<void>;
} {
  let duck: Promise<Duck> | undefined;
  return {
    open: (first) => {
      duck ??= Duck.open({ threads: first ?? threads });
      return duck;
    },
    close: async () => {
      try {
        (await duck?.catch(() => undefined))?.close();
      } catch {}
    },
  };
}

/** Whether each file a stage published beside its folder is still the one in its folder (none deleted or edited). */
export function publishedCopiesIntact(edition: Edition, spec: StageSpec): boolean {
  return publishedFiles(spec, edition.year).every((f) => {
    const own = join(edition.buildDir, spec.name, f);
    const copy = join(edition.buildDir, basename(f));
    return !existsSync(own) || (existsSync(copy) && readFileSync(own).equals(readFileSync(copy)));
  });
}

/** Puts a stage's finished folder in place of its previous output, then copies its published files up. */
function swapIn(base: string, stage: string, tmpDir: string, published: string[]): void {
  const finalDir = join(base, stage);
  const oldDir = join(base, `.${stage}.old-${process.pid}`);
  if (existsSync(finalDir)) renameSync(finalDir, oldDir);
  renameSync(tmpDir, finalDir);
  rmSync(oldDir, { recursive: true, force: true });
  for (const file of published) {
    const target = join(base, basename(file));
    const tmp = `${target}.tmp-${process.pid}`;
    copyFileSync(join(finalDir, file), tmp);
    renameSync(tmp, target);
  }
}

function diffKeys(before: Record<string, string>, now: Record<string, string>): string[] {
  const out: string[] = [];
  for (const k of Object.keys(now).sort()) {
    if (!(k in before)) out.push(`${k} is new`);
    else if (before[k] !== now[k]) out.push(`${k} changed`);
  }
  for (const k of Object.keys(before).sort()) if (!(k in now)) out.push(`${k} was removed`);
  return out;
}

/**
 * Why a stage's output (its manifest) is not current for the edition, by content: its raw files, its code, the
 * tools, and what it read of other stages' outputs (each read's digest now). Empty when current. A manifest
 * from before reads were recorded is never current.
 */
export async function whatChanged(edition: Edition, stage: string, m: Manifest): Promise<string[]> {
  const spec = readStageSpec(stage);
  const reasons = diffKeys(m.inputs, rawInputHashes(edition, spec.reads)).map(
    (r) => `raw/${edition.year}/${r}`,
  );
  if (m.code !== stageCodeHash(stage)) reasons.push('its code or a shared package changed');
  if (JSON.stringify(m.tools) !== JSON.stringify(toolVersions())) reasons.push('a tool changed version');
  const touched = modifiedOutputs(join(edition.buildDir, stage), m.outputs);
  if (touched.length)
    reasons.push(
      `outputs were modified (${touched.slice(0, 3).join(', ')}${touched.length > 3 ? ', …' : ''})`,
    );
  // The previous edition's outputs a stage compares with (the changes stage reads them as files).
  for (const [key, digest] of Object.entries(previousDigests(edition, spec.previous))) {
    if (m.upstream[key] !== digest) reasons.push(`the output of ${key} (the previous edition) changed`);
  }
  if (!m.reads) return [...reasons, 'its reads were not recorded (built by an older version)'];
  const previous = previousEdition(edition);
  const editionOf = (year: number) =>
    year === edition.year ? edition : previous?.year === year ? previous : undefined;
  // What it reads is what the stages before it wrote.
  const duck = lazyDuck(
    threadsFor(Math.max(0, ...spec.after.map((up) => largestTable(readManifest(edition, up))))),
  );
  try {
    for (const [key, digest] of Object.entries(m.reads)) {
      const { year, stage: up, table, columns } = parseReadKey(key);
      const ed = editionOf(year);
      let now = 'unknown';
      if (ed && !table) {
        now = stageDigest(ed, up);
      } else if (ed && table) {
        now = await tableDigest(refPath(ed, up, table), columns, duck.open);
      }
      if (now !== digest)
        reasons.push(
          `what it reads of ${key.replace(/^\d{4}\//, year === edition.year ? '' : '$&')} changed`,
        );
    }
  } finally {
    await duck.close();
  }
  return reasons;
}

export { displayPath, formatLocation };

/** The output digests of the previous edition's stages a stage compares with, keyed `<year>/<stage>`. */
export function previousDigests(edition: Edition, stages: string[]): Record<string, string> {
  const previous = stages.length ? previousEdition(edition) : undefined;
  if (!previous) return {};
  return Object.fromEntries(
    stages.map((up) => {
      const m = readManifest(previous, up);
      return [`${previous.year}/${up}`, m ? outputDigest(m) : 'not built'];
    }),
  );
}
