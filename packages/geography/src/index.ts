/**
 * @kk/geography — where an initiative works: its "Geografiskt område" text resolved to län (counties),
 * through county names, kommun names and the gazetteer, plus the foreign places it names.
 *
 * - `resolveGeography(text, ref)` → `{ lan, hits, foreign, unknown, ignored }` (pure)
 * - `applyOverride(resolution, override)` → the counties to use for a vague text, or why the override is refused
 * - `describeUnknown(unknown, ref)` / `suggestNames(word, ref)` → close matches for an error message
 *
 * `ref` is the stage-1 reference tables (`GeoReference`); pass the same object repeatedly and its index is
 * built once.
 */
export { applyOverride } from './override.ts';
export { type GeoReference, geoIndex } from './reference.ts';
export { type GeoResolution, type GeoSource, resolveGeography } from './resolve.ts';
export { describeUnknown, jaroWinkler, suggestNames } from './suggest.ts';
export { fold, splitPlaces } from './text.ts';
