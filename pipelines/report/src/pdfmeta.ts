import { readFileSync, writeFileSync } from 'node:fs';
import type { PDFDocument, PDFObject, PDFString } from 'pdf-lib';
import type { EditionMeta } from './inputs.ts';

let loading: Promise<typeof import('pdf-lib')> | undefined;
/**
 * pdf-lib, loaded once when first asked for (the stage asks while Chromium prints, not at its start). From the
 * one-file module the package ships: its CommonJS main module, some 300 files, took 0.6 s to load where this takes
 * 0.12 s (at load average 9), on every run of the stage.
 */
export const loadPdfLib = () => {
  loading ??= import('pdf-lib/dist/pdf-lib.esm.min.js');
  return loading;
};

/**
 * Sets the document's metadata (title, author, subject, keywords, language) and fixes its dates to the
 * edition's publication date, so identical inputs give a byte-identical PDF.
 */
export async function finishPdf(path: string, edition: EditionMeta): Promise<void> {
  const pdf = await loadPdfLib();
  const { PDFDocument, PDFName, PDFString } = pdf;
  // pdf-lib yields to the event loop (a setTimeout) every 100 objects it parses and every 50 it writes: with the
  // thousands of a tagged report that was half its time. Nothing else waits for this process meanwhile.
  const doc = await PDFDocument.load(readFileSync(path), {
    updateMetadata: false,
    parseSpeed: Number.POSITIVE_INFINITY,
  });
  const date = new Date(`${edition.utgivningsdatum}T00:00:00Z`);
  doc.setTitle(edition.titel, { showInWindowTitleBar: true });
  doc.setAuthor(edition.forfattare);
  doc.setSubject(edition.serie);
  doc.setKeywords(edition.amnesord);
  doc.setCreator('Klusterkartan');
  doc.setProducer('Klusterkartan (Chromium, Paged.js, pdf-lib)');
  doc.setLanguage(edition.sprak === 'sv' ? 'sv-SE' : edition.sprak);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  renumberStructureIds(doc, pdf);
  const id = PDFString.of(edition.serie.replace(/\s+/g, '-'));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  const bytes = await doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
  });
  writeFileSync(path, bytes);
}

const NODE_ID = /^node(\d{8})$/;

/**
 * Chromium names the tagged PDF's structure elements after its internal DOM node numbers (`node00001765`,
 * used by table cells' /Headers and the /IDTree). Those numbers are handed out as the renderer asks for
 * them, and an unrelated request can shift them all by one between two runs. They are replaced by their
 * rank: the same order (so the /IDTree stays sorted), the same references, the same bytes every run.
 */
function renumberStructureIds(doc: PDFDocument, pdf: typeof import('pdf-lib')): void {
  const { PDFArray, PDFDict, PDFString } = pdf;
  const found: PDFString[] = [];
  const seen = new Set<PDFObject>();
  const visit = (obj: PDFObject | undefined): void => {
    if (!obj || seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFString) {
      if (NODE_ID.test(obj.asString())) found.push(obj);
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) visit(obj.get(i));
    } else if (obj instanceof PDFDict) {
      for (const value of obj.values()) visit(value);
    }
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj);
  const numbers = [...new Set(found.map((s) => s.asString()))].sort();
  const rank = new Map(numbers.map((n, i) => [n, `node${String(i + 1).padStart(8, '0')}`]));
  // PDFString has no setter: its text is replaced in place so that every holder keeps the same object.
  for (const s of found) (s as unknown as { value: string }).value = rank.get(s.asString()) ?? s.asString();
}
