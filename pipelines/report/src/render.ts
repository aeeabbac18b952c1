import { pathToFileURL } from 'node:url';
import { chromiumExecutable } from '@kk/core';
import type { Browser, Page } from 'puppeteer-core';

export interface RenderOptions {
  /** The HTML file to print (paged media, with Paged.js loaded by the page itself). */
  htmlPath: string;
  pdfPath: string;
  /** Folders the page may load files from; every other request is refused and counted. */
  allowedDirs: string[];
  /** Upper bound for the whole render, in seconds. */
  timeoutSeconds?: number;
  onProgress?: (pages: number) => void;
  /**
   * Called once the page is loaded and Chromium starts laying it out: from then until the layout ends Chromium
   * needs nothing of this process, so work that keeps its event loop busy (the workbook) delays no request.
   */
  onLayout?: () => void;
  executablePath?: string;
  /** A browser started beforehand (`startBrowser`); the caller ends it. Without it, one is started and ended here. */
  session?: BrowserSession;
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
  /** Fact sheets longer than one page (ids): with any, the report was laid out a second time, sheets in the flow. */
  longSheets: string[];
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

export { chromiumExecutable };

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

/** A browser for one render, started before the render needs it (see `startBrowser`). */
export interface BrowserSession {
  browser: Promise<Browser>;
  /** Connected to the warm browser of `npm run preview` (KK_BROWSER_WS) rather than launched. */
  warm: boolean;
}

/**
 * Starts Chromium (about 1.7 s) without waiting for it, so that the caller can load its inputs and write the
 * HTML meanwhile; or connects to the warm browser that `KK_BROWSER_WS` names (`npm run preview` keeps one
 * between builds, and the test suite one for all its files). Hand it to `renderPdf` and end it with `endBrowser`, also when the render is never reached.
 */
export function startBrowser(timeoutSeconds = 120, executablePath?: string): BrowserSession {
  // A browser asked for by its executable is that one, started here.
  const warm = executablePath ? undefined : process.env.KK_BROWSER_WS;
  // puppeteer is loaded here, not when the stage starts: a third of a second the stage's start no longer waits for.
  const browser = withTimeout(
    import('puppeteer-core').then(({ default: puppeteer }) =>
      warm
        ? puppeteer.connect({ browserWSEndpoint: warm, protocolTimeout: timeoutSeconds * 1000 })
        : puppeteer.launch({
            executablePath: executablePath ?? chromiumExecutable(),
            args: CHROMIUM_ARGS,
            headless: true,
            timeout: timeoutSeconds * 1000,
            protocolTimeout: timeoutSeconds * 1000,
          }),
    ),
    timeoutSeconds,
    'starting',
  );
  // A failed start is reported where the browser is awaited (renderPdf), not as an unhandled rejection.
  browser.catch(() => {});
  return { browser, warm: Boolean(warm) };
}

/** Closes a launched browser (killing it if it does not close), or lets go of the warm one. */
export async function endBrowser(session: BrowserSession): Promise<void> {
  const browser = await session.browser.catch(() => undefined);
  if (!browser) return;
  if (session.warm) {
    await browser.disconnect().catch(() => {});
    return;
  }
  const proc = browser.process();
  await withTimeout(browser.close(), 10, 'closing').catch(() => proc?.kill('SIGKILL'));
}

/**
 * Lays out the HTML with Paged.js in Chromium and prints it to PDF, in a new page of the session's browser
 * (`options.session`, from `startBrowser`), or of a browser started and ended for this call.
 */
export async function renderPdf(options: RenderOptions): Promise<RenderResult> {
  const timeoutSeconds = options.timeoutSeconds ?? 120;
  const allowedPrefixes = options.allowedDirs.map((d) => pathToFileURL(d).href.replace(/\/?$/, '/'));
  const blocked: string[] = [];
  const allowed: string[] = [];
  const session = options.session ?? startBrowser(timeoutSeconds, options.executablePath);
  let page: Page | undefined;
  try {
    const browser = await session.browser;
    const tab = await browser.newPage();
    page = tab;
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
    // The page's script (paged-config.js) then leaves the report unlaid-out until kkPaginate.
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { kkWillPaginate: boolean }).kkWillPaginate = true;
    });
    const t0 = performance.now();
    const paginate = async (sheets: boolean) => {
      await withTimeout(
        tab.goto(pathToFileURL(options.htmlPath).href, { waitUntil: 'load' }),
        timeoutSeconds,
        'loading the page',
      );
      const layout = tab.evaluate(async (sheets) => {
        const w = window as unknown as {
          kkPaginate: (o: { sheets: boolean }) => Promise<{ pages: number; overflow: string[] }>;
        };
        return w.kkPaginate({ sheets });
      }, sheets);
      options.onLayout?.();
      return withTimeout(layout, timeoutSeconds, 'laying out the pages');
    };
    let laidOut = await paginate(true);
    // A fact sheet longer than its page: the whole report again, with Paged.js placing the sheets as well.
    const longSheets = laidOut.overflow;
    if (longSheets.length) laidOut = await paginate(false);
    const pages = laidOut.pages;
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
      // A second layout (long sheets) loads the page again: each request once.
      blockedRequests: [...new Set(blocked)],
      allowedRequests: [...new Set(allowed)],
      longSheets,
      seconds: { layout: (t1 - t0) / 1000, print: (t2 - t1) / 1000 },
    };
  } catch (err) {
    if (err instanceof RenderError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new RenderError(`Chromium failed: ${message}`);
  } finally {
    await page?.close().catch(() => {});
    if (!options.session) await endBrowser(session);
  }
}
