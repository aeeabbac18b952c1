// Normalisations that keep the original beside the parsed value: the raw text is never replaced.

/** A web address reduced to host + path: no scheme, no www., lower-case host, no trailing slash. */
export function canonicalWeb(raw: string): { canonical: string; host: string; path: string } | undefined {
  let s = raw.trim();
  if (s === '') return undefined;
  s = s.replace(/\s+/g, '');
  s = s.replace(/^[a-z]+:\/\//i, '');
  const slash = s.search(/[/?#]/);
  const hostPart = (slash < 0 ? s : s.slice(0, slash))
    .toLowerCase()
    .replace(/^www\d?\./, '')
    .replace(/\.$/, '');
  let path = slash < 0 ? '' : s.slice(slash);
  path = path.replace(/#.*$/, '').replace(/\/+$/, '');
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(hostPart)) return undefined;
  return { canonical: hostPart + path, host: hostPart, path };
}

/** Phone numbers in a text, as national digit strings (+46 and a following (0) become 0). */
export function phoneNumbers(text: string): string[] {
  const out: string[] = [];
  const matches = text.match(/\+?\s?\d[\d\s\-–()]{5,}\d/g) ?? [];
  for (const m of matches) {
    let s = m.replace(/\(0\)/g, '');
    s = s.replace(/[^\d+]/g, '');
    if (s.startsWith('+46')) s = `0${s.slice(3)}`;
    else if (s.startsWith('+')) s = s.slice(1);
    else if (s.startsWith('46') && s.length >= 10) s = `0${s.slice(2)}`;
    s = s.replace(/^00/, '0');
    const digits = s.replace(/\D/g, '');
    if (digits.length >= 7 && digits.length <= 13) out.push(digits);
  }
  return [...new Set(out)];
}

/**
 * The digits of a cell that holds a whole number as a spreadsheet leaves it: `52219932`, `52219932.0` (a CSV
 * written from such a sheet) or `5.2219932E7`; undefined for anything else (text with a hyphen, a space, a +).
 */
export function numberCell(raw: string): string | undefined {
  const s = raw.trim();
  const plain = /^(\d+)(?:\.0+)?$/.exec(s);
  if (plain) return plain[1];
  if (/^\d(?:\.\d+)?[eE]\+?\d{1,2}$/.test(s)) {
    const n = Number(s);
    if (Number.isSafeInteger(n)) return String(n);
  }
  return undefined;
}

/** Swedish mobile prefixes after the trunk 0 (070, 072, 073, 076, 079). */
const MOBILE = /^7[02369]/;

/**
 * A phone number that a spreadsheet stored as a number and so lost its trunk 0 (`0522-19932` → 52219932), given
 * back its 0 (`052219932`); undefined when the digits cannot be such a number. A Swedish national number has 7–9
 * digits after the 0 and never a 0 right after it (the area code is 1–3 digits: 8 Stockholm, 31 Göteborg,
 * 522 Uddevalla); a number beginning with 7 is a mobile (70, 72, 73, 76, 79) with 9 digits. Anything shorter
 * (a postcode, a year), longer (an organisation number; 46 and 10 digits or more is +46 without its +, which
 * phoneNumbers reads) or beginning otherwise is left as it is.
 */
export function trunkZeroLost(digits: string): string | undefined {
  if (!/^[1-9]\d{6,8}$/.test(digits)) return undefined;
  if (digits.startsWith('7') && !(digits.length === 9 && MOBILE.test(digits))) return undefined;
  return `0${digits}`;
}

/** A postcode that a spreadsheet stored as a number (41296, 41296.0), written as a postcode: `412 96`. */
export function postcodeFromNumber(raw: string): string | undefined {
  const digits = numberCell(raw);
  if (!digits || !/^[1-9]\d{4}$/.test(digits)) return undefined;
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** E-mail addresses in a text, lower-cased; tolerates "name @ host" and "name [at] host". */
export function emails(text: string): string[] {
  const s = text.replace(/\s*\[at\]\s*/gi, '@').replace(/\s+@\s+/g, '@');
  const found = s.match(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu) ?? [];
  return [...new Set(found.map((e) => e.toLowerCase().replace(/[.,;]+$/, '')))];
}

/** Swedish postcodes (five digits, "123 45") followed by a place name. */
export function postcodes(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[^\d])(?:SE-?\s?|S-)?(\d{3}) ?(\d{2})\s+(?=[\p{Lu}\p{Ll}])/gu;
  for (const m of text.matchAll(re)) out.push(`${m[1]}${m[2]}`);
  return [...new Set(out)];
}

export interface MemberCount {
  approx: boolean;
  min: number | null;
  max: number | null;
  /** Set when the text could not be read as a count. */
  problem?: string;
}

/** "Ca 30", "Minst 10", "10-15", "Ca 255 (Sverige, Danmark)", "30" → {approx, min, max}. */
export function memberCount(raw: string): MemberCount {
  const s = raw.trim();
  if (s === '') return { approx: false, min: null, max: null };
  const approx = /^(ca\.?|cirka|omkring|ungefär|ett)\s/i.test(s) || /-tal\b/i.test(s);
  const range = /(\d[\d\s]*)\s*[-–]\s*(\d[\d\s]*)/.exec(s);
  if (range) {
    return { approx, min: toInt(range[1]), max: toInt(range[2]) };
  }
  const atLeast = /^(minst|över|mer än)\s+(\d[\d\s]*)/i.exec(s);
  if (atLeast) return { approx, min: toInt(atLeast[2]), max: null };
  const single = /(\d[\d\s]*)/.exec(s);
  if (single) {
    const n = toInt(single[1]);
    return { approx, min: n, max: n };
  }
  return { approx: false, min: null, max: null, problem: `not a count: ${JSON.stringify(s)}` };
}

function toInt(s: string): number {
  return Number(s.replace(/\s/g, ''));
}

/** "2002", "Från 2004", "2005 " → 2002 … ; a year outside 1800..edition year is a problem. */
export function startYear(raw: string, editionYear: number): { year: number | null; problem?: string } {
  const s = raw.trim();
  if (s === '') return { year: null };
  const m = /^(?:från|sedan|år)?\s*(\d{4})$/i.exec(s);
  if (!m) return { year: null, problem: `not a year: ${JSON.stringify(s)}` };
  const y = Number(m[1]);
  if (y < 1800 || y > editionYear) {
    return { year: null, problem: `year ${y} is outside 1800–${editionYear}` };
  }
  return { year: y };
}

const TITLE_WORDS = new Set(
  [
    'vd',
    'ceo',
    'ordförande',
    'chairman',
    'director',
    'managing',
    'executive',
    'manager',
    'project',
    'projektledare',
    'processledare',
    'klusterledare',
    'klustercoach',
    'verksamhetschef',
    'verksamhetsansvarig',
    'verksamhetsledare',
    'platschef',
    'programdirektör',
    'samordnare',
    'business',
    'development',
    'management',
    'and',
    'strategic',
    'cluster',
    'competence',
    'developer',
    'head',
    'of',
    'finances',
    'coordinator',
    'affärsområdeschef',
    'tillförordnad',
    'verkställande',
    'tjänsteman',
    'project',
    'leader',
    'kansli',
    'tel',
    'telefon',
    'mobil',
    'phone',
    'e-post',
    'email',
    'university',
  ].map((w) => w.toLowerCase()),
);

/** The person's name in a contact cell ("Johan Hedlin, Managing Director" → "Johan Hedlin"). */
export function contactName(raw: string): string {
  const segments = raw
    .replace(/\(.*?\)/g, ',')
    .replace(/\S+@\S+/g, ',')
    .split(/[,\n:;/]| [-–] |\. /)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const seg of segments) {
    const words = seg.split(/\s+/).filter((w) => !/\d/.test(w));
    const name = words.filter((w) => !TITLE_WORDS.has(w.toLowerCase().replace(/[.:]$/, '')));
    if (
      name.length >= 2 &&
      name.length <= 4 &&
      name.every((w) => /^\p{Lu}[\p{L}'-]*\.?$/u.test(w) || /^[A-ZÅÄÖ]{1,3}$/.test(w))
    ) {
      if (name.length === words.length || words.length - name.length <= 2) return name.join(' ');
    }
  }
  return '';
}
