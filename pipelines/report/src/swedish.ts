// Swedish conventions of the report: sv-SE numbers, Swedish sorting, lists and number words.

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal2 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const collator = new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true });

/** 4406789 → "4 406 789" (with a no-break space, as sv-SE prints it). */
export function formatInteger(n: number): string {
  return integer.format(n);
}

/** 1.834 → "1,8". */
export function formatDecimal(n: number, digits: 1 | 2 = 1): string {
  return (digits === 1 ? decimal1 : decimal2).format(n);
}

/** A signed change in per cent: 0.034 → "+3,4 %". */
export function formatChange(ratio: number): string {
  const s = decimal1.format(ratio * 100);
  return `${ratio > 0 ? '+' : ''}${s}\u00a0%`;
}

/** Compares as Swedish does: å, ä, ö after z. */
export function compareSv(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortSv<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => compareSv(key(a), key(b)));
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
