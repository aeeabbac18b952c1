// SYNTHETIC messy source lists for the matching benchmark: rows added to the 2009 lists the way new lists
// arrive, each with its truth. Nothing here is published data. Seeded and deterministic: the same seed and base
// give the same rows.
//
// Two kinds of row:
// - a variant of one of 2009's initiatives (truth: that initiative): a name as another list writes it (another
//   list's spelling, no diacritics, a typo, capitals, a legal form, an acronym beside the name, reordered
//   words), a web address with a sub-page or none, and only some of the contact details;
// - a new candidate placed next to an existing initiative (truth: an initiative of its own): the same office
//   (postal address, postcode and switchboard), the same umbrella host with another path, or the same contact
//   person, under a name and site of its own. These are the hard negatives a matcher must keep apart.

import { seededRandom } from './random.ts';

/** A record in the shape the dedupe matching reads (pipelines/dedupe/sql/normalise.sql). */
export interface MatchRecord {
  record_id: string;
  namn: string;
  webb: string | null;
  adress: string | null;
  postnummer: string | null;
  kontakt: string | null;
  telefon: string[];
  epost: string[];
  faktablad: boolean;
}

/** One initiative of the base edition: its fact sheet's record and the names its list rows use. */
export interface BaseInitiative {
  entity: string;
  sheet: MatchRecord;
  names: string[];
}

export interface MessyRow {
  record: MatchRecord;
  /** The true entity: a base initiative's id, or `ny-<seed>-<i>` for a new candidate. */
  entity: string;
  kind: string;
}

const UMBRELLA = ['ltu.se', 'umu.se', 'liu.se', 'chalmers.se', 'vgregion.se', 'skane.se'];
const PREFIX = [
  'Norrländska',
  'Västsvenska',
  'Mälardalens',
  'Sydsvenska',
  'Bergslagens',
  'Östgöta',
  'Kust',
  'Nordiska',
];
const CORE = [
  'Sensor',
  'Textil',
  'Vätgas',
  'Glasfiber',
  'Skogsteknik',
  'Spelutveckling',
  'Livsmedels',
  'Drönar',
];
const SUFFIX = ['kluster', 'forum', 'arena', 'nätverk', 'allians', 'center'];

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/æ/g, 'ae');

/** A transposition of two letters inside the longest word of six letters or more. */
function typo(s: string, r: () => number): string {
  const words = s.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best].length ? k : best), 0);
  const w = words[i];
  if (w.length < 6) return fold(s);
  const at = 2 + Math.floor(r() * (w.length - 4));
  words[i] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  return words.join(' ');
}

const slug = (s: string) =>
  fold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function nameVariant(b: BaseInitiative, r: () => number): [string, string] {
  const base = b.names[Math.floor(r() * b.names.length)] ?? b.sheet.namn;
  const words = base.split(' ');
  const core = base.replace(/\s*[(–-].*$/, '').trim();
  const coreWords = core.split(' ').filter((w) => w.length > 0);
  const city = (b.sheet.adress ?? '').match(/\d{3}\s?\d{2}\s+(\p{L}[\p{L}-]+)/u)?.[1];
  const host = b.sheet.epost[0]?.split('@')[1]?.split('.').slice(-2, -1)[0];
  const k = Math.floor(r() * 11);
  switch (k) {
    case 7: // an acronym of the words, as lists abbreviate (MMSS)
      return coreWords.length >= 3
        ? [coreWords.map((w) => w[0].toUpperCase()).join(''), 'akronym']
        : [fold(base), 'utan diakritiska tecken'];
    case 8: // shortened: the last word left out
      return coreWords.length >= 3 ? [coreWords.slice(0, -1).join(' '), 'förkortat'] : [base, 'annan lista'];
    case 9: // the host city added
      return city ? [`${core} ${city[0]}${city.slice(1).toLowerCase()}`, 'med ort'] : [base, 'annan lista'];
    case 10: // the organisation behind it, named by its e-mail domain (Processum for Framtidens Bioraffinaderi)
      return host && host.length >= 4 && !slug(base).includes(host)
        ? [`${host[0].toUpperCase()}${host.slice(1)}`, 'värdorganisationens namn']
        : [base, 'annan lista'];
    case 0:
      return [fold(base), 'utan diakritiska tecken'];
    case 1:
      return [typo(base, r), 'stavfel'];
    case 2:
      return [base.toUpperCase(), 'versaler'];
    case 3:
      return [`${base} AB`, 'bolagsform'];
    case 4:
      return [`${base} ek. för.`, 'föreningsform'];
    case 5:
      return words.length === 2 ? [`${words[1]} ${words[0]}`, 'omkastade ord'] : [base, 'annan lista'];
    default:
      return [base, 'annan lista'];
  }
}

function webVariant(webb: string | null, r: () => number): string | null {
  if (!webb) return null;
  const x = r();
  if (x < 0.15) return null;
  if (webb.includes('/')) return webb; // an umbrella host's page: the path is the identity
  if (x < 0.45) return `${webb}/${['om-oss', 'kontakt', 'index.html', 'sv/start'][Math.floor(r() * 4)]}`;
  return webb;
}

/**
 * `n` rows for `seed`: about three in four variants of base initiatives, the rest new candidates next to one.
 * Every variant keeps at least one identifying detail besides the name (a web address, phone or e-mail).
 */
export function messyRows(base: BaseInitiative[], n: number, seed: number): MessyRow[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: MessyRow[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const b = pick(base);
    const id = `messy-${seed}-${i}`;
    const s = b.sheet;
    if (r() < 0.75) {
      const [namn, how] = nameVariant(b, r);
      let webb = webVariant(s.webb, r);
      const keep = () => r() < 0.6;
      let telefon = keep() ? s.telefon : [];
      const epost = keep() ? s.epost : [];
      if (!webb && telefon.length === 0 && epost.length === 0) {
        webb = s.webb;
        telefon = s.telefon;
      }
      out.push({
        record: {
          record_id: id,
          namn,
          webb,
          adress: keep() ? s.adress : null,
          postnummer: keep() ? s.postnummer : null,
          kontakt: keep() ? s.kontakt : null,
          telefon,
          epost,
          faktablad: false,
        },
        entity: b.entity,
        kind: `variant: ${how}${webb?.includes('/') ? ', undersida' : ''}`,
      });
    } else {
      let namn = `${pick(PREFIX)} ${pick(CORE)}${pick(SUFFIX)}`;
      while (used.has(namn)) namn = `${pick(PREFIX)} ${pick(CORE)}${pick(SUFFIX)}`;
      used.add(namn);
      const own = `${slug(namn)}.se`;
      const k = Math.floor(r() * 3);
      const record: MatchRecord = {
        record_id: id,
        namn,
        webb: own,
        adress: null,
        postnummer: null,
        kontakt: null,
        telefon: [],
        epost: [],
        faktablad: false,
      };
      let kind: string;
      if (k === 0) {
        Object.assign(record, { adress: s.adress, postnummer: s.postnummer, telefon: s.telefon });
        kind = 'ny kandidat: samma kontor';
      } else if (k === 1) {
        record.webb = `${s.webb?.includes('/') ? s.webb.split('/')[0] : pick(UMBRELLA)}/${slug(namn)}`;
        kind = 'ny kandidat: samma paraplyvärd';
      } else {
        Object.assign(record, { kontakt: s.kontakt, epost: [`info@${own}`] });
        kind = 'ny kandidat: samma kontaktperson';
      }
      out.push({ record, entity: `ny-${seed}-${i}`, kind });
    }
  }
  return out;
}
