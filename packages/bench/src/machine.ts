// What the numbers came from: the machine, its load, and the commit. Read from /proc and .git, no commands.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';

export interface Machine {
  cpu: string;
  cores: number;
  memTotalMb: number;
  node: string;
  platform: string;
  kernel: string;
}

export interface Commit {
  commit: string | null;
  branch: string | null;
  /** The tree was shared with other sessions while measuring: it may differ from the commit. */
  note: string;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function machine(): Machine {
  const cpuinfo = read('/proc/cpuinfo') ?? '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const meminfo = read('/proc/meminfo') ?? '';
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? Number.NaN);
  return {
    cpu: model,
    cores: cpus().length,
    memTotalMb: Number.isFinite(memKb) ? Math.round(memKb / 1024) : Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    kernel: release(),
  };
}

/** The 1-, 5- and 15-minute load averages (/proc/loadavg). */
export function loadAverage(): [number, number, number] | null {
  const text = read('/proc/loadavg');
  if (!text) return null;
  const [a, b, c] = text.split(/\s+/).map(Number);
  return [a, b, c];
}

/** The checked-out commit, from .git/HEAD and the refs (git itself is not run). */
export function gitCommit(root = REPO_ROOT): Commit {
  const note = 'HEAD at the time of the run; uncommitted changes in the tree are not recorded';
  const git = join(root, '.git');
  const head = read(join(git, 'HEAD'))?.trim();
  if (!head) return { commit: null, branch: null, note };
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  if (!ref) return { commit: head, branch: null, note };
  const branch = ref.replace(/^refs\/heads\//, '');
  const loose = join(git, ref);
  if (existsSync(loose)) return { commit: read(loose)?.trim() ?? null, branch, note };
  const packed = read(join(git, 'packed-refs')) ?? '';
  const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
  return { commit: line?.split(' ')[0] ?? null, branch, note };
}
