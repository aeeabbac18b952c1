import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

/**
 * Lint and format check, type check, unused files, exports and dependencies (knip, knip.jsonc), then the test
 * suite (which builds 2009 in its global setup).
 */
export function runTests(args: string[]): number {
  const steps: [string, string, string[]][] = [
    ['lint and format (biome)', bin('biome'), ['check', '.']],
    ['type check (tsc)', bin('tsc'), ['-p', 'tsconfig.json']],
    ['unused files, exports and dependencies (knip)', bin('knip'), []],
    ['tests (vitest)', bin('vitest'), ['run', ...args]],
  ];
  for (const [label, cmd, cmdArgs] of steps) {
    console.log(`\n== ${label}`);
    const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: REPO_ROOT });
    if (r.status !== 0) {
      console.error(`\n${label} failed.`);
      return r.status ?? 1;
    }
  }
  return 0;
}
