// Builds the 2009 edition once before the tests that read its outputs (the PDF, the ledger, the lists).
// Through the same command a user runs, so turbo's cache makes it quick when nothing changed.
// Then starts one Chromium for the whole suite, as `npm run preview` keeps one between builds: every report the
// tests build (through the kk command, turbo and the report stage, which connect to KK_BROWSER_WS) is printed by
// it instead of by a Chromium started for that build. The build above starts its own, as a user's does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserSession, endBrowser, startBrowser } from './pipelines/report/src/render.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const root = import.meta.dirname;
  if (process.env.KK_SKIP_BUILD !== '1') {
    const r = spawnSync(
      process.execPath,
      [join(root, 'packages/cli/bin/kk.js'), 'report', '--year', '2009'],
      // Through turbo even when every stage is current: its cache then holds every stage under the keys of the
      // current sources, which the tests' copies of the repository restore from (pipeline.ts, KK_TURBO).
      { cwd: root, stdio: 'inherit', env: { ...process.env, KK_TURBO: '1' } },
    );
    if (r.status !== 0) throw new Error('building the 2009 edition failed; see above');
  }
  // The run's temporary folder (tests/support/temp-dir.ts), removed at the end.
  const tmp = mkdtempSync(join(tmpdir(), 'kk-tests-'));
  process.env.KK_TEST_TMP = tmp;
  let session: BrowserSession | undefined;
  if (!process.env.KK_BROWSER_WS) {
    session = startBrowser();
    process.env.KK_BROWSER_WS = (await session.browser).wsEndpoint();
  }
  return async () => {
    if (session) await endBrowser(session);
    rmSync(tmp, { recursive: true, force: true });
  };
}
