// web: the web edition of 2009. The stage itself, run in-process on the built upstream stages (the site is
// written to build/2009/web/ as `npm run report` writes it); the site's total size; and the first view from
// file:// in Chromium: navigation until the load event with the map drawn and the filters applied (the
// browser is started beforehand, untimed). No floor.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, resolveEdition, runStage } from '@kk/core';
import type { Measurement, Mode, Size, Workload } from '../workload.ts';

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

async function firstViewMs(index: string): Promise<number> {
  const { CHROMIUM_ARGS, chromiumExecutable } = await import('@kk/report/api');
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
    await page.waitForFunction(
      () =>
        document.documentElement.dataset.ready === 'true' &&
        document.querySelectorAll('#karta path[data-lan]').length === 21,
    );
    return performance.now() - t0;
  } finally {
    await browser.close();
  }
}

export const web: Workload = {
  name: 'web',
  description:
    'the web edition of 2009: the stage, the size of build/2009/web/ and the first view from file://',
  unit: 's',
  direction: 'lower',
  sizes: [{ label: '2009', n: 2009 }],
  runs: () => 5,
  budgetSeconds: () => 40,
  floor: 'none',
  floorDescription: 'none',
  limits: () => [
    { metric: 'value', op: '<=', bound: 3, text: '≤ 3 s' },
    { metric: 'sizeMb', op: '<=', bound: 3, text: 'site ≤ 3 MB' },
    { metric: 'firstViewMs', op: '<=', bound: 1000, text: 'first view ≤ 1 s' },
  ],
  prepare: true,
  timeoutSeconds: () => 300,
  async run(mode: Mode, _size: Size): Promise<Measurement> {
    if (mode === 'prepare') {
      // The upstream stages of 2009, built (or found cached) the way a user builds them.
      const r = spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'packages/cli/bin/kk.js'), 'report', '--year', '2009'],
        {
          cwd: REPO_ROOT,
          stdio: 'inherit',
        },
      );
      if (r.status !== 0) throw new Error('kk report failed');
      return { value: 0 };
    }
    const edition = resolveEdition({ year: '2009' });
    const stage = (await import('@kk/web/stage')).default;
    const t0 = performance.now();
    await runStage(stage, edition);
    const seconds = (performance.now() - t0) / 1000;
    const dir = join(edition.buildDir, 'web');
    const bytes = folderBytes(dir);
    const view = await firstViewMs(join(dir, 'index.html'));
    return {
      value: seconds,
      metrics: { sizeMb: bytes / 1e6, firstViewMs: view },
      info: { bytes },
    };
  },
};
