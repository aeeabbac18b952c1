import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

/** Runs a command to its end; resolves with its exit code and, when `capture`, what it printed. */
function run(cmd: string, args: string[], capture: boolean): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: capture ? 'pipe' : 'inherit' });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    child.on('error', (err) => done({ code: 1, out: `${out}${err.message}\n` }));
    child.on('close', (code) => done({ code: code ?? 1, out }));
  });
}

/**
 * Lint and format check, type check, unused files, exports and dependencies (knip, knip.jsonc), and the test
 * suite (which builds 2009 in its global setup). The three checks run one after another beside the suite,
 * not before it: the suite leaves a core idle while its tests wait for Chromium and turbo, and the checks
 * took a quarter of a minute. Their output is printed when each ends.
 */
export async function runTests(args: string[]): Promise<number> {
  const checks: [string, string, string[]][] = [
    ['lint and format (biome)', bin('biome'), ['check', '.']],
    ['type check (tsc)', bin('tsc'), ['-p', 'tsconfig.json']],
    ['unused files, exports and dependencies (knip)', bin('knip'), []],
  ];
  const checked = (async () => {
    for (const [label, cmd, cmdArgs] of checks) {
      const r = await run(cmd, cmdArgs, true);
      console.log(`\n== ${label}: ${r.code === 0 ? 'ok' : 'FAILED'}\n${r.out.trimEnd()}`);
      if (r.code !== 0) return { label, code: r.code };
    }
    return undefined;
  })();
  console.log('\n== tests (vitest)');
  const tests = await run(bin('vitest'), ['run', ...args], false);
  const failed = await checked;
  if (failed) {
    console.error(`\n${failed.label} failed.`);
    return failed.code;
  }
  if (tests.code !== 0) console.error('\ntests (vitest) failed.');
  return tests.code;
}
