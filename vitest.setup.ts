// Builds the 2009 edition once before the tests that read its outputs (the PDF, the ledger, the lists).
// Through the same command a user runs, so turbo's cache makes it quick when nothing changed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  if (process.env.KK_SKIP_BUILD === '1') return;
  const root = import.meta.dirname;
  const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/kk.js'), 'report', '--year', '2009'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the 2009 edition failed; see above');
}
