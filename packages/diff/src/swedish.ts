// Swedish labels and number formats shared by the HTML page and the report's chapter.

import { FACT_FIELDS } from '@kk/fields';
import type { ChangeType, EditionDiff } from './types.ts';

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const quotient = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const signedInteger = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signedQuotient = new Intl.NumberFormat('sv-SE', {
  minimumFractionDigits: 4,
  maximumFractionDigits: 4,
  signDisplay: 'exceptZero',
});

export const fmtInt = (n: number | null): string => (n === null ? '–' : integer.format(n));
export const fmtLq = (n: number | null): string => (n === null ? '–' : quotient.format(n));
export const fmtDiffInt = (a: number | null, b: number | null): string =>
  a === null || b === null ? '–' : signedInteger.format(b - a);
export const fmtDiffLq = (a: number | null, b: number | null): string =>
  a === null || b === null ? '–' : signedQuotient.format(Math.round((b - a) * 10_000) / 10_000);

export const TYP_SV: Record<ChangeType, string> = {
  tillagd: 'Tillagda initiativ',
  borttagen: 'Borttagna initiativ',
  namnbyte: 'Namnbyten',
  flyttad: 'Flyttade mellan listorna',
  faktaandring: 'Ändrade faktauppgifter',
  bedomningsandring: 'Ändrade bedömningar',
  sysselsattning: 'Sysselsättning och lokaliseringskvot',
  form: 'Källistor, kolumner och tabeller',
};

export const UTFALL_LABEL: Record<string, string> = {
  list1: 'lista 1',
  'list2-strategic': 'lista 2, strategiskt nätverk',
  'list2-transnational': 'lista 2, transnationellt nätverk',
  rejected: 'bortsorterad',
  '': 'ej bedömd',
};

export const placering = (utfall: string): string => UTFALL_LABEL[utfall] ?? utfall;

const FALT: Record<string, string> = {
  utfall: 'Placering',
  namn: 'Namn',
  entity_id: 'Id',
  entitet: 'Id',
  rubrik: 'Rubrik',
  placering: 'Placering',
  faktablad: 'Faktablad',
  ...Object.fromEntries(FACT_FIELDS),
  beslut: 'Beslut',
  organisationstyp: 'Organisationstyp',
  aktiv: 'Aktiv',
  inaktiv_sedan: 'Inaktiv sedan',
  egen_webbplats: 'Egen webbplats',
  undantag: 'Undantag',
  skal_kod: 'Skäl',
  ar: 'Statistikår',
  rams_grupp: 'Bransch (RAMS-grupp)',
  lan: 'Län (koder)',
  sysselsatta: 'Sysselsatta i sektorn',
  lq: 'Lokaliseringskvot',
  kallista: 'Källista',
  kolumn: 'Kolumn',
  tabell: 'Tabell',
};

const CRITERION_PART: Record<string, string> = {
  bedomning: 'bedömning',
  indikatorer_uppfyllda: 'uppfyllda underkategorier',
  indikatorer_bedomda: 'bedömda underkategorier',
  grund: 'grund',
};

/** A field of changes.csv as a person reads it: "Kontaktperson", "Kriterium 2: bedömning". */
export function faltLabel(falt: string): string {
  const m = /^kriterium_(\d+)\.(\w+)$/.exec(falt);
  if (m) return `Kriterium ${m[1]}: ${CRITERION_PART[m[2]] ?? m[2]}`;
  return FALT[falt] ?? falt;
}

/** A value of changes.csv as a person reads it: placements in words, multi-line cells on one line. */
export function valueLabel(falt: string, value: string): string {
  if (falt === 'utfall') return value === '' ? '–' : placering(value);
  if (falt === 'undantag') return value === 'true' ? 'ja' : value === 'false' ? 'nej' : value;
  if (value === '') return '–';
  if (falt === 'sysselsatta' && /^-?\d+$/.test(value)) return fmtInt(Number(value));
  if (falt === 'lq' && /^-?[\d.]+$/.test(value)) return fmtLq(Number(value));
  return value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ')
    .replace(/,\s*,/g, ',');
}

/** "1 initiativ", "3 initiativ"; "ett nätverk" reads worse in tables than the figure. */
export const antal = (n: number, singular: string, plural: string): string =>
  `${fmtInt(n)} ${n === 1 ? singular : plural}`;

/**
 * Column labels for the employment figures of A and B: their statistics years when each has one and they differ
 * (an edition's figures are for the year before it), else the editions' labels.
 */
export function statisticsLabels(d: EditionDiff): [string, string] {
  const [ya] = d.a.statistikar;
  const [yb] = d.b.statistikar;
  if (d.a.statistikar.length === 1 && d.b.statistikar.length === 1 && ya !== yb)
    return [String(ya), String(yb)];
  return [`utg. ${d.a.label}`, `utg. ${d.b.label}`];
}
