import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from './errors.ts';

/** The repository root: the folder holding the root package.json with the workspaces. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where one run reads and writes: a raw root with edition folders, a build root, and the edition year. */
export interface Edition {
  year: number;
  rawRoot: string;
  buildRoot: string;
  /** raw/<year>/ */
  rawDir: string;
  /** build/<year>/ */
  buildDir: string;
  /**
   * Inside a run of the pipeline (npm run report/stage), stages write build/<year>/.staging/ and the command
   * publishes them only when every stage has succeeded (see promoteStaged).
   */
  staging?: boolean;
}

export interface EditionOptions {
  year?: number | string;
  raw?: string;
  build?: string;
}

/** The edition years under a raw root: folders named by four digits. */
export function editionYears(rawRoot: string): number[] {
  if (!existsSync(rawRoot)) return [];
  return readdirSync(rawRoot)
    .filter((name) => /^\d{4}$/.test(name) && statSync(join(rawRoot, name)).isDirectory())
    .map(Number)
    .sort((a, b) => a - b);
}

/** Path as shown to the user: relative to the repository when inside it. */
export function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** The repository's own raw data folder, where the real editions live. */
export const REPO_RAW_ROOT = join(REPO_ROOT, 'raw');

/**
 * Resolves --year/--raw/--build (or the edition the kk command hands a stage in KK_EDITION) to an edition.
 * The year defaults to the latest edition under the raw root. A year asked for that the raw root lacks is
 * taken from the repository's raw/: a fixture edition under --raw is compared with, and built after, the
 * real editions without a copy of them (its rawRoot is then the repository's raw/).
 */
export function resolveEdition(options: EditionOptions = {}, env: NodeJS.ProcessEnv = process.env): Edition {
  const handed: ReturnType<typeof parseEditionEnv> = env.KK_EDITION ? parseEditionEnv(env.KK_EDITION) : {};
  let rawRoot = resolve(REPO_ROOT, options.raw ?? handed.raw ?? 'raw');
  const buildRoot = resolve(REPO_ROOT, options.build ?? handed.build ?? 'build');
  if (!existsSync(rawRoot)) {
    throw new InputError(
      { file: displayPath(rawRoot) },
      'a raw data folder with one folder per edition year',
      'nothing',
    );
  }
  const years = editionYears(rawRoot);
  const wanted = options.year ?? handed.year;
  let year: number;
  if (wanted === undefined || wanted === '') {
    if (years.length === 0) {
      throw new InputError(
        { file: displayPath(rawRoot) },
        'an edition folder such as 2009/',
        'no edition folders',
      );
    }
    year = years[years.length - 1];
  } else {
    year = Number(wanted);
    if (!Number.isInteger(year) || !years.includes(year)) {
      const fallback =
        Number.isInteger(year) && rawRoot !== REPO_RAW_ROOT && editionYears(REPO_RAW_ROOT).includes(year);
      if (!fallback) {
        const elsewhere =
          rawRoot !== REPO_RAW_ROOT
            ? `; under ${displayPath(REPO_RAW_ROOT)}: ${editionYears(REPO_RAW_ROOT).join(', ') || 'none'}`
            : '';
        throw new InputError(
          { file: displayPath(join(rawRoot, String(wanted))) },
          `an edition folder (editions here: ${years.join(', ') || 'none'}${elsewhere})`,
          'no such folder',
        );
      }
      rawRoot = REPO_RAW_ROOT;
    }
  }
  // Another raw root's copy of an edition the repository also has would otherwise be built over the
  // repository's own build/<year> (its PDF and ledger): such a build needs a build folder of its own.
  if (
    rawRoot !== REPO_RAW_ROOT &&
    buildRoot === join(REPO_ROOT, 'build') &&
    editionYears(REPO_RAW_ROOT).includes(year)
  ) {
    throw new InputError(
      { file: displayPath(join(rawRoot, String(year))) },
      `--build DIR for an edition that ${displayPath(REPO_RAW_ROOT)}/ also has`,
      `none: the build would replace the repository's own ${displayPath(join(buildRoot, String(year)))}`,
    );
  }
  return {
    year,
    rawRoot,
    buildRoot,
    rawDir: join(rawRoot, String(year)),
    buildDir: join(buildRoot, String(year)),
    ...(handed.staging ? { staging: true } : {}),
  };
}

/**
 * The edition before this one: the latest earlier year under the edition's raw root or the repository's raw/,
 * built into the same build root; undefined for the first edition.
 */
export function previousEdition(edition: Edition): Edition | undefined {
  const earlier = [...new Set([...editionYears(edition.rawRoot), ...editionYears(REPO_RAW_ROOT)])]
    .filter((y) => y < edition.year)
    .sort((a, b) => a - b);
  const year = earlier[earlier.length - 1];
  if (year === undefined) return undefined;
  return resolveEdition({ year, raw: edition.rawRoot, build: edition.buildRoot }, {});
}

/** A path as it enters a cache key: relative to the repository when inside it, so every clone agrees. */
export function portablePath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split('\\').join('/') || '.';
}

/**
 * The one channel by which the kk command hands the edition to a stage under turbo: the KK_EDITION
 * variable, with the raw and build roots relative to the repository (the variable is part of turbo's cache
 * key, so a copy of the repository at another path hits the same cache).
 */
export function editionEnv(edition: Edition): string {
  return JSON.stringify({
    year: edition.year,
    raw: portablePath(edition.rawRoot),
    build: portablePath(edition.buildRoot),
    staging: edition.staging === true,
  });
}

function parseEditionEnv(value: string): EditionOptions & { staging?: boolean } {
  try {
    const v = JSON.parse(value) as EditionOptions & { staging?: boolean };
    return { year: v.year, raw: v.raw, build: v.build, staging: v.staging === true };
  } catch {
    throw new InputError(
      { file: 'KK_EDITION' },
      'the edition as {"year", "raw", "build"}',
      JSON.stringify(value),
    );
  }
}
