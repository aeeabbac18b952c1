// What other packages (the benchmarks, the preview command) use of the report stage.
export { loadInputs } from './load.ts';
export { pdfPages } from './pdf-text.ts';
export { writePrintHtml } from './print.ts';
export { CHROMIUM_ARGS, chromiumExecutable, renderPdf } from './render.ts';
export { reportBody } from './view.ts';
