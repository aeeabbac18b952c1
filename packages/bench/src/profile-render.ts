// Where the render's layout time goes: lays out build/bench/render-<n>/report.print.html (written by
// `npm run bench -- render:<n>`) with Paged.js as renderPdf does, with a JavaScript CPU profile (CDP
// Profiler) and a timestamp per laid-out page. Prints the time per page by position and the functions with
// the most self time; writes build/bench/render-<n>/profile.json and layout.cpuprofile (open it in Chromium's
// DevTools, Performance tab); with --trace, also the style and layout that the page's scripts forced, by the
// functions that forced them, and the painting meanwhile. Not part of `npm run bench`:
//   npx tsx packages/bench/src/profile-render.ts 500 [--handlers-off] [--no-profile] [--trace] [--dir DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, chromiumExecutable } from '@kk/report/api';
import puppeteer from 'puppeteer-core';
import { BENCH_ROOT } from './workload.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per function, the largest first. */
export function selfTimes(profile: CpuProfile): { fn: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const { functionName, url, lineNumber } = n.callFrame;
    const file = url ? url.slice(url.lastIndexOf('/') + 1) : '';
    const key = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].map(([fn, ms]) => ({ fn, ms })).sort((a, b) => b.ms - a.ms);
}

interface StackFrame {
  functionName: string;
  url?: string;
  lineNumber?: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  pid?: number;
  tid?: number;
  args?: {
    elementCount?: number;
    beginData?: { dirtyObjects?: number; totalObjects?: number; stackTrace?: StackFrame[] };
  };
}

/**
 * The style recalculations and layouts the page's scripts forced, by the three innermost functions that forced
 * them (the trace's stacks), the costliest first; and the painting done meanwhile, on the renderer's main thread.
 */
function forcedBy(events: TraceEvent[]): void {
  const layouts = new Map<string, number>();
  for (const e of events)
    if (e.name === 'Layout') layouts.set(`${e.pid}:${e.tid}`, (layouts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...layouts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main);
  const by = new Map<string, { n: number; ms: number }>();
  for (const e of onMain) {
    if (e.name !== 'Layout' && e.name !== 'UpdateLayoutTree') continue;
    const stack = e.args?.beginData?.stackTrace ?? [];
    const key = `${e.name === 'Layout' ? 'layout' : 'style '} ${
      stack
        .slice(0, 3)
        .map((f) => f.functionName || '(anonymous)')
        .join(' < ') || '(no script)'
    }`;
    const v = by.get(key) ?? { n: 0, ms: 0 };
    v.n++;
    v.ms += (e.dur ?? 0) / 1000;
    by.set(key, v);
  }
  console.log('forced by (ms, events):');
  for (const [k, v] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(`  ${v.ms.toFixed(1).padStart(7)} ${String(v.n).padStart(4)}  ${k}`);
  const sum = (name: string) =>
    onMain.filter((e) => e.name === name).reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
  console.log(
    `painting meanwhile: paint ${sum('Paint').toFixed(1)} ms, pre-paint ${sum('PrePaint').toFixed(1)} ms`,
  );
}

/** Sums the main-thread style and layout events of a Chromium trace, and how they grow over the run. */
function traceSummary(path: string, pages: number): void {
  const events = (JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  forcedBy(events);
  const pick = events.filter((e) => e.ph === 'X' && (e.name === 'UpdateLayoutTree' || e.name === 'Layout'));
  const total = (name: string) =>
    pick.filter((e) => e.name === name).reduce((a, e) => a + (e.dur ?? 0), 0) / 1e6;
  console.log(
    `trace: style recalculation ${total('UpdateLayoutTree').toFixed(1)} s in ${pick.filter((e) => e.name === 'UpdateLayoutTree').length} events, ` +
      `layout ${total('Layout').toFixed(1)} s in ${pick.filter((e) => e.name === 'Layout').length} events (${pages} pages)`,
  );
  pick.sort((a, b) => a.ts - b.ts);
  const tenth = Math.ceil(pick.length / 10);
  for (let i = 0; i < pick.length; i += tenth) {
    const slice = pick.slice(i, i + tenth);
    const style = slice.filter((e) => e.name === 'UpdateLayoutTree');
    const layout = slice.filter((e) => e.name === 'Layout');
    const avg = (xs: TraceEvent[], f: (e: TraceEvent) => number) =>
      xs.length ? xs.reduce((a, e) => a + f(e), 0) / xs.length : 0;
    console.log(
      `  events ${i + 1}–${i + slice.length}: style ${avg(style, (e) => (e.dur ?? 0) / 1000).toFixed(2)} ms ` +
        `(${Math.round(avg(style, (e) => e.args?.elementCount ?? 0))} elements), layout ${avg(layout, (e) => (e.dur ?? 0) / 1000).toFixed(2)} ms ` +
        `(${Math.round(avg(layout, (e) => e.args?.beginData?.dirtyObjects ?? 0))} of ${Math.round(avg(layout, (e) => e.args?.beginData?.totalObjects ?? 0))} objects dirty)`,
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const n = Number(argv[0] ?? 500);
  const handlersOff = argv.includes('--handlers-off');
  const withProfile = !argv.includes('--no-profile');
  const withTrace = argv.includes('--trace');
  const dirArg = argv.indexOf('--dir');
  const dir = dirArg >= 0 ? argv[dirArg + 1] : join(BENCH_ROOT, `render-${n}`);
  const browser = await puppeteer.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
    protocolTimeout: 1_800_000,
  });
  try {
    const page = await browser.newPage();
    const client = await page.createCDPSession();
    // As renderPdf does: the page leaves the report unlaid-out until kkPaginate (paged-config.js).
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { kkWillPaginate: boolean }).kkWillPaginate = true;
    });
    await page.goto(pathToFileURL(join(dir, 'report.print.html')).href, { waitUntil: 'load' });
    if (withProfile) {
      await client.send('Profiler.enable');
      await client.send('Profiler.setSamplingInterval', { interval: 2000 });
      await client.send('Profiler.start');
    }
    const tracePath = join(dir, 'layout.trace.json');
    if (withTrace)
      await page.tracing.start({
        path: tracePath,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack'],
      });
    const t0 = performance.now();
    // A string, not a function: tsx would wrap a class in helpers the page does not have.
    const script = `(async () => {
      const stamps = [];
      class Stamp extends window.Paged.Handler {
        afterPageLayout() { stamps.push(performance.now()); }
      }
      window.Paged.registerHandlers(Stamp);
      const start = performance.now();
      if (${handlersOff}) await window.PagedPolyfill.preview();
      else await window.kkPaginate();
      return { start, stamps };
    })()`;
    const times = (await page.evaluate(script)) as { start: number; stamps: number[] };
    const layoutSeconds = (performance.now() - t0) / 1000;
    if (withTrace) {
      await page.tracing.stop();
      traceSummary(tracePath, times.stamps.length);
    }
    let top: { fn: string; ms: number }[] = [];
    if (withProfile) {
      const { profile } = (await client.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      writeFileSync(join(dir, 'layout.cpuprofile'), JSON.stringify(profile));
      top = selfTimes(profile).slice(0, 25);
    }
    const perPage = times.stamps.map((t, i) => t - (i === 0 ? times.start : times.stamps[i - 1]));
    const buckets: { pages: string; msPerPage: number }[] = [];
    const step = Math.max(1, Math.ceil(perPage.length / 10));
    for (let i = 0; i < perPage.length; i += step) {
      const slice = perPage.slice(i, i + step);
      buckets.push({
        pages: `${i + 1}–${i + slice.length}`,
        msPerPage: Math.round(slice.reduce((a, b) => a + b, 0) / slice.length),
      });
    }
    const out = { n, pages: perPage.length, layoutSeconds, handlersOff, buckets, top };
    writeFileSync(join(dir, 'profile.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`${n} initiatives: ${perPage.length} pages laid out in ${layoutSeconds.toFixed(1)} s`);
    for (const b of buckets)
      console.log(`  pages ${b.pages.padEnd(10)} ${String(b.msPerPage).padStart(6)} ms/page`);
    if (top.length) {
      console.log('self time (JavaScript CPU profile, layout only):');
      for (const t of top) console.log(`  ${(t.ms / 1000).toFixed(2).padStart(7)} s  ${t.fn}`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
