// Runs in the page before Paged.js loads. Paged.js does not start by itself: the renderer calls
// kkPaginate(), which resolves with the page count once every page is laid out.
window.PagedConfig = { auto: false };

window.kkPaginate = async () => {
  class RepeatTableHeaders extends window.Paged.Handler {
    // A table split over pages gets its header row again on the next page.
    afterPageLayout(pageElement, _page, _breakToken, chunker) {
      for (const table of pageElement.querySelectorAll('table[data-split-from]')) {
        const source = chunker.source.querySelector(`[data-ref="${table.dataset.ref}"]`);
        const head = source?.querySelector('thead');
        if (head && !table.querySelector('thead')) table.insertBefore(head.cloneNode(true), table.firstChild);
      }
    }
  }
  class Progress extends window.Paged.Handler {
    afterPageLayout(_pageElement, page) {
      if ((page.position + 1) % 10 === 0) console.log(`kk-progress ${page.position + 1}`);
    }
  }
  window.Paged.registerHandlers(RepeatTableHeaders, Progress);
  const flow = await window.PagedPolyfill.preview();
  stableIds();
  return flow.total;
};

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
