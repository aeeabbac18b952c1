// Faults: a stage killed mid-write, Chromium that hangs or dies, and two builds started at once.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockedError, REPO_ROOT, runStage, withBuildLock } from '@kk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../packages/cli/src/pipeline.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';
import { RenderError, renderPdf } from '../../pipelines/report/src/render.ts';
import { type TempEdition, tempEdition } from '../support/edition.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function temp(): TempEdition {
  const t = tempEdition(2009);
  cleanups.push(t.cleanup);
  return t;
}

function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const start = Date.now();
    const tick = () => {
      if (check()) resolve(true);
      else if (Date.now() - start > ms) resolve(false);
      else setTimeout(tick, 2);
    };
    tick();
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('a stage killed mid-write', () => {
  it('leaves the previous output intact, and the next run recovers', async () => {
    const t = temp();
    const before = await runStage(ingest, t.edition);
    const manifest = join(t.edition.buildDir, 'ingest', 'manifest.json');
    const previous = readFileSync(manifest, 'utf8');
    t.replace('factsheets/factsheets.csv', 'Ca 30,1999', 'Ca 31,1999');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'pipelines/ingest/src/cli.ts'),
        '--raw',
        t.edition.rawRoot,
        '--build',
        t.edition.buildRoot,
      ],
      { stdio: 'ignore' },
    );
    const tmpName = () => readdirSync(t.edition.buildDir).find((n) => n.startsWith('.ingest.tmp-'));
    const started = await waitFor(
      () =>
        tmpName() !== undefined &&
        existsSync(join(t.edition.buildDir, tmpName() as string, 'candidates.parquet')),
      20_000,
    );
    child.kill('SIGKILL');
    await exited(child);
    expect(started).toBe(true);
    expect(readFileSync(manifest, 'utf8')).toBe(previous);
    expect(tmpName()).toBeDefined();
    const after = await runStage(ingest, t.edition);
    expect(tmpName()).toBeUndefined();
    expect(after.inputs['factsheets/factsheets.csv']).not.toBe(before.inputs['factsheets/factsheets.csv']);
  });
});

describe('Chromium that hangs or dies', () => {
  function fakeBrowser(body: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'kk-fake-chromium-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const exe = join(dir, 'chromium');
    writeFileSync(exe, `#!/bin/sh\n${body}\n`);
    chmodSync(exe, 0o755);
    writeFileSync(join(dir, 'p.html'), '<!doctype html><p>x</p>');
    return exe;
  }

  it('a hang ends with a clear error after the time limit', async () => {
    const exe = fakeBrowser('sleep 60');
    const dir = join(exe, '..');
    const started = Date.now();
    const err = await renderPdf({
      htmlPath: join(dir, 'p.html'),
      pdfPath: join(dir, 'p.pdf'),
      allowedDirs: [dir],
      timeoutSeconds: 3,
      executablePath: exe,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect(String(err.message)).toMatch(
      /Chromium (did not finish starting within 3 s|failed: .*(Timed out|timeout))/i,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a crash gives a clear error', async () => {
    const exe = fakeBrowser('echo "chromium: cannot open display" >&2; exit 1');
    const dir = join(exe, '..');
    const err = await renderPdf({
      htmlPath: join(dir, 'p.html'),
      pdfPath: join(dir, 'p.pdf'),
      allowedDirs: [dir],
      timeoutSeconds: 10,
      executablePath: exe,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect(String(err.message)).toMatch(/^Chromium failed: /);
  });
});

describe('two builds started at once', () => {
  it('the second is refused with a clear message while the first holds build/.lock', async () => {
    const t = temp();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('@kk/core').then((c) => c.withBuildLock(${JSON.stringify(t.edition.buildRoot)}, 'the first build', () => new Promise((r) => setTimeout(r, 30000))))`,
      ],
      { cwd: REPO_ROOT, stdio: 'ignore' },
    );
    cleanups.push(() => holder.kill('SIGKILL'));
    expect(await waitFor(() => existsSync(join(t.edition.buildRoot, '.lock')), 20_000)).toBe(true);
    const err = await runPipeline('ingest', { raw: t.edition.rawRoot, build: t.edition.buildRoot }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(LockedError);
    expect(String(err.message)).toMatch(/another build is running \(the first build, process \d+/);
    holder.kill('SIGKILL');
    await exited(holder);
    // A lock left by a process that is gone is taken over.
    await expect(withBuildLock(t.edition.buildRoot, 'test', () => 'ran')).resolves.toBe('ran');
  });
});
