import { execFileSync } from 'node:child_process';

/** The text of each page of a PDF (pdftotext, layout mode), index 0 = page 1. */
export function pdfPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages = text.split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export const lines = (page: string) => page.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());

/** The first page (1-based) at or after `from` with a line equal to `text`. */
export function pageWithLine(pages: string[], text: string, from = 1): number | undefined {
  const want = text.replace(/\s+/g, ' ').trim();
  for (let i = from - 1; i < pages.length; i++) {
    if (lines(pages[i]).includes(want)) return i + 1;
  }
  return undefined;
}

/** The printed page number in the footer of a page (the last line holding only a number). */
export function footerNumber(page: string): number | undefined {
  const ls = lines(page).filter(Boolean);
  const last = ls[ls.length - 1];
  return last && /^\d+$/.test(last) ? Number(last) : undefined;
}
