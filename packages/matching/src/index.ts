// The matching of records into initiatives, shared by the dedupe stage (one entity per initiative in an
// edition) and the comparison of editions (packages/diff: the same initiative across two editions): the model,
// its SQL (normalise, block, score) and the guarded clustering.
export { ConstraintConflict } from './cluster.ts';
export { loadModel, type Model, modelSqlParams } from './model.ts';
export { resolveEntities, scoreNearPairs, scorePairs } from './resolve.ts';
