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
  return flow.total;
};
