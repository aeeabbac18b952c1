// A command line the kk command does not take is said in its own terms, with the usage, and changes nothing;
// never node's parseArgs message (ERR_PARSE_ARGS_…). --help anywhere prints the usage.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@kk/core';
import { describe, expect, it } from 'vitest';

const kk = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['packages/cli/bin/kk.js', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('the command line', () => {
  it.each([
    [
      ['report', '--frce'],
      'npm run report: expected an option of npm run report (see below), found "--frce"',
    ],
    [['report', '--year'], 'npm run report: expected a value after --year, found none'],
    [['report', '--year', '--force'], 'npm run report: expected a value after --year, found "--force"'],
    [['status', '--force=ja'], 'npm run status: expected --force without a value, found "--force=ja"'],
    [['status', '2010'], 'npm run status: expected only options after npm run status, found "2010"'],
  ])('%j is refused with what was expected and the usage', (args, message) => {
    const r = kk(...args);
    expect(r.code).toBe(64);
    expect(r.err.split('\n')[0]).toBe(message);
    expect(r.err).toContain('usage: npm run <command>');
    expect(r.err).not.toMatch(/ERR_PARSE_ARGS|TypeError|at parseArgs/);
  });

  it.each([[['report', '--help']], [['--help']], [['-h']]])(
    '%j prints the usage and does nothing else',
    (args) => {
      const r = kk(...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^usage: npm run <command>/);
      expect(r.out).not.toMatch(/turbo|Report:/);
    },
  );
});
