// The matching of records into initiatives, shared by the dedupe stage (one entity per initiative in an
// edition) and the comparison of editions (packages/diff: the same initiative across two editions): the model,
// its SQL (normalise, block, score) and the guarded clustering.
export {
  ConstraintConflict,
  components,
  type Edges,
  guardedClusters,
  type Rejected,
  type RejectReason,
} from './cluster.ts';
export { type Estimation, type EstimationRecord, estimateModel } from './estimate.ts';
export { loadModel, MODEL_PATH, type Model, modelSqlParams, SQL_DIR } from './model.ts';
export {
  type ResolveOptions,
  type ResolveResult,
  resolveEntities,
  scoreNearPairs,
  scorePairs,
} from './resolve.ts';
