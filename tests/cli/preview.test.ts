// npm run preview as a user runs it, on a copy of 2009 (raw and the suite's build, so the first build finds every
// stage unchanged): the page is served from 127.0.0.1, a saved description reaches the open page (a reload
// event, then the new text), and a broken list shows its located message while the last good page stays.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let preview: ChildProcess;
let output = '';
const port = 41000 + (process.pid % 2000);
const events: { event: string; data: string; at: number }[] = [];

function fetchText(path: string): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((ok, fail) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, location: res.headers.location }));
    }).on('error', fail);
  });
}

async function until<T>(what: string, test: () => T | undefined, seconds = 90): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = test();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; preview said:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kk-preview-'));
  cpSync(join(REPO_ROOT, 'raw', '2009'), join(dir, 'raw', '2009'), { recursive: true });
  cpSync(join(REPO_ROOT, 'build', '2009'), join(dir, 'build', '2009'), { recursive: true });
  preview = spawn(
    process.execPath,
    [
      'packages/cli/bin/kk.js',
      'preview',
      '--year',
      '2009',
      '--raw',
      join(dir, 'raw'),
      '--build',
      join(dir, 'build'),
      '--port',
      String(port),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: '0' } },
  );
  preview.stdout?.on('data', (d) => {
    output += d;
  });
  preview.stderr?.on('data', (d) => {
    output += d;
  });
  await until('the first build', () => /preview: built in/.test(output));
  // The page's own event stream, as the injected script opens it.
  get({ host: '127.0.0.1', port, path: '/__kk/events' }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (d) => {
      buf += d;
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) events.push({ event, data: data ? JSON.parse(data) : '', at: Date.now() });
      }
    });
  });
}, 180_000);

afterAll(async () => {
  preview?.kill('SIGTERM');
  await new Promise((r) => preview?.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run preview', () => {
  it('serves the report and the web edition from 127.0.0.1, with the reloading script', async () => {
    const root = await fetchText('/');
    expect(root.status).toBe(302);
    expect(root.location).toBe('/kartlaggning-2009.html');
    const page = await fetchText('/kartlaggning-2009.html');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Kartläggning av svenska klusterinitiativ');
    expect(page.body).toContain("new EventSource('/__kk/events')");
    expect((await fetchText('/web/')).body).toContain('<html');
    expect((await fetchText('/../../raw/2009/edition.json')).status).toBe(404);
  });

  it('a saved description reaches the open page: a reload event, then the new text', async () => {
    const rel = join(dir, 'raw', '2009', 'factsheets', 'descriptions', 'compare.md');
    writeFileSync(
      rel,
      readFileSync(rel, 'utf8').replace('Stiftelsen har omkring 100', 'Stiftelsen har omkring 107'),
    );
    const saved = Date.now();
    const reload = await until('the reload', () => events.find((e) => e.event === 'reload' && e.at > saved));
    console.log(`preview: the page reloads ${((reload.at - saved) / 1000).toFixed(1)} s after the save`);
    expect((await fetchText('/kartlaggning-2009.html')).body).toContain('Stiftelsen har omkring 107');
  }, 120_000);

  it('a broken list shows its place and what was expected; the last good page stays', async () => {
    const rel = join(dir, 'raw', '2009', 'sources', 'k1-vinnova.csv');
    writeFileSync(rel, `${readFileSync(rel, 'utf8')}"Ett namn utan slutcitat,www.example.se\n`);
    const saved = Date.now();
    const error = await until('the error', () => events.find((e) => e.event === 'error' && e.at > saved));
    expect(error.data).toMatch(/k1-vinnova\.csv:\d+(:\d+)?: expected .*, found /);
    expect(error.data).not.toMatch(/\n\s+at /);
    expect((await fetchText('/kartlaggning-2009.html')).body).toContain('Stiftelsen har omkring 107');
  }, 120_000);
});
