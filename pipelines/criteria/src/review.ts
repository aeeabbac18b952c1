import type { Entity, ReviewFactsheet } from './upstream.ts';

/** What the source lists say about an entity (sql/kandidater.sql). */
export interface Kandidatuppgifter {
  entity_id: string;
  rader: number;
  kallor: string | null;
  namn_i_kallor: string | null;
  webb: string | null;
  region: string | null;
  sektor: string | null;
  anmarkning: string | null;
  grund: string | null;
}

/** One row of att-bedöma.csv: what is known, hints, and the columns of initiativ.csv left to fill in. */
export interface Granskningsrad {
  entity_id: string;
  namn: string;
  factsheet_id: string;
  kallor: string;
  rader: number;
  internetadress: string;
  geografiskt_omrade: string;
  typ_av_sektor: string;
  antal_medlemsforetag: string;
  finansiarer: string;
  forskning: string;
  kontaktperson: string;
  kallornas_uppgifter: string;
  ledtradar: string;
  aktiv: string;
  inaktiv_sedan: string;
  egen_webbplats: string;
  organisationstyp: string;
  beslut: string;
  beslut_motivering: string;
  steg: string;
  /** Entities this one may be a duplicate of (src/duplicates.ts), the evidence, the lines for beslut.csv. */
  mojlig_dubblett: string;
  belagg_dubblett: string;
  rad_for_beslut: string;
}

export const GRANSKNING_KOLUMNER: (keyof Granskningsrad)[] = [
  'entity_id',
  'namn',
  'factsheet_id',
  'kallor',
  'rader',
  'internetadress',
  'geografiskt_omrade',
  'typ_av_sektor',
  'antal_medlemsforetag',
  'finansiarer',
  'forskning',
  'kontaktperson',
  'kallornas_uppgifter',
  'ledtradar',
  'aktiv',
  'inaktiv_sedan',
  'egen_webbplats',
  'organisationstyp',
  'beslut',
  'beslut_motivering',
  'steg',
  'mojlig_dubblett',
  'belagg_dubblett',
  'rad_for_beslut',
];

const OPERATIVE =
  /processledare|klusterledare|klustercoach|verksamhetschef|verksamhetsansvarig|projektledare|samordnare|\bvd\b|director|manager|ceo|coordinator|programdirektör|platschef|verkställande/i;

/**
 * Hints that point the analyst to the sub-indicators a fact sheet can show (section 4.2) and to the
 * checks of step 1 (3.1); they never decide anything.
 */
export function ledtradar(
  fs: ReviewFactsheet | undefined,
  k: Kandidatuppgifter | undefined,
  utlandska: string[],
): string[] {
  const h: string[] = [];
  if (!fs) {
    h.push('inget faktablad: bedöm utifrån källistornas uppgifter, eller skriv ett faktablad först');
    if (!k?.webb) h.push('ingen webbadress i källistorna: egen_webbplats? (3.1: det första kriteriet)');
    return h;
  }
  if (!fs.internetadress) h.push('Internetadress saknas: egen_webbplats? (3.1)');
  else if (/[/?]./.test(fs.internetadress.replace(/^https?:\/\//, '').replace(/\/$/, ''))) {
    h.push(`Internetadress ${fs.internetadress} är en sida, inte en egen domän: egen_webbplats?`);
  }
  if (fs.kontaktperson && OPERATIVE.test(fs.kontaktperson)) h.push('Kontaktperson med operativ roll: 1.2');
  if (fs.antal_medlemsforetag) h.push(`Antal medlemsföretag ${fs.antal_medlemsforetag}: 1.5`);
  if (fs.forskning) h.push(`Forskning ${fs.forskning}: 3.2`);
  else h.push('Forskning saknas: kriterium 3 kan behöva ett undantag om initiativet ändå tas med');
  if (fs.finansiarer) h.push(`Finansiärer ${fs.finansiarer}: 5.1 om regional eller kommunal`);
  if (utlandska.length > 0) {
    h.push(`utländsk ort i Geografiskt område (${utlandska.join(', ')}): transnationellt nätverk om lista 2`);
  }
  return h;
}

export function granskningsrad(
  e: Entity,
  fs: ReviewFactsheet | undefined,
  k: Kandidatuppgifter | undefined,
  utlandska: string[],
): Granskningsrad {
  const kallorna = [
    k?.namn_i_kallor && `namn: ${k.namn_i_kallor}`,
    k?.webb && `webb: ${k.webb}`,
    k?.region && `region: ${k.region}`,
    k?.sektor && `sektor: ${k.sektor}`,
    k?.anmarkning && `anmärkning: ${k.anmarkning}`,
    k?.grund && `grund: ${k.grund}`,
  ].filter(Boolean);
  return {
    entity_id: e.entity_id,
    namn: fs?.tabellnamn || e.namn,
    factsheet_id: e.factsheet_id ?? '',
    kallor: k?.kallor ?? '',
    rader: Number(k?.rader ?? 0),
    internetadress: fs?.internetadress ?? '',
    geografiskt_omrade: fs?.geografiskt_omrade ?? '',
    typ_av_sektor: fs?.typ_av_sektor ?? '',
    antal_medlemsforetag: fs?.antal_medlemsforetag ?? '',
    finansiarer: fs?.finansiarer ?? '',
    forskning: fs?.forskning ?? '',
    kontaktperson: fs?.kontaktperson ?? '',
    kallornas_uppgifter: kallorna.join(' | '),
    ledtradar: ledtradar(fs, k, utlandska).join(' | '),
    aktiv: '',
    inaktiv_sedan: '',
    egen_webbplats: '',
    organisationstyp: '',
    beslut: '',
    beslut_motivering: '',
    steg: '',
    mojlig_dubblett: '',
    belagg_dubblett: '',
    rad_for_beslut: '',
  };
}
