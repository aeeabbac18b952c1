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
export { applyOverride, type LanOverride } from './override.ts';
export { type GeoIndex, type GeoReference, geoIndex, NOT_PLACES } from './reference.ts';
export {
  type ForeignPlace,
  type GeoResolution,
  type GeoSource,
  type LanHit,
  resolveGeography,
} from './resolve.ts';
export { describeUnknown, jaroWinkler, type Suggestion, suggestNames } from './suggest.ts';
export { fold, type Part, splitPlaces } from './text.ts';
