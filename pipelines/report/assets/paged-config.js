// Runs in the page before Paged.js loads. Paged.js does not start by itself: the renderer calls
// kkPaginate(), which resolves with the page count once every page is laid out.
// maxChars: how much text Paged.js places before it measures for overflow. Given explicitly, every page
// uses the same value (without settings it adapts per page, which measured a third slower here).
window.PagedConfig = { auto: false, settings: { maxChars: 3000 } };

window.kkPaginate = async () => {
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
    afterRendered(_pages, chunker) {
      chunker.pagesArea.prepend(this.parked);
    }
  }
  window.Paged.registerHandlers(RepeatTableHeaders, Progress, ParkFinishedPages);
  const flow = await window.PagedPolyfill.preview();
  window.kkPageOf = fillPageReferences();
  stableIds();
  // Running heads and page numbers are page furniture, not content: kept out of the tagged PDF's
  // structure (which also makes printing quicker).
  for (const box of document.querySelectorAll('.pagedjs_margin')) box.setAttribute('aria-hidden', 'true');
  return flow.total;
};

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
