// What other packages (the benchmarks) may use of the report stage.
export type { Figures } from './figures.ts';
export type { ReportInputs } from './inputs.ts';
export { loadInputs } from './load.ts';
export { footerNumber, lines, pageWithLine, pdfPages } from './pdf-text.ts';
export { finishPdf } from './pdfmeta.ts';
export { writePrintHtml, writeScreenHtml } from './print.ts';
export { CHROMIUM_ARGS, chromiumExecutable, RenderError, renderPdf } from './render.ts';
