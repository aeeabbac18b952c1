// Temporary copies of an edition for tests that need to change an input: the repository's own raw/
// is never touched.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Edition, REPO_ROOT, resolveEdition } from '@kk/core';

export interface TempEdition {
  edition: Edition;
  root: string;
  /** Path of a file in the copied edition folder. */
  path(rel: string): string;
  read(rel: string): string;
  write(rel: string, content: string | Uint8Array): void;
  /** Replaces the first occurrence of a string in a file; fails if it is not there. */
  replace(rel: string, from: string, to: string): void;
  cleanup(): void;
}

export function tempEdition(year = 2009, source = join(REPO_ROOT, 'raw')): TempEdition {
  const root = mkdtempSync(join(tmpdir(), 'kk-edition-'));
  cpSync(join(source, String(year)), join(root, 'raw', String(year)), { recursive: true });
  const edition = resolveEdition({ year, raw: join(root, 'raw'), build: join(root, 'build') });
  const path = (rel: string) => join(edition.rawDir, rel);
  return {
    edition,
    root,
    path,
    read: (rel) => readFileSync(path(rel), 'utf8'),
    write: (rel, content) => writeFileSync(path(rel), content),
    replace: (rel, from, to) => {
      const text = readFileSync(path(rel), 'utf8');
      if (!text.includes(from)) throw new Error(`${rel} does not contain ${JSON.stringify(from)}`);
      writeFileSync(path(rel), text.replace(from, to));
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Starts a copy of one of the repository's editions from the repository's own build of it (what the suite's global
 * setup built), as `--build` starts an earlier edition: each stage keeps that output while what it reads is the
 * same (early cutoff) and runs where the test's edit changed what it reads. For a test about an edit, not about a
 * clean build (tests/reliability/determinism.test.ts builds from nothing).
 */
export function startFromRepositoryBuild(t: TempEdition): TempEdition {
  const own = join(REPO_ROOT, 'build', String(t.edition.year));
  if (!existsSync(own)) return t;
  // Stage folders only: not a run's leftovers (.staging, a stage's .tmp or .old folders), which hold manifests too.
  for (const stage of readdirSync(own)) {
    if (!stage.startsWith('.') && existsSync(join(own, stage, 'manifest.json')))
      cpSync(join(own, stage), join(t.edition.buildDir, stage), { recursive: true });
  }
  return t;
}
