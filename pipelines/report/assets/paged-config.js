// Runs in the page before Paged.js loads. Paged.js does not start by itself: the renderer calls
// kkPaginate(), which resolves with the page count once every page is laid out.
// maxChars: how much text Paged.js places before it measures for overflow. Given explicitly, every page
// uses the same value (without settings it adapts per page, which measured a third slower here).
window.PagedConfig = { auto: false, settings: { maxChars: 3000 } };

// The renderer (renderPdf) says that kkPaginate will follow: the report is then not laid out as one long screen
// page while it loads, only to be laid out again in pages (that first layout took 0.2 s of a 78-page report and
// 1 s of a 410-page one). Without the flag (the page opened in a browser) it loads as any page.
if (window.kkWillPaginate) {
  const hold = new CSSStyleSheet();
  hold.replaceSync('body > * { display: none !important; }');
  document.adoptedStyleSheets = [hold];
}

let parkedPages = document.createDocumentFragment();

window.kkPaginate = async (options = {}) => {
  class RepeatTableHeaders extends window.Paged.Handler {
    // A table continued on a new page gets its header row again. Inserted when the first row is placed,
    // so the page's layout counts the header (added afterwards, it would push the last row off the page).
    renderNode(clone, node) {
      if (clone.nodeName !== 'TR') return;
      const table = clone.closest('table');
      if (!table?.hasAttribute('data-split-from') || table.querySelector('thead')) return;
      const head = node.closest('table')?.querySelector('thead');
      if (head) table.insertBefore(head.cloneNode(true), table.firstChild);
    }
  }
  class Progress extends window.Paged.Handler {
    afterPageLayout(_pageElement, page) {
      if ((page.position + 1) % 10 === 0) console.log(`kk-progress ${page.position + 1}`);
    }
  }
  // Finished pages are parked outside the document while the rest is laid out, and put back in order at
  // the end. Every page Paged.js adds forces a style and layout pass whose cost grew with the pages already
  // in the document (a 796-page report went from 18 to 65 ms a page); parked, the cost stays flat.
  // The last pages stay in place: a footnote or a table header may still reach back to them.
  class ParkFinishedPages extends window.Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      this.parked = document.createDocumentFragment();
    }
    afterPageLayout(_pageElement, _page, _breakToken, chunker) {
      const done = chunker.pages[chunker.pages.length - 4];
      if (done && done.element.parentNode === chunker.pagesArea) this.parked.appendChild(done.element);
    }
    // Put back by placeRuns (after it has made its pages, so that measuring them while making them lays out
    // only their own pages).
    afterRendered() {
      parkedPages = this.parked;
    }
  }
  // Paged.js's own style sheet ends with its rules for print (@media print). Entering print mode, Chromium
  // restyles every element that any rule of a sheet with changed media rules could match, and this sheet has
  // rules for everything in a page (.pagedjs_pagebox *): the whole report, twice, as printing started. In a
  // sheet of their own right after it (the same order of rules), they restyle only the few elements they name.
  class PrintRulesApart extends window.Paged.Handler {
    beforeParsed() {
      const base = this.polisher.base;
      const rules = base.sheet.cssRules;
      const print = [];
      for (let i = rules.length - 1; i >= 0; i--) {
        if (!(rules[i] instanceof CSSMediaRule)) continue;
        print.unshift(rules[i].cssText);
        base.sheet.deleteRule(i);
      }
      const style = document.createElement('style');
      style.setAttribute('data-pagedjs-inserted-styles', 'true');
      style.textContent = print.join('\n');
      base.after(style);
    }
  }
  // Every page is a copy of Paged.js's page template, about 70 elements of which the report's pages use a third:
  // bleed areas with crop marks (of a page without bleed or marks: empty and zero-sized) and twelve margin
  // boxes around the page, all empty but the running head and the page number. Each element left out is one less
  // to style, lay out, paint and tag in every page: the printing of a 410-page report took a sixth less.
  class LeanPageFrame extends window.Paged.Handler {
    afterParsed() {
      const root = getComputedStyle(document.documentElement);
      const bleed = [...root].some(
        (p) => p.startsWith('--pagedjs-bleed-') && parseFloat(root.getPropertyValue(p)),
      );
      const marks = ['crop', 'cross'].some(
        (m) => root.getPropertyValue(`--pagedjs-mark-${m}-display`).trim() !== 'none',
      );
      if (!bleed && !marks)
        for (const el of this.chunker.pageTemplate.content.querySelectorAll('.pagedjs_bleed')) el.remove();
    }
    // The margin boxes are placed in a grid by name, so that a group without content leaves the others in place;
    // the groups above and below the page stay (Paged.js sizes their columns). After Paged.js's own finalizePage,
    // which reads them.
    finalizePage(pageElement) {
      for (const group of pageElement.querySelectorAll(
        '.pagedjs_pagebox > .pagedjs_margin-left, .pagedjs_pagebox > .pagedjs_margin-right, .pagedjs_pagebox > [class$="-corner-holder"]',
      ))
        if (!group.querySelector('.hasContent')) group.remove();
    }
  }
  // An inline SVG's box does not depend on what is drawn in it (its size comes from its width, height and
  // viewBox), but Paged.js copies a drawing element by element, as it copies text, and every check of its page
  // for overflow measures each of them: the map of 1 000 initiatives (a dot each, 3 000 elements) took 3–7 s of
  // the layout of its page. Paged.js gets the drawings empty, and what is drawn in them is put back into
  // Paged.js's copies once the pages are laid out (the same nodes, data-ref and all, that it would have copied).
  const drawings = new Map(); // source svg → its child nodes
  const drawn = new Map(); // source svg → its copy on a page
  class EmptyDrawings extends window.Paged.Handler {
    afterParsed(parsed) {
      for (const svg of parsed.querySelectorAll('svg:not(svg svg)')) {
        drawings.set(svg, [...svg.childNodes]);
        svg.replaceChildren();
      }
    }
    renderNode(clone, node) {
      if (drawings.has(node)) drawn.set(node, clone);
    }
  }
  // A long table in the flow (the employment table and the exceptions to the criteria: a row per initiative):
  // Paged.js lays out its first part, with what comes before it, and its first page of rows only; the pages of
  // rows after that are copies of that page, filled here (continueTable), and Paged.js goes on from the first
  // row of the last part, which it lays out with what follows the table. After the page's own finalizePage
  // (the page frame's margin boxes) and LeanPageFrame's, so that the copies are finished pages. The pages made
  // stay outside the document until Paged.js is done (it adds a page after its own last one), by the page they
  // follow.
  const middles = new Map();
  class TableMiddles extends window.Paged.Handler {
    afterPageLayout(_pageElement, _page, breakToken) {
      this.token = breakToken;
    }
    finalizePage(pageElement) {
      const made = continueTable(pageElement, this.token);
      if (made.length) middles.set(pageElement, made);
      this.token = undefined;
    }
  }
  // Paged.js lays out a page per animation frame: its queue's tick is requestAnimationFrame, so a page laid out in
  // 5 ms waited for the next frame, 16.7 ms after the last (the 27 pages of text of a 78-page report took 0.49 s,
  // 0.29 s without the wait). Its measurements force a layout themselves and need no frame. A message on a channel
  // of its own runs the next page as soon as the page's event loop is free (setTimeout would wait 4 ms once nested).
  class NoFrameWait extends window.Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      const channel = new MessageChannel();
      const waiting = [];
      channel.port1.onmessage = () => waiting.shift()();
      chunker.q.tick = (next) => {
        waiting.push(next);
        channel.port2.postMessage(undefined);
      };
    }
  }
  window.Paged.registerHandlers(
    NoFrameWait,
    RepeatTableHeaders,
    Progress,
    ParkFinishedPages,
    PrintRulesApart,
    LeanPageFrame,
    EmptyDrawings,
    ...(options.tables === false ? [] : [TableMiddles]),
  );
  const runs = options.sheets === false ? [] : takeRuns();
  // Paged.js lays out from a template holding the body's content, which it makes by serializing the body and
  // parsing that again; the same nodes moved there are the same content, without the round trip.
  const template = document.createElement('template');
  template.dataset.ref = 'pagedjs-content';
  template.content.append(...document.body.childNodes);
  document.body.append(template);
  // Paged.js's print rules give html print-color-adjust: exact, an inherited property: entering print mode
  // changed it for every element, and Chromium styled the whole report again, twice as printing started and
  // once as it ended (a third of the printing of a 78-page report). Given to html now, while the body holds
  // nothing laid out, printing changes it for no element. The PDF is the same: it prints backgrounds anyway.
  const printColors = new CSSStyleSheet();
  printColors.replaceSync('html { print-color-adjust: exact; }');
  // The pages are laid out away from the window, where nothing is painted: the browser otherwise painted the window's
  // view of them at every frame while Paged.js worked (46 paints, 65 ms with their pre-paint, of a 78-page report's
  // layout; the view changes with every page parked). A transform moves what is drawn, not the layout, and every
  // measurement here compares boxes moved alike (exact in floats below 2^18 px at 1/64 px). To the right: an element
  // without a box (display: none) measures 0, 0, 0, 0, which stays before and above every page, as without the move
  // (moved to the left, it would lie past a page's right edge: an overflow). Removed before printing.
  const offscreen = new CSSStyleSheet();
  offscreen.replaceSync('.pagedjs_pages { transform: translateX(100000px); }');
  document.adoptedStyleSheets = [printColors, offscreen];
  const laidOut = (result) => {
    document.adoptedStyleSheets = [printColors];
    return result;
  };
  const flow = await window.PagedPolyfill.preview();
  for (const [svg, children] of drawings) drawn.get(svg)?.append(...children);
  let middlePages = 0;
  for (const [page, made] of middles) {
    page.after(...made);
    middlePages += made.length;
  }
  const placed = placeRuns(runs);
  if (placed.overflow.length) return laidOut({ pages: 0, overflow: placed.overflow });
  window.kkPageOf = fillPageReferences();
  stableIds();
  // Running heads and page numbers are page furniture, not content: kept out of the tagged PDF's
  // structure (which also makes printing quicker).
  for (const box of document.querySelectorAll('.pagedjs_margin')) box.setAttribute('aria-hidden', 'true');
  return laidOut({ pages: flow.total + middlePages + placed.added, overflow: [], tablePages: middlePages });
};

// Most of a long report is fact sheets (section.initiative, one page each), list 2's networks (section.network,
// several to a page, never split) and the lists' overview tables (a row per initiative). Paged.js would lay
// them out node by node, checking for overflow as it goes: on a report of many initiatives most of the layout
// time. So each run of them is taken out of the flow before Paged.js starts, a marker left where it stood, and
// after layout the run gets pages of its own right after the marker's page: copies of that page's frame
// (margins, running head, footnote area), numbered by the same CSS page counter. A sheet gets a page; networks
// are measured once and stacked while they fit, the first one after the text before it unless it starts a
// page itself; a table is split by rows, its header row on every part. A run is taken out only where that
// gives the pages Paged.js would: no footnote in it, and whatever follows it starts a new page. Every page
// made is measured at the end; anything that does not fit is reported (overflow), and the renderer lays out
// the whole report again the slow way, with everything in the flow (kkPaginate({ sheets: false })).
// Networks and tables come first: their measurements then lay out only their own pages, before the sheets'
// pages exist.
const RUNS = [
  { kind: 'block', selector: 'body > section.network' },
  { kind: 'table', selector: 'body > table.overview' },
  { kind: 'sheet', selector: 'body > section.initiative' },
];

const forcedBreak = (el) =>
  ['page', 'left', 'right', 'recto', 'verso'].includes(getComputedStyle(el).breakBefore);
// A break before an element's first child is a break before the element itself (CSS Fragmentation 3.1).
const startsPage = (el) => {
  for (let e = el; e; e = e.firstElementChild) if (forcedBreak(e)) return true;
  return false;
};

function takeRuns() {
  const runs = [];
  for (const { kind, selector } of RUNS) {
    const found = [];
    for (const section of document.querySelectorAll(selector)) {
      const run = found.at(-1);
      if (kind !== 'table' && run && section.previousElementSibling === run.sections.at(-1))
        run.sections.push(section);
      else found.push({ kind, sections: [section] });
    }
    for (const run of found) {
      const next = run.sections.at(-1).nextElementSibling;
      const shape =
        kind === 'sheet'
          ? run.sections.every(startsPage)
          : kind === 'table'
            ? startsPage(run.sections[0]) && run.sections[0].tBodies.length === 1 && !run.sections[0].tFoot
            : run.sections.every(
                (s, k) => getComputedStyle(s).breakInside === 'avoid' && (k === 0 || !startsPage(s)),
              );
      if ((!next || startsPage(next)) && shape && run.sections.every((s) => !s.querySelector('.footnote')))
        runs.push({ ...run, startsPage: startsPage(run.sections[0]) });
    }
  }
  runs.forEach((run, i) => {
    const marker = document.createElement('div');
    marker.className = 'kk-run';
    marker.dataset.run = String(i);
    run.sections[0].before(marker);
    for (const s of run.sections) s.remove();
  });
  return runs;
}

function placeRuns(runs) {
  const area = document.querySelector('.pagedjs_pages');
  const unpark = () => area.prepend(parkedPages);
  if (!runs.length) {
    unpark();
    numberPages(area);
    return { added: 0, overflow: [] };
  }
  // The pages are made at the end of the pages' area (where Paged.js's rules for its pages apply) while the
  // finished pages are still parked: a measurement while making them lays out these pages only.
  const content = (page) => page.querySelector('.pagedjs_page_content > div');
  // Runs whose markers ended on the same page (one run right after another) share that page: they are placed
  // one after the other, in the document's order; a later one must start a page itself.
  const groups = new Map();
  runs.forEach((run, i) => {
    const marker =
      area.querySelector(`.kk-run[data-run="${i}"]`) ?? parkedPages.querySelector(`.kk-run[data-run="${i}"]`);
    const before = marker.closest('.pagedjs_page');
    if (!groups.has(before)) groups.set(before, []);
    groups.get(before).push({ run, marker });
  });
  const shared = [];
  const placed = [...groups].map(([before, group]) => {
    group.sort((a, b) =>
      a.marker.compareDocumentPosition(b.marker) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
    const spot = document.createComment('kk-run');
    before.replaceWith(spot);
    area.append(before);
    const frame = before.cloneNode(true);
    frame.className = 'pagedjs_page';
    frame.setAttribute('data-break-before', 'page');
    content(frame).replaceChildren();
    frame.querySelector('.pagedjs_footnote_inner_content')?.replaceChildren();
    frame.querySelector('.pagedjs_footnote_content')?.classList.add('pagedjs_footnote_empty');
    // The running head of a page that continues a chapter: the last value the page before ended with.
    for (const name of runningStrings(before)) {
      const last = before.style.getPropertyValue(`--pagedjs-string-last-${name}`);
      for (const which of ['first', 'last', 'start', 'first-except'])
        frame.style.setProperty(`--pagedjs-string-${which}-${name}`, last);
    }
    const pages = [];
    const newPage = () => {
      const page = frame.cloneNode(true);
      area.append(page);
      pages.push(page);
      return page;
    };
    // The marker alone on its page (what came before it filled the page before): that page goes.
    for (const { marker } of group) marker.remove();
    const blank = !content(before).textContent.trim() && !content(before).querySelector('img, svg, table');
    group.forEach(({ run }, k) => {
      if (k > 0 && !run.startsPage) shared.push(run.sections[0].id);
      if (run.kind === 'sheet') for (const section of run.sections) content(newPage()).append(section);
      else if (run.kind === 'table') splitTable(run.sections[0], { newPage, content });
      else stackBlocks(run, { before, frame, blank: blank || k > 0, newPage, content });
    });
    return { spot, pages: blank ? pages : [before, ...pages], added: pages.length - (blank ? 1 : 0) };
  });
  if (shared.length) return { added: 0, overflow: shared };
  for (const { spot, pages } of placed) spot.replaceWith(...pages);
  unpark();
  numberPages(area);
  // Every page made, measured in one layout of the whole report in its final order: the layout that printing
  // then keeps. (Measured before the pages were moved into place, they were laid out twice: moving a page
  // drops its layout.) With an overflow the renderer loads the page again, so this order is no loss.
  const overflow = [];
  const range = document.createRange();
  for (const { pages } of placed)
    for (const page of pages) {
      range.selectNodeContents(content(page));
      if (!fitsPage(page, range.getBoundingClientRect()))
        overflow.push(content(page).lastElementChild?.id ?? page.id);
    }
  if (overflow.length) return { added: 0, overflow };
  return { added: placed.reduce((n, p) => n + p.added, 0), overflow: [] };
}

/** Numbers the pages in their order (the pages made outside Paged.js are copies of a numbered one). */
function numberPages(area) {
  const all = area.querySelectorAll(':scope > .pagedjs_page');
  all.forEach((page, i) => {
    const number = String(i + 1);
    if (page.getAttribute('data-page-number') === number) return;
    page.setAttribute('data-page-number', number);
    page.id = `page-${number}`;
    page.classList.toggle('pagedjs_right_page', i % 2 === 0);
    page.classList.toggle('pagedjs_left_page', i % 2 === 1);
  });
  area.style.setProperty('--pagedjs-page-count', String(all.length));
}

/**
 * The pages of a long table's rows between its first two parts, which Paged.js lays out, and its last one.
 * Paged.js has just finished `page`, which holds nothing but a part of a table that goes on (its header row and
 * rows; `token`, where Paged.js would go on, is a row of it). Each page made is a copy of `page` whose rows are
 * the next ones, as many as fit (measured on the page, as Paged.js measures), marked as Paged.js marks a part
 * that continues on the next page; a page is made only when a row is left over for the next, so the last part,
 * the rows that fit a page with room to spare, is Paged.js's again: `token` is moved to its first row. Returns
 * the pages made (outside the document), to be put after `page`.
 */
function continueTable(page, token) {
  const first = token?.node;
  if (first?.nodeName !== 'TR' || token.offset) return [];
  const table = first.parentElement?.parentElement;
  if (
    first.parentElement.nodeName !== 'TBODY' ||
    table?.nodeName !== 'TABLE' ||
    table.tBodies.length !== 1 ||
    table.tFoot ||
    table.querySelector('.footnote, [data-note="footnote"]')
  )
    return [];
  const content = page.querySelector('.pagedjs_page_content > div');
  const part = content?.querySelector(`table[data-ref="${table.dataset.ref}"][data-split-from]`);
  if (
    part?.tBodies.length !== 1 ||
    content.textContent.trim() !== part.textContent.trim() ||
    page.querySelector('.pagedjs_footnote_inner_content')?.hasChildNodes()
  )
    return [];
  const rows = [];
  for (let row = first; row; row = row.nextElementSibling) rows.push(row);
  const made = [];
  let at = 0;
  let guess = part.tBodies[0].rows.length;
  while (at < rows.length) {
    const copy = page.cloneNode(true);
    page.parentNode.append(copy);
    const splits = copy.querySelectorAll('[data-split-from]');
    for (const el of splits) el.dataset.splitTo = el.dataset.ref;
    const copied = copy.querySelector(`table[data-ref="${table.dataset.ref}"]`);
    const body = copied.tBodies[0];
    body.replaceChildren();
    const fits = () => fitsPage(copy, copied.getBoundingClientRect());
    const n = fillRows(body, rows, at, guess, (row) => row.cloneNode(true), fits);
    // The rest fits this page (or a row fits no page): Paged.js lays it out, with what follows the table.
    if (at + n === rows.length || !fits()) {
      copy.remove();
      break;
    }
    // As Paged.js's Splits handler marks the deepest part that continues on the next page.
    const deepest = splits[splits.length - 1];
    const style = getComputedStyle(deepest);
    deepest.dataset.lastSplitElement = 'true';
    deepest.dataset.alignLastSplitElement =
      style.textAlign === 'justify' && style.textAlignLast === 'auto' ? 'justify' : style.textAlignLast;
    copy.remove();
    made.push(copy);
    at += n;
    guess = n;
  }
  if (at > 0) token.node = rows[at];
  return made;
}

/**
 * Splits a table that starts a page over pages by its rows, each part with the table's header row (as the
 * RepeatTableHeaders handler does for Paged.js): a part takes rows while it fits, measured on its page (a
 * page is laid out alone, so that costs little), starting from as many rows as fitted the page before.
 */
function splitTable(table, { newPage, content }) {
  const rows = [...table.tBodies[0].rows];
  const head = table.tHead;
  let guess = 0;
  let at = 0;
  let previous;
  while (at < rows.length) {
    const page = newPage();
    const part = previous ? table.cloneNode(false) : table;
    if (previous) {
      // As Paged.js marks the parts of what it splits: its style sheet drops a continued part's margin above
      // and a continuing part's margin below (which decides whether the last row fits).
      part.removeAttribute('id');
      part.setAttribute('data-split-from', table.id);
      if (head) part.append(head.cloneNode(true));
      part.append(table.tBodies[0].cloneNode(false));
    }
    part.setAttribute('data-split-to', table.id);
    const body = part.tBodies[0];
    body.replaceChildren();
    content(page).append(part);
    const fits = () => fitsPage(page, part.getBoundingClientRect());
    const n = fillRows(body, rows, at, guess || 1, (row) => row, fits);
    // One row that does not fit a page alone is left for the measurement at the end (overflow).
    guess = n;
    at += n;
    if (at === rows.length) {
      // The last part keeps its margin below; if its last row then no longer fits, that row goes on.
      part.removeAttribute('data-split-to');
      if (n > 1 && !fits()) {
        at -= 1;
        rows[at].remove();
        part.setAttribute('data-split-to', table.id);
      }
    }
    previous = part;
  }
}

/**
 * Puts rows from `rows[at]` on into a table part's `body` while it fits its page, and returns how many it took
 * (at least one): it starts from `guess` rows (as many as fitted the page before), adds rows while they fit and
 * takes the last out while they do not. `take(row)` is what goes into the body: the row itself, or a copy.
 * Rows are added in doubling steps, and from the last count that fitted one again after a step that did not fit:
 * each try is a layout of the page, and the first part of a table (guess 1) took one per row.
 */
function fillRows(body, rows, at, guess, take, fits) {
  let n = Math.max(1, Math.min(guess, rows.length - at));
  body.append(...rows.slice(at, at + n).map(take));
  if (fits()) {
    let step = 1;
    while (at + n < rows.length) {
      const k = Math.min(step, rows.length - at - n);
      body.append(...rows.slice(at + n, at + n + k).map(take));
      if (fits()) {
        n += k;
        step *= 2;
        continue;
      }
      for (let i = 0; i < k; i++) body.lastElementChild.remove();
      if (k === 1) break;
      step = 1;
    }
  } else {
    while (n > 1 && !fits()) {
      n--;
      body.lastElementChild.remove();
    }
  }
  return n;
}

/**
 * Puts a run of networks on pages: measured once, stacked in a column as wide as a page's content (the
 * distance from one network's top to the next's is then what it takes on a page), and given to a page while
 * they fit; a network's margin after it is not needed at the foot of a page. The first goes on the page
 * before the run, after its text, when it does not start a page itself and fits there (tried in place).
 */
function stackBlocks(run, { before, frame, blank, newPage, content }) {
  const area = before.querySelector('.pagedjs_page_content').getBoundingClientRect();
  // The column is a page of its own whose content box is one long column instead of page-high columns, so
  // that everything a network inherits from its page is the same.
  const column = frame.cloneNode(true);
  before.parentNode.append(column);
  column.querySelector('.pagedjs_page_content').style.cssText =
    'columns: auto; height: auto; overflow: visible;';
  content(column).append(...run.sections);
  const boxes = run.sections.map((s) => s.getBoundingClientRect());
  column.remove();
  let page;
  let bottom = 0; // of the last network on the page, from the top of the page's content box
  let k = 0;
  if (!run.startsPage && !blank) {
    content(before).append(run.sections[0]);
    const box = run.sections[0].getBoundingClientRect();
    if (fitsPage(before, box)) {
      page = before;
      bottom = box.bottom - area.top;
      k = 1;
    } else run.sections[0].remove();
  }
  for (; k < run.sections.length; k++) {
    const height = boxes[k].height;
    const step = k > 0 ? boxes[k].bottom - boxes[k - 1].bottom : height;
    if (page && bottom + step <= area.height + 0.5) {
      bottom += step;
    } else {
      page = newPage();
      bottom = height;
    }
    content(page).append(run.sections[k]);
  }
}

/**
 * Whether what takes `used` (a bounding rectangle) fits the page. The page's content box is a column box:
 * what does not fit goes on to a next column, a page's width and more to the right (a line may stick out of
 * its box by a few pixels, which is no overflow).
 */
function fitsPage(page, used) {
  const box = page.querySelector('.pagedjs_page_content').getBoundingClientRect();
  return used.bottom <= box.bottom + 0.5 && used.right <= box.right + 100;
}

function runningStrings(page) {
  const names = [];
  for (let i = 0; i < page.style.length; i++) {
    const m = /^--pagedjs-string-last-(.+)$/.exec(page.style[i]);
    if (m) names.push(m[1]);
  }
  return names;
}

// Page references are filled in once every page exists, rather than with CSS target-counter(): Paged.js
// resolves each target-counter by walking all pages laid out so far and forcing a new layout, which made
// the render slow down with every page. The references hold a three-digit placeholder during layout, so
// the real number (at most three digits) never changes a line break.
function fillPageReferences() {
  const pageOf = new Map();
  for (const page of document.querySelectorAll('.pagedjs_page')) {
    const number = page.getAttribute('data-page-number');
    for (const el of page.querySelectorAll('[id]')) if (!pageOf.has(el.id)) pageOf.set(el.id, number);
  }
  for (const ref of document.querySelectorAll('.pagedjs_pages a.pageref')) {
    const target = ref.getAttribute('href').slice(1);
    const number = pageOf.get(target);
    if (number === undefined) throw new Error(`page reference to #${target}, which is on no page`);
    ref.setAttribute('data-page', number);
  }
  // The page of every element with an id of the report's own (ids holding a random UUID, Paged.js's and the
  // footnotes', left out, so pages.json is the same run to run): for the web edition's links into the PDF.
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
  return Object.fromEntries([...pageOf].filter(([id]) => !uuid.test(id)).map(([id, p]) => [id, Number(p)]));
}

// Paged.js names the elements it creates with random UUIDs; Chromium turns element ids into named
// destinations of the PDF, so they are renamed in document order to keep the PDF identical run to run.
function stableIds() {
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
  const renamed = new Map();
  let n = 0;
  for (const el of document.querySelectorAll('[id]')) {
    if (!uuid.test(el.id)) continue;
    n += 1;
    const id = `pagedjs-${n}`;
    renamed.set(el.id, id);
    el.id = id;
  }
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const target = renamed.get(a.getAttribute('href').slice(1));
    if (target) a.setAttribute('href', `#${target}`);
  }
}
