// "Page references still right": every row of the overview tables must print the page on which that
// initiative's heading is. Works on the text of the PDF (pdftotext -layout), one string per page.

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const linesOf = (page: string) => page.split('\n').map(squash);

/** The header row of the overview tables, repeated on every page a table runs over. */
export const OVERVIEW_HEADER = 'Initiativ Geografiskt område Sida';

export interface PageRefCheck {
  /** Rows checked (one per initiative). */
  checked: number;
  /** Pages (1-based) that hold overview-table rows. */
  overviewPages: number[];
  problems: string[];
}

/**
 * Checks the overview tables of a rendered report. `names` are the initiatives' names as printed both in the
 * table (first column) and as their heading; each must be unique and no name a prefix of another followed by
 * a space.
 */
export function checkPageRefs(pages: readonly string[], names: readonly string[]): PageRefCheck {
  const problems: string[] = [];
  const overviewPages: number[] = [];
  pages.forEach((p, i) => {
    if (linesOf(p).includes(OVERVIEW_HEADER)) overviewPages.push(i + 1);
  });
  if (overviewPages.length === 0) {
    return { checked: 0, overviewPages, problems: ['no overview table found in the PDF'] };
  }
  // Printed page per name, from the overview pages: the row starts with the name and ends with a number
  // (a wrapped cell may push the number to one of the next lines).
  const printed = new Map<string, number>();
  const wanted = new Set(names);
  for (const pageNo of overviewPages) {
    const ls = linesOf(pages[pageNo - 1]);
    for (let i = 0; i < ls.length; i++) {
      const name = names.find((nm) => ls[i] === nm || ls[i].startsWith(`${nm} `));
      if (!name || printed.has(name) || !wanted.has(name)) continue;
      for (let j = i; j < Math.min(ls.length, i + 3); j++) {
        const m = /(?:^|\s)(\d+)$/.exec(ls[j]);
        if (m && !(j === i && ls[j] === name)) {
          printed.set(name, Number(m[1]));
          break;
        }
      }
    }
  }
  // The heading: the first line equal to the name after the first overview page, on a page that is not part
  // of an overview table (the tables start on a page of their own, and so does the first entry after one).
  const headingPage = new Map<string, number>();
  const tablePages = new Set(overviewPages);
  for (let i = overviewPages[0]; i < pages.length; i++) {
    if (tablePages.has(i + 1)) continue;
    for (const l of linesOf(pages[i])) if (wanted.has(l) && !headingPage.has(l)) headingPage.set(l, i + 1);
  }
  const wrong: string[] = [];
  for (const name of names) {
    const p = printed.get(name);
    const h = headingPage.get(name);
    if (p === undefined) wrong.push(`${name}: no row with a page number in the overview tables`);
    else if (h === undefined) wrong.push(`${name}: no heading found`);
    else if (p !== h) wrong.push(`${name}: the table says page ${p}, the heading is on page ${h}`);
  }
  if (wrong.length) {
    problems.push(
      `${wrong.length} of ${names.length} page references wrong or missing, e.g. ${wrong.slice(0, 3).join('; ')}`,
    );
  }
  return { checked: names.length, overviewPages, problems };
}
