// Swedish conventions of the report: sv-SE numbers and Swedish sorting (from @kk/swedish), lists and number words.

import { formatInteger, formatPercent } from '@kk/swedish';

// Numbers, collation and the slug are shared with the web edition (packages/swedish): one rounding everywhere.
export { compareIds, compareSv, formatDecimal, formatInteger, formatPercent, sortSv } from '@kk/swedish';

/** A signed change in per cent: 0.034 → "+3,4 %". */
export function formatChange(ratio: number): string {
  return `${ratio > 0 ? '+' : ''}${formatPercent(ratio, 1)}\u00a0%`;
}

/** ["A"] → "A"; ["A","B"] → "A och B"; ["A","B","C"] → "A, B och C". */
export function joinSv(items: string[], conjunction = 'och'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const WORDS = [
  'noll',
  'ett',
  'två',
  'tre',
  'fyra',
  'fem',
  'sex',
  'sju',
  'åtta',
  'nio',
  'tio',
  'elva',
  'tolv',
];

/** Numbers up to twelve in words, as the report writes them in running text ("sju", "fyra"); larger as digits. */
export function numberWord(n: number): string {
  return n >= 0 && n < WORDS.length ? WORDS[n] : formatInteger(n);
}

/** Capitalises the first letter (for a word starting a sentence). */
export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);
}
