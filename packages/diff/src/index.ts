export { chapterFacts } from './chapter.ts';
export { diffEditions } from './diff.ts';
export { editionFromRows, readEditionOutputs } from './load.ts';
export { TYP_SV } from './swedish.ts';
export * from './types.ts';
export { summaryJson, writeDiff } from './write.ts';
