export { CHAPTER_TITLE, type ChangesChapter, chapterOf } from './chapter.ts';
export { type DiffOptions, diffEditions } from './diff.ts';
export { diffHtml } from './html.ts';
export { editionFromRows, editionFromSql, type LoadOptions, readEditionOutputs, TABLES } from './load.ts';
export { findRenames, type Rename } from './renames.ts';
export { faltLabel, placering, TYP_SV, UTFALL_LABEL, valueLabel } from './swedish.ts';
export * from './types.ts';
export { changesCsv, type DiffFiles, summaryJson, writeDiff } from './write.ts';
