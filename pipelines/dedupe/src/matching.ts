// The stage's matching as a public entry (package export "@kk/dedupe/matching"), for packages that must tell
// whether records of different origins are one initiative exactly as this stage would — the year-over-year
// diff matches entities across editions with it. It adds nothing: the model, SQL and thresholds are the stage's.
export { loadModel, type Model } from './model.ts';
export { type ResolveOptions, type ResolveResult, resolveEntities } from './resolve.ts';
