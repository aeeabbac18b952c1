import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  allStageSpecs,
  displayPath,
  previousEdition,
  REPO_ROOT,
  resolveEdition,
  withBuildLock,
} from '@kk/core';
import { writeEditionConfigs } from './turbo-config.ts';

export interface RunOptions {
  year?: string;
  raw?: string;
  build?: string;
  force?: boolean;
  /** Extra turbo arguments, e.g. --summarize for tests. */
  turboArgs?: string[];
}

/** Runs a stage and, where stale, the stages before it, for one edition, through turbo. */
export async function runPipeline(target: string, options: RunOptions): Promise<number> {
  const specs = allStageSpecs();
  const spec = specs.find((s) => s.name === target);
  if (!spec) {
    console.error(`unknown stage ${target}; stages: ${specs.map((s) => s.name).join(', ')}`);
    return 64;
  }
  const edition = resolveEdition(options);
  return withBuildLock(edition.buildRoot, `npm run stage -- ${target} --year ${edition.year}`, async () => {
    // The report of an edition has a chapter on the changes since the previous one: build that first.
    const previous = target === 'report' ? previousEdition(edition) : undefined;
    if (previous) {
      for (const stage of ['criteria', 'employment']) {
        const code = await runPipeline(stage, {
          year: String(previous.year),
          raw: previous.rawRoot,
          build: previous.buildRoot,
          force: options.force,
        });
        if (code !== 0) return code;
      }
    }
    const cacheable = writeEditionConfigs(specs, edition, previous);
    const env = {
      ...process.env,
      KK_YEAR: String(edition.year),
      KK_RAW_ROOT: edition.rawRoot,
      KK_BUILD_ROOT: edition.buildRoot,
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      TURBO_NO_UPDATE_NOTIFIER: '1',
    };
    // `npm run report` also builds the stages that read the report (the web edition), so the PDF, the HTML and
    // the site beside them are always of the same data.
    const targets =
      target === 'report' ? specs.filter((s) => s === spec || s.after.includes('report')) : [spec];
    const args = [
      'run',
      'stage',
      ...targets.map((s) => `--filter=${s.package}`),
      '--output-logs=new-only',
      '--log-prefix=task',
    ];
    if (options.force || !cacheable) args.push('--force');
    args.push(...(options.turboArgs ?? []));
    const r = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'turbo'), args, {
      stdio: 'inherit',
      cwd: REPO_ROOT,
      env,
    });
    if (r.status === 0 && target === 'report') {
      console.log(`\nReport: ${displayPath(join(edition.buildDir, `kartlaggning-${edition.year}.pdf`))}`);
      if (targets.some((s) => s.name === 'web'))
        console.log(`Web:    ${displayPath(join(edition.buildDir, 'web', 'index.html'))}`);
    }
    return r.status ?? 1;
  });
}
