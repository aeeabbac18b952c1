// pdf-lib as the single module it ships (dist/), for pdfmeta.ts: the package's main module is CommonJS spread over
// some 300 files, which took node three to five times as long to load.
declare module 'pdf-lib/dist/pdf-lib.esm.min.js' {
  export * from 'pdf-lib';
}
