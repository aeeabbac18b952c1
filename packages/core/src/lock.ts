import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from './paths.ts';

export class LockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A killed build whose parent is gone can linger as a zombie where nothing reaps it (a container's
    // PID 1): it answers signals but holds nothing.
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    } catch {
      // no /proc: trust the signal
    }
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks this process holds, so a build that builds another edition first can take the lock again. */
const held = new Set<string>();

/**
 * Runs fn while holding build/.lock, so two builds started at once cannot write the same outputs.
 * A lock left by a process that no longer runs is taken over.
 */
export async function withBuildLock<T>(
  buildRoot: string,
  label: string,
  fn: () => Promise<T> | T,
): Promise<T> {
  mkdirSync(buildRoot, { recursive: true });
  const path = join(buildRoot, '.lock');
  if (held.has(path)) return await fn();
  // The lock appears whole or not at all: written to a file of this process's own, then linked into place (a
  // link fails when the lock exists). A lock created empty and written after could be read empty by a second
  // build in between, taken for one left behind, and removed.
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid, label, started: new Date().toISOString() }));
  let taken = false;
  for (let attempt = 0; attempt < 2 && !taken; attempt++) {
    try {
      linkSync(mine, path);
      taken = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        rmSync(mine, { force: true });
        throw err;
      }
      let holder: { pid: number; label: string; started: string } | undefined;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        holder = undefined;
      }
      if (holder && alive(holder.pid) && holder.pid !== process.pid) {
        rmSync(mine, { force: true });
        throw new LockedError(
          `another build is running (${holder.label}, process ${holder.pid}, started ${holder.started}); wait for it to finish, or delete ${displayPath(path)} if that process is gone`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  rmSync(mine, { force: true });
  if (!taken) throw new LockedError(`could not take ${displayPath(path)}`);
  held.add(path);
  try {
    return await fn();
  } finally {
    held.delete(path);
    rmSync(path, { force: true });
  }
}
