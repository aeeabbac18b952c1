// Swedish conventions: sv-SE numbers (space as thousands separator, decimal comma), Swedish sorting.
const collator = new Intl.Collator('sv');
export const compareSv = (a: string, b: string) => collator.compare(a, b);

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
export const formatInteger = (v: number) => integer.format(v);
export const formatDecimal = (v: number, digits = 1) =>
  new Intl.NumberFormat('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

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
