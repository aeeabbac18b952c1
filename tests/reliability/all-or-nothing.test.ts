// All or nothing: a run of the pipeline in which a stage fails, or is killed, leaves every published file of
// the edition (PDF, HTML, ledger.csv and the stage folders) byte for byte as the last good run left them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../packages/cli/src/pipeline.ts';
import { startFromRepositoryBuild, type TempEdition, tempEdition } from '../support/edition.ts';

/** sha256 of every file under build/<year>/ that a run publishes (the staging area is not published). */
function published(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (d === dir && name.startsWith('.')) continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('a failed or killed run changes no published file', () => {
  let t: TempEdition;
  let before: Record<string, string>;
  const run = () => runPipeline('report', { raw: t.edition.rawRoot, build: t.edition.buildRoot });

  beforeAll(async () => {
    t = startFromRepositoryBuild(tempEdition(2009));
    expect(await run()).toBe(0);
    before = published(t.edition.buildDir);
    // An edit that changes what ingest, dedupe, criteria and the report write (a fact-table field) …
    t.replace('factsheets/factsheets.csv', 'Ca 30,1999', 'Ca 31,1999');
  }, 300_000);
  afterAll(() => t.cleanup());

  it('the last good run published the PDF, the HTML, the ledger and every stage folder', () => {
    for (const f of ['kartlaggning-2009.pdf', 'kartlaggning-2009.html', 'ledger.csv'])
      expect(before[f]).toBeDefined();
    for (const s of ['ingest', 'dedupe', 'employment', 'criteria', 'report']) {
      expect(before[join(s, 'manifest.json')]).toBeDefined();
    }
  });

  it('a stage that fails (employment: a county missing from the statistics)', async () => {
    const stats = 'employment/scb-am0207k-2008.csv';
    const original = readFileSync(t.path(stats));
    const lines = original.toString('latin1').split('\n');
    t.write(stats, Buffer.from(lines.filter((l) => !l.startsWith('"17 V')).join('\n'), 'latin1'));
    expect(await run()).toBe(3);
    expect(published(t.edition.buildDir)).toEqual(before);
    expect(existsSync(join(t.edition.buildDir, '.staging'))).toBe(false);
    t.write(stats, original);
  }, 300_000);

  it('a run killed once a stage has staged its output', async () => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'packages/cli/bin/kk.js'),
        'report',
        '--raw',
        t.edition.rawRoot,
        '--build',
        t.edition.buildRoot,
      ],
      { stdio: 'ignore', detached: true },
    );
    const staged = join(t.edition.buildDir, '.staging', 'ingest', 'manifest.json');
    const start = Date.now();
    while (!existsSync(staged) && Date.now() - start < 120_000) await new Promise((r) => setTimeout(r, 20));
    // The whole process group: the command, turbo and the stage running under it.
    process.kill(-(child.pid as number), 'SIGKILL');
    await new Promise((r) => child.on('exit', r));
    // The processes under it go with it; the next run may start once the lock's holder is gone (or a zombie).
    const lock = join(t.edition.buildRoot, '.lock');
    const gone = () => {
      if (!existsSync(lock)) return true;
      try {
        const pid = JSON.parse(readFileSync(lock, 'utf8')).pid;
        process.kill(pid, 0);
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 200 && !gone(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(staged) || Date.now() - start < 120_000).toBe(true);
    expect(published(t.edition.buildDir)).toEqual(before);
  }, 300_000);

  it('the next run that succeeds publishes what it built, and only that', async () => {
    expect(await runPipeline('dedupe', { raw: t.edition.rawRoot, build: t.edition.buildRoot })).toBe(0);
    const after = published(t.edition.buildDir);
    expect(after[join('ingest', 'manifest.json')]).not.toBe(before[join('ingest', 'manifest.json')]);
    expect(after['kartlaggning-2009.pdf']).toBe(before['kartlaggning-2009.pdf']);
    expect(existsSync(join(t.edition.buildDir, '.staging'))).toBe(false);
  }, 300_000);
});
