// Swedish conventions shared by the report (PDF and HTML), the web edition and its browser app: sv-SE numbers,
// Swedish collation and the ASCII slug. Every figure a reader sees is rounded here, once, from the value as it
// is stored. No Node imports: the browser bundle includes this file.
//
// Rounding is half away from zero on the decimal value of a number (the shortest decimal that reads back as the
// same double, as String(x) prints it): 1.005 → "1,01", although the double nearest 1.005 is a little below it.
// A value computed as one correctly rounded division of integers (the employment stage's LQ and shares) thus
// prints as the exact fraction rounded half up. The digits are made here rather than by Intl.NumberFormat, so the
// browser's ICU and Node's cannot disagree: sv-SE groups thousands with a no-break space (U+00A0), writes a
// decimal comma and a minus sign (U+2212).

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** x rounded half away from zero to `digits` decimals after moving the decimal point `shift` places right. */
function roundedUnits(x: number, digits: number, shift: number): bigint {
  // toExponential() without an argument gives as many digits as needed to tell the double apart: the shortest.
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const figures = mantissa.replace('.', '');
  // The value is 0.figures × 10^point; scaled by 10^(digits+shift), `keep` figures lie before the point.
  const keep = Number(exp) + 1 + digits + shift;
  if (keep < 0) return 0n;
  const whole = keep === 0 ? 0n : BigInt(figures.slice(0, keep).padEnd(keep, '0'));
  return (figures[keep] ?? '0') >= '5' ? whole + 1n : whole;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

function format(x: number, digits: number, shift: number): string {
  if (Number.isNaN(x)) return 'NaN';
  const negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) return `${negative ? MINUS : ''}∞`;
  const units = roundedUnits(x, digits, shift)
    .toString()
    .padStart(digits + 1, '0');
  const whole = groupThousands(units.slice(0, units.length - digits));
  const text = digits > 0 ? `${whole},${units.slice(units.length - digits)}` : whole;
  return negative ? `${MINUS}${text}` : text;
}

/** 4406789 → "4 406 789" (no-break spaces); a fraction is rounded half away from zero (2,5 → "3"). */
export function formatInteger(n: number): string {
  return format(n, 0, 0);
}

/** 1.834 → "1,8"; 1.005 with 2 digits → "1,01". */
export function formatDecimal(n: number, digits: 0 | 1 | 2 = 1): string {
  return format(n, digits, 0);
}

/** A share (0–1) as a per cent number without the sign: 0.12345 → "12,3" (1 digit); rounded once, as a decimal. */
export function formatPercent(share: number, digits: 0 | 1 | 2 = 1): string {
  return format(share, digits, 2);
}

/**
 * The value a printed figure stands for: x rounded as formatDecimal rounds it, as a number (1.0049 → 1, 1.005 →
 * 1.01). For comparisons a reader can check against the printed figure (a class of the map, "LQ minst 1,25").
 */
export function roundDecimal(x: number, digits: 0 | 1 | 2): number {
  if (!Number.isFinite(x)) return x;
  const units = Number(roundedUnits(x, digits, 0)) / 10 ** digits;
  return x < 0 ? -units : units;
}

const collator = new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true });

/** Compares as Swedish does: å, ä, ö after z; case and accents alike; numbers by value ("2" before "10"). */
export function compareSv(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Compares ids, codes and anchors character by character: they are not words, and no locale orders them. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy sorted in Swedish order by a key. */
export function sortSv<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => compareSv(key(a), key(b)));
}

/** An ASCII slug: å/ä→a, ö/ø→o, æ→ae, lower case, other characters → single '-'. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
