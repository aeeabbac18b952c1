// npm run preview: the report's HTML and the web edition on a local server (127.0.0.1 only), rebuilt when a raw
// file of the edition is saved, and the open page reloaded. One Chromium stays warm for every build's PDF
// (KK_BROWSER_WS, see the report's render.ts). A failed build shows its message in the page, over the last good
// one, which stays: a build is all or nothing, so build/<year>/ keeps what the last good run published.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, watch } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { displayPath, REPO_ROOT, resolveEdition, stagedWorkDirs } from '@kk/core';
import { CHROMIUM_ARGS, chromiumExecutable } from '@kk/report/api';
import puppeteer from 'puppeteer-core';

export interface PreviewOptions {
  year?: string;
  raw?: string;
  build?: string;
  port?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Added to every HTML page served: listens for the server's events, reloads after a good build and shows a
 * failed build's message (text only) over the page.
 */
const CLIENT = `<script>(() => {
  const es = new EventSource('/__kk/events');
  es.addEventListener('reload', () => location.reload());
  es.addEventListener('building', () => { document.documentElement.dataset.kkBuilding = '1'; });
  es.addEventListener('error', (e) => {
    if (!e.data) return;
    let box = document.getElementById('kk-build-error');
    if (!box) {
      box = document.createElement('pre');
      box.id = 'kk-build-error';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;' +
        'background:#fff4f4;color:#600;border-top:3px solid #b00;font:13px/1.4 monospace;white-space:pre-wrap;z-index:99999';
      document.body.appendChild(box);
    }
    box.textContent = 'Bygget misslyckades (sidan visar det senaste lyckade bygget):\\n\\n' + JSON.parse(e.data);
  });
})();</script>`;

/** The lines of a failed build's output that say what is wrong (file:line:column: expected …, check failed: …). */
export function buildMessage(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/^@kk\/[\w-]+:stage:\s*/, '').trim())
    .filter((l) => /^(error:|check failed:)|: expected .*, found /.test(l));
  return [...new Set(lines)].join('\n') || output.trim().split('\n').slice(-12).join('\n');
}

export async function runPreview(options: PreviewOptions): Promise<number> {
  const edition = resolveEdition(options);
  const port = Number(options.port ?? 4173);
  const root = edition.buildDir;
  const clients = new Set<ServerResponse>();
  const send = (event: string, data = '') => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  let lastError = '';

  const browser = await puppeteer.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const args = ['report', '--year', String(edition.year)];
  if (options.raw) args.push('--raw', options.raw);
  if (options.build) args.push('--build', options.build);

  const page = `kartlaggning-${edition.year}.html`;
  /** The report's HTML as the running build's report stage wrote it (staged, not yet published). */
  const stagedHtml = (since: number): string | undefined =>
    stagedWorkDirs(edition, 'report')
      .map((dir) => join(dir, page))
      .find((file) => existsSync(file) && statSync(file).mtimeMs >= since);
  // While a build runs, the report's HTML is shown as soon as its stage has written it: the PDF and the web
  // edition take seconds more. The page reloads again when the build is published; when the build fails
  // after all, it reloads to the last good page, which shows the error.
  let draft: Buffer | undefined;

  /**
   * Runs `kk report` with the warm browser; resolves to the failure's message ('' when it succeeded) and
   * whether the page was shown the build's HTML before the end.
   */
  const build = () =>
    new Promise<{ error: string; drafted: boolean }>((done) => {
      const started = performance.now();
      const since = Date.now() - 1000;
      let seen: string | undefined;
      let drafted = false;
      // Seen twice, 100 ms apart: written in full.
      const poll = setInterval(() => {
        const file = stagedHtml(since);
        if (file && file === seen && !drafted) {
          draft = readFileSync(file);
          drafted = true;
          console.log(`preview: the report's HTML in ${((performance.now() - started) / 1000).toFixed(1)} s`);
          send('reload');
        }
        seen = file;
      }, 100);
      const child = spawn(process.execPath, [join(REPO_ROOT, 'packages/cli/bin/kk.js'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, KK_BROWSER_WS: browser.wsEndpoint(), FORCE_COLOR: '0' },
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      child.on('close', (code) => {
        clearInterval(poll);
        draft = undefined;
        const s = ((performance.now() - started) / 1000).toFixed(1);
        if (code === 0) console.log(`preview: built in ${s} s`);
        else console.log(`preview: the build failed (${s} s):\n${buildMessage(out)}`);
        done({ error: code === 0 ? '' : buildMessage(out), drafted });
      });
    });

  let running: Promise<void> | undefined;
  let again = false;
  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        send('building');
        const built = await build();
        lastError = built.error;
        // A page that showed the failed build's HTML goes back to the last good one (and is sent the error
        // when it connects again).
        if (lastError && !built.drafted) send('error', lastError);
        else send('reload');
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__kk/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': kk preview\n\n');
      if (lastError) res.write(`event: error\ndata: ${JSON.stringify(lastError)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { location: `/kartlaggning-${edition.year}.html` });
      res.end();
      return;
    }
    // Files under build/<year>/ only.
    const path = normalize(join(root, decodeURIComponent(url.pathname)));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(lastError ? `Inte byggd ännu: ${lastError}` : 'Finns inte');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body: Buffer | string = draft && file === join(root, page) ? draft : readFileSync(file);
    if (type.startsWith('text/html')) body = body.toString('utf8').replace(/<\/body>/i, `${CLIENT}</body>`);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  console.log(
    `preview: http://127.0.0.1:${port}/ (the report) and http://127.0.0.1:${port}/web/ (the web edition); ` +
      `watching ${displayPath(edition.rawDir)}`,
  );
  await rebuild();

  // A save often writes a file twice in a row: one build after the last write.
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(edition.rawDir, { recursive: true }, (_event, name) => {
    if (name && /(^|[/\\])\.|~$|\.tmp/.test(String(name))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), 150);
  });

  return new Promise<number>((done) => {
    const stop = async () => {
      watcher.close();
      clearTimeout(timer);
      for (const c of clients) c.end();
      server.close();
      await running;
      await browser.close().catch(() => {});
      done(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });
}
