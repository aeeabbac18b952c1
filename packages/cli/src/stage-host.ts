// The stage host: the kk command, while turbo runs the stages, runs them itself. Each task turbo starts
// (bin/stage.js) hands its stage to the host over a local socket and passes on what it prints; the host imports a
// stage's bundle once and has node, DuckDB and the shared modules loaded already, so a stage no longer pays its own
// start (a third to half a second each). turbo still decides what runs, caches and orders the tasks, and
// `npm run stage` means what it meant: only where a stage runs changes.
//
// One stage at a time: the stages print through the process's stdout and note their reads in module state, so a
// task that arrives while another stage runs here waits for it, and after a second (WAIT_MS) is told to run in its
// own process (stage.js does so), where it runs beside the stage here.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface StageHost {
  /** The socket's path, for the tasks (KK_STAGE_HOST). */
  path: string;
  close(): Promise<void>;
}

interface StageBundle {
  stage: unknown;
  runStageCli: (stage: unknown, argv: string[]) => Promise<void>;
}

type Write = typeof process.stdout.write;

/**
 * How long a task waits for the stage running in the host before it runs its own stage in its own process. Two
 * stages turbo starts side by side (criteria and employment) take well under a second each on an edition of some
 * hundred initiatives, less than a process of their own costs to start (loading the bundle and DuckDB: a third to
 * half a second of CPU); a stage that takes longer (a large edition) leaves the waiting one to run beside it.
 */
const WAIT_MS = 1000;

/**
 * Starts a host for one turbo run: `compiled` is the folder of the stage bundles, `env` what the tasks get (the
 * edition, --force), set for the stage while it runs here as its own process would have it. A task that arrives
 * while a stage runs here waits its turn, up to `waitMs`; then it is told to run its stage itself.
 */
export async function startStageHost(
  compiled: string,
  env: Record<string, string>,
  { waitMs = WAIT_MS }: { waitMs?: number } = {},
): Promise<StageHost> {
  // In a folder of its own (mode 0700: no other user connects), with a short name (a socket's path has a limit).
  const folder = mkdtempSync(join(tmpdir(), 'kk-'));
  const path = join(folder, 'stages.sock');
  // The stages here, one after another: close() waits for them, so that a run that turbo stopped (another task
  // failed, and turbo killed this one's task) does not clear the staging folder under a stage still writing into
  // it. A waiting task that is gone (turbo stopped it) is skipped.
  let queue: Promise<void> = Promise.resolve();
  let here = 0;
  const server = createServer((socket) => {
    let buffer = '';
    let gone = false;
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('close', () => {
      gone = true;
    });
    socket.on('data', (data) => {
      buffer += data;
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      socket.removeAllListeners('data');
      const { stage, args } = JSON.parse(buffer.slice(0, end)) as { stage: string; args: string[] };
      let turn: 'waiting' | 'started' | 'left' = 'waiting';
      const timer =
        here > 0
          ? setTimeout(() => {
              if (turn !== 'waiting') return;
              turn = 'left';
              // The connection stays open while the task runs its stage: it closes if this process ends first (the kk
              // command killed), which stops that stage (bin/stage.js).
              socket.write(`${JSON.stringify({ busy: true })}\n`);
            }, waitMs)
          : undefined;
      here++;
      queue = queue.then(async () => {
        clearTimeout(timer);
        try {
          if (turn === 'left' || gone) return;
          turn = 'started';
          await runHere(compiled, stage, args, env, socket);
        } catch {
          // runHere reports a stage's failure to its task; nothing is left to report here.
        } finally {
          here--;
        }
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  }).catch((err) => {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  });
  return {
    path,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(folder, { recursive: true, force: true });
      });
      await queue;
    },
  };
}

/** Runs one stage in this process, its output and exit code sent to the task that asked. */
async function runHere(
  compiled: string,
  stage: string,
  args: string[],
  env: Record<string, string>,
  socket: Socket,
): Promise<void> {
  const send = (message: object) => socket.write(`${JSON.stringify(message)}\n`);
  const { stdout, stderr } = process;
  const writes = { out: stdout.write, err: stderr.write };
  const to =
    (key: 'out' | 'err'): Write =>
    (chunk: string | Uint8Array, encoding?: unknown, done?: unknown) => {
      send({ [key]: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
      const callback = typeof encoding === 'function' ? encoding : done;
      if (typeof callback === 'function') callback();
      return true;
    };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  let failed: unknown;
  // A promise a stage leaves rejected, or an error thrown from a callback of its (an emitter's 'error' nobody
  // listens to), fails that stage, as it would its own process, not the kk command.
  const onFailure = (reason: unknown) => {
    failed ??= reason;
  };
  stdout.write = to('out');
  stderr.write = to('err');
  Object.assign(process.env, env);
  process.on('unhandledRejection', onFailure);
  process.on('uncaughtException', onFailure);
  let code: number;
  try {
    const bundle = (await import(pathToFileURL(join(compiled, `stage-${stage}.mjs`)).href)) as StageBundle;
    await bundle.runStageCli(bundle.stage, args);
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    failed ??= err;
    code = 1;
  } finally {
    process.off('unhandledRejection', onFailure);
    process.off('uncaughtException', onFailure);
    stdout.write = writes.out;
    stderr.write = writes.err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // The stage's exit code is the task's; the kk command's own stays what it was.
    process.exitCode = exitCode;
  }
  if (failed !== undefined) {
    send({ err: `${failed instanceof Error ? (failed.stack ?? failed.message) : String(failed)}\n` });
    code ||= 1;
  }
  send({ exit: code });
  socket.end();
}
