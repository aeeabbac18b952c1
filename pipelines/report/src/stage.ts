import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineStage, openItems, type StageContext } from '@kk/core';
import { loadInputs } from './load.ts';
import { finishPdf } from './pdfmeta.ts';
import { writePrintHtml, writeScreenHtml } from './print.ts';
import { type BrowserSession, endBrowser, renderPdf, startBrowser } from './render.ts';
import { compareIds } from './swedish.ts';
import { reportBody } from './view.ts';
import { writeWorkbook } from './workbook.ts';

/** Stage 6: the report as print-ready PDF (Paged.js in Chromium) and as one HTML page for the screen. */
export default defineStage({
  name: 'report',
  async run(ctx) {
    const timeoutSeconds = Number(process.env.KK_RENDER_TIMEOUT ?? 180);
    // Chromium starts while the inputs are loaded and the HTML written.
    const session = startBrowser(timeoutSeconds);
    try {
      await writeReport(ctx, session, timeoutSeconds);
    } finally {
      await endBrowser(session);
    }
  },
});

async function writeReport(ctx: StageContext, session: BrowserSession, timeoutSeconds: number) {
  const year = ctx.edition.year;
  const inputs = await loadInputs(await ctx.duck(), ctx.edition, ctx.warn);
  // A new edition builds from day one: what is still open makes a draft, listed in its appendix.
  inputs.openItems = openItems(ctx.edition);
  if (inputs.openItems.length) ctx.log(`draft: ${inputs.openItems.length} open items (appendix "Att göra")`);
  const base = `kartlaggning-${year}`;
  const workbook = `arbetsbok-${year}.xlsx`;
  const report = reportBody(inputs);
  // The screen HTML first: `npm run preview` shows it while the PDF is made.
  writeScreenHtml(report, ctx.out, base);
  const printHtml = writePrintHtml(report, ctx.out, base);
  const pdf = join(ctx.out, `${base}.pdf`);
  let writing: Promise<void> | undefined;
  const rendering = renderPdf({
    htmlPath: printHtml,
    pdfPath: pdf,
    allowedDirs: [ctx.out],
    timeoutSeconds,
    session,
    onProgress: (n) => ctx.log(`${n} pages laid out`),
    // Chromium lays out in its own process: the workbook is written meanwhile (not before the page has loaded,
    // whose requests this process answers).
    onLayout: () => {
      writing ??= writeWorkbook(join(ctx.out, workbook), inputs.openItems ?? [], ctx.edition);
      writing.catch(() => {});
    },
  });
  rendering.catch(() => {});
  writeFileSync(join(ctx.out, 'figures.json'), `${JSON.stringify(report.figures, null, 2)}\n`);
  const result = await rendering;
  await (writing ?? writeWorkbook(join(ctx.out, workbook), inputs.openItems ?? [], ctx.edition));
  if (result.blockedRequests.length) {
    for (const url of result.blockedRequests)
      ctx.warn({ location: printHtml, message: `blocked a request for ${url}` });
  }
  if (result.longSheets.length)
    ctx.log(
      `${result.longSheets.length} fact sheets longer than a page (${result.longSheets.join(', ')}): laid out again with Paged.js placing them`,
    );
  await finishPdf(pdf, inputs.edition);
  const seconds = result.seconds.layout + result.seconds.print;
  ctx.log(
    `${result.pages} pages in ${seconds.toFixed(1)} s (${(result.pages / seconds).toFixed(1)} pages/s)`,
  );
  writeFileSync(
    join(ctx.out, 'render.json'),
    `${JSON.stringify({ pages: result.pages, blocked_requests: result.blockedRequests.length }, null, 2)}\n`,
  );
  // Where each initiative, heading and figure landed: the web edition links to the same page of the PDF.
  const pageOf = Object.fromEntries(Object.entries(result.pageOf).sort(([a], [b]) => compareIds(a, b)));
  writeFileSync(join(ctx.out, 'pages.json'), `${JSON.stringify(pageOf, null, 2)}\n`);
  ctx.count('pages', result.pages);
  ctx.publish(`${base}.pdf`);
  ctx.publish(`${base}.html`);
  ctx.publish(workbook);
}
