// Swedish conventions: sv-SE numbers rounded once, Swedish sorting, shared with the report and the browser app.
export {
  compareIds,
  compareSv,
  formatDecimal,
  formatInteger,
  formatPercent,
  roundDecimal,
} from '@kk/swedish';

/** What a missing or suppressed value shows: never a zero. */
export const MISSING = 'uppgift saknas';

export const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
export const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/** Search text folded for the filter: lower case, no accents, no spaces or punctuation ("Process IT" → "processit"). */
export function foldSearch(s: string): string {
  return s
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');
}
