// Runs in the page before Paged.js loads. Paged.js does not start by itself: the renderer calls
// kkPaginate(), which resolves with the page count once every page is laid out.
// maxChars: how much text Paged.js places before it measures for overflow. Given explicitly, every page
// uses the same value (without settings it adapts per page, which measured a third slower here).
window.PagedConfig = { auto: false, settings: { maxChars: 3000 } };

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
    // Put back by placeFactSheets (after the fact sheets are measured, so that measuring them lays out only
    // their own pages).
    afterRendered() {
      parkedPages = this.parked;
    }
  }
  window.Paged.registerHandlers(RepeatTableHeaders, Progress, ParkFinishedPages);
  const runs = options.sheets === false ? [] : takeFactSheets();
  const flow = await window.PagedPolyfill.preview();
  const placed = placeFactSheets(runs);
  if (placed.overflow.length) return { pages: 0, overflow: placed.overflow };
  window.kkPageOf = fillPageReferences();
  stableIds();
  // Running heads and page numbers are page furniture, not content: kept out of the tagged PDF's
  // structure (which also makes printing quicker).
  for (const box of document.querySelectorAll('.pagedjs_margin')) box.setAttribute('aria-hidden', 'true');
  return { pages: flow.total + placed.added, overflow: [] };
};

// A fact sheet is one page (section.initiative, which starts a page). Paged.js would lay each of them out
// node by node, checking for overflow as it goes: on a report of many initiatives most of the layout time.
// So the fact sheets are taken out of the flow before Paged.js starts, a marker left where each run of them
// stood, and after layout each sheet gets a page of its own right after the marker's page: a copy of that
// page's frame (margins, running head, footnote area), numbered by the same CSS page counter. A run is taken
// out only where that gives the same pages as Paged.js would: no footnote in a sheet, and whatever follows
// the run starts a new page itself. A sheet longer than its page is reported (overflow), and the renderer
// lays out the whole report again the slow way, with the sheets in the flow (kkPaginate({ sheets: false })).
function takeFactSheets() {
  const runs = [];
  const forced = (el) =>
    ['page', 'left', 'right', 'recto', 'verso'].includes(getComputedStyle(el).breakBefore);
  // A break before an element's first child is a break before the element itself (CSS Fragmentation 3.1).
  const startsPage = (el) => {
    for (let e = el; e; e = e.firstElementChild) if (forced(e)) return true;
    return false;
  };
  for (const section of document.querySelectorAll('body > section.initiative')) {
    const previous = section.previousElementSibling;
    const run = runs.at(-1);
    if (run && previous === run.sections.at(-1)) run.sections.push(section);
    else runs.push({ sections: [section] });
  }
  const taken = runs.filter((run) => {
    const next = run.sections.at(-1).nextElementSibling;
    return (
      (!next || startsPage(next)) && run.sections.every((s) => startsPage(s) && !s.querySelector('.footnote'))
    );
  });
  taken.forEach((run, i) => {
    const marker = document.createElement('div');
    marker.className = 'kk-sheets';
    marker.dataset.run = String(i);
    run.sections[0].before(marker);
    for (const s of run.sections) s.remove();
  });
  return taken;
}

function placeFactSheets(runs) {
  const area = document.querySelector('.pagedjs_pages');
  const unpark = () => area.prepend(parkedPages);
  if (!runs.length) {
    unpark();
    return { added: 0, overflow: [] };
  }
  // The sheets' pages are made and measured in a box of their own, while the finished pages are still parked.
  const measuring = document.createElement('div');
  area.append(measuring);
  const made = runs.map((run, i) => {
    const marker =
      area.querySelector(`.kk-sheets[data-run="${i}"]`) ??
      parkedPages.querySelector(`.kk-sheets[data-run="${i}"]`);
    const before = marker.closest('.pagedjs_page');
    marker.remove();
    const frame = before.cloneNode(true);
    frame.className = 'pagedjs_page';
    frame.setAttribute('data-break-before', 'page');
    frame.querySelector('.pagedjs_page_content > div').replaceChildren();
    frame.querySelector('.pagedjs_footnote_inner_content')?.replaceChildren();
    frame.querySelector('.pagedjs_footnote_content')?.classList.add('pagedjs_footnote_empty');
    // The running head of a page that continues a chapter: the last value the page before ended with.
    for (const name of runningStrings(before)) {
      const last = before.style.getPropertyValue(`--pagedjs-string-last-${name}`);
      for (const which of ['first', 'last', 'start', 'first-except'])
        frame.style.setProperty(`--pagedjs-string-${which}-${name}`, last);
    }
    const pages = run.sections.map((section) => {
      const page = frame.cloneNode(true);
      page.querySelector('.pagedjs_page_content > div').append(section);
      measuring.append(page);
      return { page, section };
    });
    return { before, pages };
  });
  // One layout for all the sheets.
  const overflow = [];
  const range = document.createRange();
  for (const { page, section } of made.flatMap((m) => m.pages)) {
    const box = page.querySelector('.pagedjs_page_content').getBoundingClientRect();
    range.selectNodeContents(section);
    const used = range.getBoundingClientRect();
    // The page's content box is a column box: what does not fit goes on to a next column, a page's width and
    // more to the right (a line may stick out of its box by a few pixels, which is no overflow).
    if (used.bottom > box.bottom + 0.5 || used.right > box.right + 100) overflow.push(section.id);
  }
  if (overflow.length) return { added: 0, overflow };
  unpark();
  for (const { before, pages } of made) before.after(...pages.map((p) => p.page));
  measuring.remove();
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
  return { added: made.reduce((n, m) => n + m.pages.length, 0), overflow: [] };
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
