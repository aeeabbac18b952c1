// Runs one measurement in a child process of its own and watches the memory of its whole process tree, so
// that workloads do not disturb each other and Chromium's or turbo's processes count too.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { REPO_ROOT } from '@kk/core';

const PAGE_KB = 4;

/** pid → parent pid, for every process /proc shows now. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after the last ')' are fixed.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(rest[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * A process's proportional set size (kB): its resident memory with pages shared between processes divided
 * among them, so that Chromium's or node's many processes are not counted several times over. Falls back to
 * the resident set size where /proc/<pid>/smaps_rollup cannot be read.
 */
function pssKb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const m = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (m) return Number(m[1]);
  } catch {
    // Not readable (or gone): try statm.
  }
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(statm[1]) * PAGE_KB;
  } catch {
    return 0;
  }
}

/** The summed memory (MB, proportional set size) of a process and all its descendants now. */
export function treeMemoryMb(root: number): number {
  const ppid = parents();
  const children = new Map<number, number[]>();
  for (const [pid, parent] of ppid) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let kb = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    kb += pssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

export interface ChildRun<T> {
  /** What the child reported, when it finished normally. */
  result?: T;
  exitCode: number | null;
  /** Wall-clock seconds of the whole child, start-up of node and tsx included. */
  wallSeconds: number;
  /** Highest summed memory (PSS) of the child's process tree, sampled every `sampleMs`. */
  treePeakMb: number;
  /** The last lines the child wrote to stderr or stdout (its log is kept under build/bench/logs/). */
  logTail: string;
  logPath: string;
  error?: string;
}

export interface ChildOptions {
  /** Arguments after `node --import tsx`. */
  args: string[];
  /** Where the child writes its JSON result. */
  resultPath: string;
  logPath: string;
  env?: NodeJS.ProcessEnv;
  timeoutSeconds: number;
  sampleMs?: number;
}

/** Spawns `node --import tsx <args>` and waits for it, sampling the memory of its process tree. */
export function runChild<T>(options: ChildOptions): Promise<ChildRun<T>> {
  mkdirSync(dirname(options.logPath), { recursive: true });
  mkdirSync(dirname(options.resultPath), { recursive: true });
  rmSync(options.resultPath, { force: true });
  const log = openSync(options.logPath, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...options.args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
  });
  let peak = 0;
  const sample = () => {
    if (child.pid !== undefined) peak = Math.max(peak, treeMemoryMb(child.pid));
  };
  // Reading smaps_rollup of a large Chromium process walks its page tables; sampled every second, so the
  // sampler itself does not slow the 2-core machine down measurably.
  const timer = setInterval(sample, options.sampleMs ?? 1000);
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    // The child leads its own tree only by convention; kill it and let it take its children down.
    child.kill('SIGKILL');
  }, options.timeoutSeconds * 1000);
  return new Promise((resolve) => {
    const finish = (exitCode: number | null, error?: string) => {
      clearInterval(timer);
      clearTimeout(killer);
      closeSync(log);
      const wallSeconds = (performance.now() - started) / 1000;
      const logText = existsSync(options.logPath) ? readFileSync(options.logPath, 'utf8') : '';
      const logTail = logText.trimEnd().split('\n').slice(-12).join('\n');
      let result: T | undefined;
      if (exitCode === 0 && existsSync(options.resultPath)) {
        result = JSON.parse(readFileSync(options.resultPath, 'utf8')) as T;
      }
      resolve({
        result,
        exitCode,
        wallSeconds,
        treePeakMb: Math.round(peak),
        logTail,
        logPath: options.logPath,
        error:
          error ??
          (timedOut
            ? `timed out after ${options.timeoutSeconds} s`
            : exitCode !== 0
              ? `exit code ${exitCode}`
              : result
                ? undefined
                : 'no result'),
      });
    };
    child.on('error', (err) => finish(null, err.message));
    child.on('exit', (code, signal) => {
      sample();
      finish(code ?? (signal ? 128 : null));
    });
  });
}
