import { readFileSync, writeFileSync } from 'node:fs';
import type { PDFDocument, PDFObject, PDFString } from 'pdf-lib';
import type { EditionMeta } from './inputs.ts';
import { type PdfFacts, patchChromiumPdf } from './pdf-patch.ts';

let loading: Promise<typeof import('pdf-lib')> | undefined;
/**
 * pdf-lib, loaded once when first asked for (only for a PDF the patch does not know, pdf-patch.ts). From the
 * one-file module the package ships: its CommonJS main module, some 300 files, took 0.6 s to load where this takes
 * 0.12 s (at load average 9), on every run of the stage.
 */
const loadPdfLib = () => {
  loading ??= import('pdf-lib/dist/pdf-lib.esm.min.js');
  return loading;
};

/** What the finished report says of itself, from the edition's metadata. */
export function pdfFacts(edition: EditionMeta): PdfFacts {
  return {
    title: edition.titel,
    author: edition.forfattare,
    subject: edition.serie,
    keywords: edition.amnesord.join(' '),
    creator: 'Klusterkartan',
    producer: 'Klusterkartan (Chromium, Paged.js)',
    language: edition.sprak === 'sv' ? 'sv-SE' : edition.sprak,
    date: edition.utgivningsdatum,
    id: edition.serie.replace(/\s+/g, '-'),
  };
}

/**
 * Sets the document's metadata (title, author, subject, keywords, language) and fixes its dates to the
 * edition's publication date, so identical inputs give a byte-identical PDF: as a patch of Chromium's bytes
 * (pdf-patch.ts), or with pdf-lib when the file is of a shape the patch does not know.
 */
export async function finishPdf(path: string, edition: EditionMeta): Promise<void> {
  const facts = pdfFacts(edition);
  const bytes = readFileSync(path);
  writeFileSync(path, patchChromiumPdf(bytes, facts) ?? (await rewritePdf(bytes, facts)));
}

/** The finished PDF as pdf-lib writes it: every object parsed and written again. */
export async function rewritePdf(bytes: Uint8Array, facts: PdfFacts): Promise<Uint8Array> {
  const pdf = await loadPdfLib();
  const { PDFDocument, PDFName, PDFString } = pdf;
  // pdf-lib yields to the event loop (a setTimeout) every 100 objects it parses and every 50 it writes: with the
  // thousands of a tagged report that was half its time. Nothing else waits for this process meanwhile.
  const doc = await PDFDocument.load(bytes, {
    updateMetadata: false,
    parseSpeed: Number.POSITIVE_INFINITY,
  });
  const date = new Date(`${facts.date}T00:00:00Z`);
  doc.setTitle(facts.title, { showInWindowTitleBar: true });
  doc.setAuthor(facts.author);
  doc.setSubject(facts.subject);
  doc.setKeywords([facts.keywords]);
  doc.setCreator(facts.creator);
  doc.setProducer(facts.producer);
  doc.setLanguage(facts.language);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  renumberStructureIds(doc, pdf);
  const id = PDFString.of(facts.id);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
  });
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
