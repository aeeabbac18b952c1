import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export interface RenderOptions {
  /** The HTML file to print (paged media, with Paged.js loaded by the page itself). */
  htmlPath: string;
  pdfPath: string;
  /** Folders the page may load files from; every other request is refused and counted. */
  allowedDirs: string[];
  /** Upper bound for the whole render, in seconds. */
  timeoutSeconds?: number;
  onProgress?: (pages: number) => void;
  executablePath?: string;
}

export interface RenderResult {
  pages: number;
  /** The page each element id of the report is on (headings, initiatives `i-<fact sheet id>`, figures). */
  pageOf: Record<string, number>;
  /** Requests the page tried that were refused (anything not a local file under allowedDirs). */
  blockedRequests: string[];
  /** Requests that were allowed (local files). */
  allowedRequests: string[];
  seconds: { layout: number; print: number };
}

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

// Flags for a closed machine: no background networking, no first-run work, no GPU.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--font-render-hinting=none',
];

export function chromiumExecutable(): string {
  const p = process.env.KK_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
  return p;
}

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new RenderError(`Chromium did not finish ${what} within ${seconds} s (is the page stuck?)`)),
      seconds * 1000,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isAllowed(url: string, allowedPrefixes: string[]): boolean {
  if (url.startsWith('data:') || url === 'about:blank') return true;
  return allowedPrefixes.some((p) => url.startsWith(p));
}

/**
 * Lays out the HTML with Paged.js in Chromium and prints it to PDF. One browser per call, or, when
 * `KK_BROWSER_WS` names a running one (`npm run preview` keeps a browser warm between builds), a new page in it.
 */
export async function renderPdf(options: RenderOptions): Promise<RenderResult> {
  const timeoutSeconds = options.timeoutSeconds ?? 120;
  const allowedPrefixes = options.allowedDirs.map((d) => pathToFileURL(d).href.replace(/\/?$/, '/'));
  const blocked: string[] = [];
  const allowed: string[] = [];
  let browser: Browser | undefined;
  let page: Page | undefined;
  const warm = process.env.KK_BROWSER_WS;
  try {
    browser = await withTimeout(
      warm
        ? puppeteer.connect({ browserWSEndpoint: warm, protocolTimeout: timeoutSeconds * 1000 })
        : puppeteer.launch({
            executablePath: options.executablePath ?? chromiumExecutable(),
            args: CHROMIUM_ARGS,
            headless: true,
            timeout: timeoutSeconds * 1000,
            protocolTimeout: timeoutSeconds * 1000,
          }),
      timeoutSeconds,
      'starting',
    );
    page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (isAllowed(url, allowedPrefixes)) {
        allowed.push(url);
        void req.continue();
      } else {
        blocked.push(url);
        void req.abort('blockedbyclient');
      }
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err instanceof Error ? err.message : String(err)));
    page.on('console', (msg) => {
      const m = /^kk-progress (\d+)$/.exec(msg.text());
      if (m) options.onProgress?.(Number(m[1]));
    });
    const t0 = performance.now();
    await withTimeout(
      page.goto(pathToFileURL(options.htmlPath).href, { waitUntil: 'load' }),
      timeoutSeconds,
      'loading the page',
    );
    const pages = await withTimeout(
      page.evaluate(async () => {
        const w = window as unknown as { kkPaginate: () => Promise<number> };
        return w.kkPaginate();
      }),
      timeoutSeconds,
      'laying out the pages',
    );
    if (pageErrors.length)
      throw new RenderError(`the page raised an error while laying out: ${pageErrors[0]}`);
    const pageOf = await page.evaluate(
      () => (window as unknown as { kkPageOf?: Record<string, number> }).kkPageOf ?? {},
    );
    const t1 = performance.now();
    await withTimeout(
      page.pdf({
        path: options.pdfPath,
        preferCSSPageSize: true,
        printBackground: true,
        outline: true,
        tagged: true,
        timeout: timeoutSeconds * 1000,
      }),
      timeoutSeconds,
      'printing the PDF',
    );
    const t2 = performance.now();
    return {
      pages,
      pageOf,
      blockedRequests: blocked,
      allowedRequests: allowed,
      seconds: { layout: (t1 - t0) / 1000, print: (t2 - t1) / 1000 },
    };
  } catch (err) {
    if (err instanceof RenderError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new RenderError(`Chromium failed: ${message}`);
  } finally {
    if (browser && warm) {
      // The warm browser stays for the next build: only this render's pages go.
      await page?.close().catch(() => {});
      await browser.disconnect().catch(() => {});
    } else if (browser) {
      const proc = browser.process();
      await withTimeout(browser.close(), 10, 'closing').catch(() => proc?.kill('SIGKILL'));
    }
  }
}
