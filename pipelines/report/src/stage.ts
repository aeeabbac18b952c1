import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, defineStage, previousEdition } from '@kk/core';
import { chapterOf, diffEditions, readEditionOutputs } from '@kk/diff';
import { loadInputs } from './load.ts';
import { finishPdf } from './pdfmeta.ts';
import { writePrintHtml, writeScreenHtml } from './print.ts';
import { renderPdf } from './render.ts';

/** Stage 5: the report as print-ready PDF (Paged.js in Chromium) and as one HTML page for the screen. */
export default defineStage({
  name: 'report',
  async run(ctx) {
    const year = ctx.edition.year;
    const duck = await Duck.open();
    let inputs: Awaited<ReturnType<typeof loadInputs>>;
    try {
      inputs = await loadInputs(duck, ctx.edition, ctx.upstream, ctx.warn);
      // The chapter on changes since the previous edition, when that edition has been built.
      const previous = previousEdition(ctx.edition);
      if (previous && existsSync(join(previous.buildDir, 'criteria', 'manifest.json'))) {
        const diff = await diffEditions(
          await readEditionOutputs(duck, previous.buildDir),
          await readEditionOutputs(duck, ctx.edition.buildDir),
        );
        inputs.changes = chapterOf(diff);
        ctx.log(`chapter on the changes since ${previous.year}: ${diff.changes.length} changes`);
      }
    } finally {
      duck.close();
    }
    const base = `kartlaggning-${year}`;
    writeScreenHtml(inputs, ctx.out, base);
    const { htmlPath: printHtml, figures } = writePrintHtml(inputs, ctx.out, base);
    writeFileSync(join(ctx.out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);

    const pdf = join(ctx.out, `${base}.pdf`);
    const result = await renderPdf({
      htmlPath: printHtml,
      pdfPath: pdf,
      allowedDirs: [ctx.out],
      timeoutSeconds: Number(process.env.KK_RENDER_TIMEOUT ?? 180),
      onProgress: (n) => ctx.log(`${n} pages laid out`),
    });
    if (result.blockedRequests.length) {
      for (const url of result.blockedRequests)
        ctx.warn({ location: printHtml, message: `blocked a request for ${url}` });
    }
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
    const pageOf = Object.fromEntries(Object.entries(result.pageOf).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(join(ctx.out, 'pages.json'), `${JSON.stringify(pageOf, null, 2)}\n`);
    ctx.count('pages', result.pages);
    ctx.publish(`${base}.pdf`);
    ctx.publish(`${base}.html`);
  },
});
