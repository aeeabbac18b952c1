import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumExecutable } from './chromium.ts';
import { combineHashes, fileHash, listFiles } from './hash.ts';
import { REPO_ROOT } from './paths.ts';

/** A stage as its package declares it in package.json under "klusterkartan". */
export interface StageSpec {
  name: string;
  package: string;
  dir: string;
  /** Stages whose outputs it reads. */
  after: string[];
  /** Raw files and folders it reads, relative to the edition folder. */
  reads: string[];
  /** Output files it also places at build/<year>/ ({year} stands for the edition year). */
  publishes: string[];
  /** Stages of the previous edition whose outputs it reads (the comparison of editions). */
  previous: string[];
}

const PIPELINES = join(REPO_ROOT, 'pipelines');

export function readStageSpec(name: string): StageSpec {
  const dir = join(PIPELINES, name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const k = pkg.klusterkartan ?? {};
  return {
    name,
    package: pkg.name,
    dir,
    after: k.after ?? [],
    reads: k.reads ?? [],
    publishes: k.publishes ?? [],
    previous: k.previous ?? [],
  };
}

/** The files a stage publishes beside its folder in build/<year>/ (ledger.csv, the PDF), as named in its folder. */
export function publishedFiles(spec: StageSpec, year: number): string[] {
  return spec.publishes.map((f) => f.replaceAll('{year}', String(year)));
}

/** All stages, in an order where every stage comes after those it reads. */
export function allStageSpecs(): StageSpec[] {
  const specs = readdirSync(PIPELINES)
    .filter((d) => existsSync(join(PIPELINES, d, 'package.json')))
    .map(readStageSpec)
    .filter((s) => JSON.parse(readFileSync(join(s.dir, 'package.json'), 'utf8')).klusterkartan);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const ordered: StageSpec[] = [];
  const visit = (s: StageSpec, path: string[]) => {
    if (ordered.includes(s)) return;
    if (path.includes(s.name)) throw new Error(`stage cycle: ${[...path, s.name].join(' → ')}`);
    for (const up of s.after) {
      const u = byName.get(up);
      if (!u) throw new Error(`stage ${s.name} reads unknown stage ${up}`);
      visit(u, [...path, s.name]);
    }
    ordered.push(s);
  };
  for (const s of specs.sort((a, b) => a.name.localeCompare(b.name))) visit(s, []);
  return ordered;
}

const CODE_DIRS = ['src', 'sql', 'models', 'config', 'templates', 'assets'];

/** The workspace packages a package depends on (its @kk/* dependencies), transitively. */
export function workspaceDependencies(packageDir: string): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      if (!dep.startsWith('@kk/')) continue;
      const name = dep.slice(4);
      const depDir = join(REPO_ROOT, 'packages', name);
      if (seen.has(name) || !existsSync(depDir)) continue;
      seen.add(name);
      visit(depDir);
    }
  };
  visit(packageDir);
  return [...seen].sort();
}

/** Hash of the code a stage runs: its package and the workspace packages it depends on, plus the lock file. */
export function stageCodeHash(name: string): string {
  const hashes: Record<string, string> = {};
  const add = (base: string, label: string) => {
    for (const d of CODE_DIRS) {
      const p = join(base, d);
      if (!existsSync(p)) continue;
      for (const f of listFiles(p)) {
        if (f.endsWith('.test.ts')) continue;
        hashes[`${label}/${d}/${f}`] = fileHash(join(p, f));
      }
    }
    if (existsSync(join(base, 'package.json')))
      hashes[`${label}/package.json`] = fileHash(join(base, 'package.json'));
  };
  const dir = join(PIPELINES, name);
  add(dir, `pipelines/${name}`);
  for (const dep of workspaceDependencies(dir)) add(join(REPO_ROOT, 'packages', dep), `packages/${dep}`);
  const lock = join(REPO_ROOT, 'package-lock.json');
  if (existsSync(lock)) hashes['package-lock.json'] = fileHash(lock);
  return combineHashes(hashes);
}

/** Versions of the tools that shape the outputs. */
export function toolVersions(): Record<string, string> {
  const version = (pkg: string) => {
    try {
      return JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8'))
        .version as string;
    } catch {
      return 'absent';
    }
  };
  return {
    node: process.versions.node,
    duckdb: version('@duckdb/node-api'),
    arquero: version('arquero'),
    'csv-parse': version('csv-parse'),
    mustache: version('mustache'),
    pagedjs: version('pagedjs'),
    'puppeteer-core': version('puppeteer-core'),
    chromium: chromiumFingerprint(),
  };
}

/**
 * The Chromium that prints the report, by its binary's size and time (reading its version would start it): a
 * new Chromium can lay out and tag the PDF differently, so the stages that use it run again.
 */
function chromiumFingerprint(): string {
  const paths = [chromiumExecutable(), '/usr/lib/chromium/chromium'];
  const seen = paths
    .filter((p) => existsSync(p))
    .map((p) => {
      const st = statSync(p);
      return `${st.size}-${Math.round(st.mtimeMs)}`;
    });
  return seen.length ? seen.join('/') : 'absent';
}

/** A stage and every stage it reads, transitively, in build order. */
export function stagesUpTo(target: string, specs: StageSpec[] = allStageSpecs()): StageSpec[] {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const up of specs.find((s) => s.name === name)?.after ?? []) visit(up);
  };
  visit(target);
  return specs.filter((s) => needed.has(s.name));
}
