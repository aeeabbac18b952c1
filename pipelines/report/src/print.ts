import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { asset, renderHtml } from './html.ts';
import { buildView, type ReportBody } from './view.ts';

// The package's exports do not expose its browser build, so it is found on disk. The minified build
// parses faster, which shows in the render time.
const PAGEDJS = join(REPO_ROOT, 'node_modules', 'pagedjs', 'dist', 'paged.polyfill.min.js');

/**
 * Writes the print version of the report into a folder: the HTML for Paged.js and, beside it, Paged.js
 * itself, so the page needs nothing outside that folder. Returns the HTML's path.
 */
export function writePrintHtml(report: ReportBody, dir: string, name: string): string {
  copyFileSync(PAGEDJS, join(dir, 'paged.polyfill.min.js'));
  const view = buildView(report, {
    mode: 'print',
    css: asset('report.css'),
    pagedConfig: asset('paged-config.js'),
    pagedjs: 'paged.polyfill.min.js',
  });
  const htmlPath = join(dir, `${name}.print.html`);
  writeFileSync(htmlPath, renderHtml(view));
  return htmlPath;
}

/** The screen version: one self-contained HTML page, no Paged.js. */
export function writeScreenHtml(report: ReportBody, dir: string, name: string): string {
  const view = buildView(report, {
    mode: 'screen',
    css: asset('screen.css'),
    pagedConfig: '',
    pagedjs: '',
  });
  const path = join(dir, `${name}.html`);
  writeFileSync(path, renderHtml(view));
  return path;
}
