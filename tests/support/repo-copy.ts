// A temporary copy of the repository (tracked files only, no build/), for tests that run the real
// commands and edit inputs. Its node_modules reuses the installed packages but links the workspace
// packages to the copy, so the copy runs its own code and writes its own build/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '@kk/core';

export interface RepoCopy {
  root: string;
  cleanup(): void;
}

export function copyRepository(): RepoCopy {
  const root = mkdtempSync(join(tmpdir(), 'kk-repo-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    cpSync(join(REPO_ROOT, f), join(root, f));
  }
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@kk'), { recursive: true });
  for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (entry === '@kk') continue;
    symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(modules, entry));
  }
  // Relative links, as npm makes them, so that a copy of the copy (cp -a) runs its own code.
  for (const dir of ['packages', 'pipelines']) {
    for (const pkg of readdirSync(join(root, dir)))
      symlinkSync(join('..', '..', dir, pkg), join(modules, '@kk', pkg));
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
