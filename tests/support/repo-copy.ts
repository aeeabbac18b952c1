// A temporary copy of the repository (tracked files only, no build/), for tests that run the real
// commands and edit inputs. Its node_modules reuses the installed packages but links the workspace
// packages to the copy, so the copy runs its own code and writes its own build/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '@kk/core';

export interface RepoCopy {
  root: string;
  cleanup(): void;
}

/**
 * `turboCache`: start the copy with the repository's turbo cache (its entries linked or copied: turbo writes a new
 * entry as a new file, so the copy's runs never write into the repository's), so that its first build restores
 * what the suite's global setup already built instead of building every stage again; turbo's keys do not depend
 * on the repository's path.
 */
export function copyRepository(options: { turboCache?: boolean } = {}): RepoCopy {
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
  const cache = join(REPO_ROOT, '.turbo', 'cache');
  if (options.turboCache && existsSync(cache)) {
    // Linked, not copied, where the file system allows: a cache entry is never rewritten (a new key is a new
    // file), and a developer's cache grows to thousands of entries (318 MB took half a minute to copy).
    mkdirSync(join(root, '.turbo'), { recursive: true });
    try {
      execFileSync('cp', ['-al', cache, join(root, '.turbo', 'cache')], { stdio: 'ignore' });
    } catch {
      rmSync(join(root, '.turbo', 'cache'), { recursive: true, force: true });
      cpSync(cache, join(root, '.turbo', 'cache'), { recursive: true });
    }
    // turbo hashes a git repository's files as git sees them (.gitignore applied, so kk's generated per-stage
    // turbo.json is no input); outside git it hashes every file and no key would match the repository's.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=kk-test', '-c', 'user.email=kk-test@localhost', 'commit', '-q', '-m', 'copy');
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
