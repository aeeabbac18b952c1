// The stage host (src/stage-host.ts) and its client (bin/stage.js, the task turbo starts): a task's stage runs in
// the host and the task prints its output and exits with its code; a task that arrives while the host runs
// another stage waits for it, or after its time runs its stage itself; a host gone before it ran the stage fails
// the task, and one gone while the task runs its stage itself stops it; a task that finds no host (its kk command
// killed as turbo started it) runs nothing; a promise a stage leaves rejected, or an error thrown from its callback,
// fails that stage, not the host; closing the host waits for the stage running there.
// The stages here are small bundles written by the test, shaped as bin/compile.js makes them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StageHost, startStageHost } from '../src/stage-host.ts';

const CLIENT = join(import.meta.dirname, '..', 'bin', 'stage.js');

let dir: string;
let host: StageHost;

/** A stage bundle: prints where it runs and what the edition is, waits `ms`, then ends with `code`. */
function bundle(name: string, body: string): void {
  writeFileSync(
    join(dir, 'compiled', `stage-${name}.mjs`),
    `export const stage = { name: '${name}' };
export async function runStageCli(stage, argv) {
  ${body}
}
`,
  );
  mkdirSync(join(dir, name), { recursive: true });
}

/** A stand-in for the kk command's host on a socket in a folder of its own: `serve` gets each connection. */
async function fakeHost(serve: (socket: Socket) => void): Promise<StageHost> {
  const folder = mkdtempSync(join(tmpdir(), 'kk-fake-host-'));
  const path = join(folder, 'stages.sock');
  const server = createServer(serve);
  await new Promise<void>((r) => server.listen(path, r));
  return {
    path,
    close: async () => {
      await new Promise((r) => server.close(r));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Runs the task of stage `name` as turbo does (in the stage's folder), with the host or without. */
function task(
  name: string,
  withHost: boolean | StageHost = true,
): Promise<{ code: number; out: string; err: string }> {
  const through = withHost === true ? host : withHost || undefined;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLIENT, '--year', '2009'], {
      cwd: join(dir, name),
      env: {
        ...process.env,
        KK_COMPILED: join(dir, 'compiled'),
        KK_EDITION: 'from-the-task',
        ...(through ? { KK_STAGE_HOST: through.path } : {}),
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kk-host-'));
  mkdirSync(join(dir, 'compiled'));
  const where = 'process.pid === Number(process.env.KK_TEST_HOST_PID) ? "host" : "own process"';
  bundle(
    'ok',
    `process.stdout.write('ran in ' + (${where}) + ' for ' + process.env.KK_EDITION + ' with ' + argv.join(' ') + '\\n');
  process.stderr.write('warning: å ä ö\\n');`,
  );
  bundle(
    'fails',
    `process.stderr.write('error: x.csv:3:1: expected a year, found "x"\\n'); process.exitCode = 2;`,
  );
  // A stage that marks its start and end, and one that says where it ran and whether that one had ended then.
  const marks = JSON.stringify(join(dir, 'marked'));
  bundle(
    'marked',
    `const fs = await import('node:fs');
  fs.writeFileSync(${marks} + '/STARTED', 'yes');
  await new Promise((r) => setTimeout(r, 1500));
  fs.writeFileSync(${marks} + '/ENDED', 'yes');`,
  );
  bundle(
    'probe',
    `const fs = await import('node:fs');
  process.stdout.write((fs.existsSync(${marks} + '/ENDED') ? 'after' : 'during') + ' the other, in ' + (${where}) + '\\n');`,
  );
  bundle('leaks', `Promise.reject(new Error('left behind')); await new Promise((r) => setTimeout(r, 50));`);
  bundle(
    'throws',
    `setTimeout(() => { throw new Error('thrown from a timer'); }, 10); await new Promise((r) => setTimeout(r, 50));`,
  );
  bundle(
    'writes',
    `const fs = await import('node:fs');
  fs.writeFileSync(${JSON.stringify(join(dir, 'writes', 'STARTED'))}, 'yes');
  await new Promise((r) => setTimeout(r, 800));
  fs.writeFileSync(${JSON.stringify(join(dir, 'writes', 'MARKER'))}, 'done');`,
  );
  process.env.KK_TEST_HOST_PID = String(process.pid);
  host = await startStageHost(join(dir, 'compiled'), { KK_EDITION: 'from-the-host' });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the stage host', () => {
  it("runs a task's stage in the host, with the run's edition and the task's arguments; the task prints its output", async () => {
    const r = await task('ok');
    expect(r.code).toBe(0);
    expect(r.out).toBe('ran in host for from-the-host with --year 2009\n');
    expect(r.err).toBe('warning: å ä ö\n');
    // The host's own environment is as it was.
    expect(process.env.KK_EDITION).toBeUndefined();
  });

  it("ends the task with the stage's exit code", async () => {
    const r = await task('fails');
    expect(r.code).toBe(2);
    expect(r.err).toContain('x.csv:3:1: expected a year');
    expect(process.exitCode ?? 0).toBe(0);
  });

  /** Runs `marked` through a host that lets a task wait `waitMs` and, once it has started there, `probe`. */
  async function markedThenProbe(waitMs: number) {
    rmSync(join(dir, 'marked', 'STARTED'), { force: true });
    rmSync(join(dir, 'marked', 'ENDED'), { force: true });
    const through = await startStageHost(join(dir, 'compiled'), {}, { waitMs });
    try {
      const marked = task('marked', through);
      const deadline = Date.now() + 60_000;
      while (!existsSync(join(dir, 'marked', 'STARTED'))) {
        if (Date.now() > deadline) throw new Error('the marked stage never started');
        await new Promise((r) => setTimeout(r, 20));
      }
      const probe = await task('probe', through);
      return { marked: await marked, probe };
    } finally {
      await through.close();
    }
  }

  it('a task that arrives while another stage runs there waits for it and runs its stage in the host after it', async () => {
    const { marked, probe } = await markedThenProbe(60_000);
    expect(marked.code).toBe(0);
    expect(probe.out).toBe('after the other, in host\n');
  });

  it('a task that has waited its time (waitMs) for the stage running there runs its stage in its own process', async () => {
    const { marked, probe } = await markedThenProbe(0);
    expect(marked.code).toBe(0);
    expect(probe.out).toBe('during the other, in own process\n');
  });

  it('a promise the stage leaves rejected fails that stage, and the host runs the next', async () => {
    const r = await task('leaks');
    expect(r.code).toBe(1);
    expect(r.err).toContain('left behind');
    expect((await task('ok')).out).toMatch(/^ran in host/);
  });

  it('an error thrown from a callback of the stage fails that stage, not the host', async () => {
    const r = await task('throws');
    expect(r.code).toBe(1);
    expect(r.err).toContain('thrown from a timer');
    expect((await task('ok')).out).toMatch(/^ran in host/);
  });

  it("keeps the kk command's own exit code, and closing waits for a stage whose task was stopped", async () => {
    const other = await startStageHost(join(dir, 'compiled'), {});
    const previous = process.exitCode;
    process.exitCode = 2;
    try {
      const child = spawn(process.execPath, [CLIENT], {
        cwd: join(dir, 'writes'),
        env: { ...process.env, KK_COMPILED: join(dir, 'compiled'), KK_STAGE_HOST: other.path },
      });
      // turbo stops the task (another task failed) once its stage runs in the host: the stage goes on there.
      // (Waiting a fixed time instead failed on a loaded machine, where the task had not yet reached the host.)
      const deadline = Date.now() + 60_000;
      while (!existsSync(join(dir, 'writes', 'STARTED'))) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error('the task never started its stage in the host');
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill();
      await other.close();
      expect(readFileSync(join(dir, 'writes', 'MARKER'), 'utf8')).toBe('done');
      expect(process.exitCode).toBe(2);
    } finally {
      process.exitCode = previous;
    }
  });

  it('a host that took the task and is gone before running it (the kk command killed) fails the task, which runs nothing', async () => {
    // A host that reads the task and hangs up, as one killed while the task waited its turn.
    const gone = await fakeHost((socket) => socket.once('data', () => socket.destroy()));
    rmSync(join(dir, 'writes', 'STARTED'), { force: true });
    try {
      const r = await task('writes', gone);
      expect(r.code).toBe(1);
      expect(r.err).toContain("the kk command's stage host ended before writes did");
      expect(existsSync(join(dir, 'writes', 'STARTED'))).toBe(false);
    } finally {
      await gone.close();
    }
  });

  it('a busy host that ends while the task runs its stage in its own process (the kk command killed) stops that stage', async () => {
    // A host that is busy, and is gone once the task's stage has started here.
    const started = join(dir, 'writes', 'STARTED');
    const busy = await fakeHost((socket) =>
      socket.once('data', () => {
        socket.write(`${JSON.stringify({ busy: true })}\n`);
        const wait = setInterval(() => {
          if (!existsSync(started)) return;
          clearInterval(wait);
          socket.destroy();
        }, 10);
      }),
    );
    rmSync(started, { force: true });
    rmSync(join(dir, 'writes', 'MARKER'), { force: true });
    try {
      const r = await task('writes', busy);
      expect(r.code).toBe(1);
      expect(r.err).toContain('the kk command ended while writes ran; stopped');
      expect(existsSync(started)).toBe(true);
      // The stage would have written its marker 0.8 s after it started.
      await new Promise((r) => setTimeout(r, 1200));
      expect(existsSync(join(dir, 'writes', 'MARKER'))).toBe(false);
    } finally {
      await busy.close();
    }
  });

  it('a task started after its host is gone (the kk command killed as turbo started it) runs nothing', async () => {
    // What a killed kk command leaves: its socket's path, with nothing listening (a host closed without removing
    // its file: a SIGKILL), or no file at all.
    const folder = mkdtempSync(join(tmpdir(), 'kk-none-'));
    // A process that listens on the path and is killed, as the kk command is.
    const listener = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(join(folder, 'stages.sock'))}, () => console.log('up'))`,
    ]);
    await new Promise((r) => listener.stdout.once('data', r));
    listener.kill('SIGKILL');
    await new Promise((r) => listener.once('exit', r));
    expect(existsSync(join(folder, 'stages.sock'))).toBe(true);
    rmSync(join(dir, 'writes', 'STARTED'), { force: true });
    try {
      for (const path of [join(folder, 'stages.sock'), join(folder, 'missing.sock')]) {
        const r = await task('writes', { path } as StageHost);
        expect(r.code).toBe(1);
        expect(r.err).toContain('the kk command that started writes has ended; not run');
        expect(existsSync(join(dir, 'writes', 'STARTED'))).toBe(false);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('without a host (KK_STAGE_HOST unset) the task runs the stage itself', async () => {
    const r = await task('ok', false);
    expect(r.out).toBe('ran in own process for from-the-task with --year 2009\n');
  });
});
