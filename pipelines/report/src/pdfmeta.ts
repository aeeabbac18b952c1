import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { EditionMeta } from './inputs.ts';

/**
 * Sets the document's metadata (title, author, subject, keywords, language) and fixes its dates to the
 * edition's publication date, so identical inputs give a byte-identical PDF.
 */
export async function finishPdf(path: string, edition: EditionMeta): Promise<void> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
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
  const id = PDFString.of(edition.serie.replace(/\s+/g, '-'));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  const bytes = await doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
  writeFileSync(path, bytes);
}
