/**
 * The sorting rule of step 2 (report sections 3.2–3.2.2 and 4.2), in one place.
 *
 * For every entity the analyst records an assessment (raw/<year>/criteria/initiativ.csv and bedomningar.csv):
 * whether it is active, has its own website, what kind of organisation it is, how each of the six criteria is
 * judged, and the meeting's decision (lista1, lista2 or bort) with its motivation. This file turns that into an
 * outcome and a reason:
 *
 *   1. A decision to keep it in list 2 puts it in list 2. Its type follows from geography: an organisation
 *      across a national border is a transnational network, any other a strategic network.
 *   2. Otherwise, an entity that passes every check below is in list 1 ("alla sex kriterier uppfyllda").
 *   3. Otherwise, a decision to include it anyway puts it in list 1 as an exception (undantag); the report
 *      lists these, with the criteria they do not meet.
 *   4. Otherwise it is rejected, with the first reason that fails, in this order:
 *        inaktiv → ingen egen webbplats → endast företagsnätverk → annan organisationstyp
 *        → kriterium 1…6 ej uppfyllt or delvis → aktivitet okänd → webbplats okänd → kriterium 1…6 okänt.
 *      What is known to fail comes before what is not known, so an unknown never hides a known reason.
 *
 * An entity without an assessment is "ej bedömd": the stage stops unless told to go on, and then it is
 * rejected with that reason (it is never kept or dropped silently).
 *
 * Where the recorded decision and the assessment contradict each other the rule does not guess: it returns
 * the contradiction (`contradictions`) and the stage refuses the input.
 *
 * Pure: no I/O, the same assessment always gives the same outcome.
 */

export const KRITERIER = [1, 2, 3, 4, 5, 6] as const;
export type Kriterium = (typeof KRITERIER)[number];

export const BEDOMNINGAR = ['uppfyllt', 'delvis', 'ej uppfyllt', 'okänt'] as const;
export type Bedomning = (typeof BEDOMNINGAR)[number];

export const JA_NEJ_OKANT = ['ja', 'nej', 'okänt'] as const;
export type JaNejOkant = (typeof JA_NEJ_OKANT)[number];

export const BESLUT = ['lista1', 'lista2', 'bort'] as const;
export type Beslut = (typeof BESLUT)[number];

/**
 * What kind of organisation an entity is. Only the first three can be kept; the others name why a candidate
 * is not a cluster initiative (3.1: "Ett exempel är företagsnätverk …"; 4.1: a paraplyorganisation).
 */
export const ORGANISATIONSTYPER = [
  'klusterinitiativ',
  'strategiskt nätverk',
  'transnationellt nätverk',
  'företagsnätverk',
  'branschorganisation',
  'paraplyorganisation',
  'projekt',
  'delverksamhet',
  'science park',
  'näringslivsfrämjare',
  'finansiär',
  'företag',
  'okänd',
] as const;
export type Organisationstyp = (typeof ORGANISATIONSTYPER)[number];

/** The outcomes of the ledger (the README's Words table: utfall). */
export type Utfall = 'list1' | 'list2-strategic' | 'list2-transnational' | 'rejected';

export type SkalKod =
  | 'alla-kriterier'
  | 'undantag'
  | 'strategiskt-natverk'
  | 'transnationellt-natverk'
  | 'inaktiv'
  | 'ingen-egen-webbplats'
  | 'foretagsnatverk'
  | 'annan-organisationstyp'
  | 'kriterium-ej-uppfyllt'
  | 'aktivitet-okand'
  | 'webbplats-okand'
  | 'kriterium-okant'
  | 'ej-bedomd';

export interface Bedomd {
  aktiv: JaNejOkant;
  inaktivSedan: number | null;
  egenWebbplats: JaNejOkant;
  organisationstyp: Organisationstyp;
  beslut: Beslut;
  motivering: string;
  kriterier: Record<Kriterium, Bedomning>;
  /** Foreign places in the entity's Geografiskt område (empty: wholly in Sweden, or no geography known). */
  utlandskaOrter: string[];
  /** Whether a Geografiskt område was available at all (a list-2 type cannot be decided without one). */
  geografiKand: boolean;
}

/** A failed check: its code, the Swedish text for the reports, and the criterion when there is one. */
export interface Skal {
  kod: SkalKod;
  text: string;
  kriterium?: Kriterium;
}

/** A contradiction between the decision and the assessment, and the field to correct. */
export interface Contradiction {
  falt: 'beslut' | 'beslut_motivering' | 'organisationstyp' | 'aktiv';
  text: string;
}

export interface Verdict {
  utfall: Utfall;
  /** Why: the rule that kept it, or the first reason that failed. */
  skal: Skal;
  /** For list-1 exceptions: every check it fails (criteria first as the report lists them). */
  undantag: Skal[] | null;
  contradictions: Contradiction[];
}

/** The reasons' wording, by key (criteria/skal.csv); placeholders in braces. */
export const SKAL_NYCKLAR = [
  'alla-kriterier',
  'undantag',
  'strategiskt-natverk',
  'transnationellt-natverk',
  'inaktiv',
  'inaktiv-sedan',
  'ingen-egen-webbplats',
  'foretagsnatverk',
  'annan-organisationstyp',
  'kriterium-delvis',
  'kriterium-ej-uppfyllt',
  'aktivitet-okand',
  'webbplats-okand',
  'kriterium-okant',
  'ej-bedomd',
] as const;
export type SkalNyckel = (typeof SKAL_NYCKLAR)[number];

/**
 * The Swedish of the reasons is content, not code: the templates of criteria/skal.csv and the criteria's names
 * in them (the column skalnamn of criteria/kriterier.csv). The rule stays a pure function of the assessment and
 * these texts.
 */
export interface Skaltexter {
  mallar: Record<SkalNyckel, string>;
  skalnamn: Record<Kriterium, string>;
}

function say(t: Skaltexter, nyckel: SkalNyckel, values: Record<string, string | number> = {}): string {
  return t.mallar[nyckel].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

const KEEPABLE: readonly Organisationstyp[] = [
  'klusterinitiativ',
  'strategiskt nätverk',
  'transnationellt nätverk',
];

/** Every check an assessment fails, known failures first, each group in the order of the rule. */
export function failedChecks(b: Bedomd, t: Skaltexter): Skal[] {
  const known: Skal[] = [];
  const unknown: Skal[] = [];
  if (b.aktiv === 'nej') {
    known.push({
      kod: 'inaktiv',
      text: b.inaktivSedan ? say(t, 'inaktiv-sedan', { ar: b.inaktivSedan }) : say(t, 'inaktiv'),
    });
  }
  if (b.egenWebbplats === 'nej')
    known.push({ kod: 'ingen-egen-webbplats', text: say(t, 'ingen-egen-webbplats') });
  if (b.organisationstyp === 'företagsnätverk') {
    known.push({ kod: 'foretagsnatverk', text: say(t, 'foretagsnatverk') });
  } else if (!KEEPABLE.includes(b.organisationstyp)) {
    known.push({
      kod: 'annan-organisationstyp',
      text: say(t, 'annan-organisationstyp', { organisationstyp: b.organisationstyp }),
    });
  }
  for (const k of KRITERIER) {
    const v = b.kriterier[k];
    if (v === 'ej uppfyllt' || v === 'delvis') {
      known.push({
        kod: 'kriterium-ej-uppfyllt',
        kriterium: k,
        text: say(t, v === 'delvis' ? 'kriterium-delvis' : 'kriterium-ej-uppfyllt', {
          kriterium: k,
          skalnamn: t.skalnamn[k],
        }),
      });
    }
  }
  if (b.aktiv === 'okänt') unknown.push({ kod: 'aktivitet-okand', text: say(t, 'aktivitet-okand') });
  if (b.egenWebbplats === 'okänt') unknown.push({ kod: 'webbplats-okand', text: say(t, 'webbplats-okand') });
  for (const k of KRITERIER) {
    if (b.kriterier[k] === 'okänt') {
      unknown.push({
        kod: 'kriterium-okant',
        kriterium: k,
        text: say(t, 'kriterium-okant', { kriterium: k, skalnamn: t.skalnamn[k] }),
      });
    }
  }
  return [...known, ...unknown];
}

/** Sorts one entity. `null` is an entity nobody has assessed. */
export function applyRule(b: Bedomd | null, t: Skaltexter): Verdict {
  if (b === null) {
    return {
      utfall: 'rejected',
      skal: { kod: 'ej-bedomd', text: say(t, 'ej-bedomd') },
      undantag: null,
      contradictions: [],
    };
  }
  const fails = failedChecks(b, t);
  const contradictions: Contradiction[] = [];
  const transnationell = b.utlandskaOrter.length > 0;

  // 1. List 2 is a decision; only its type is computed, from geography.
  if (b.beslut === 'lista2') {
    if (!b.geografiKand) {
      contradictions.push({
        falt: 'beslut',
        text: 'lista2 needs a Geografiskt område (a fact sheet) to tell a strategic from a transnational network',
      });
    }
    const wanted: Organisationstyp = transnationell ? 'transnationellt nätverk' : 'strategiskt nätverk';
    if (b.organisationstyp !== wanted) {
      contradictions.push({
        falt: 'organisationstyp',
        text: transnationell
          ? `${wanted}: the geography names a place abroad (${b.utlandskaOrter.join(', ')})`
          : `${wanted}: the geography names no place abroad`,
      });
    }
    if (!transnationell && fails.length === 0) {
      contradictions.push({
        falt: 'beslut',
        text: 'lista1, or a criterion that is not met: a strategic network that meets every criterion belongs in list 1 (3.2.2)',
      });
    }
    return {
      utfall: transnationell ? 'list2-transnational' : 'list2-strategic',
      skal: transnationell
        ? {
            kod: 'transnationellt-natverk',
            text: say(t, 'transnationellt-natverk', { orter: b.utlandskaOrter.join(', ') }),
          }
        : { kod: 'strategiskt-natverk', text: say(t, 'strategiskt-natverk') },
      undantag: null,
      contradictions,
    };
  }

  // 2. Everything met: list 1 by the rule.
  if (fails.length === 0) {
    if (b.beslut !== 'lista1') {
      contradictions.push({
        falt: 'beslut',
        text: 'lista1, or a criterion judged not met: the entity is active, has its own website and meets all six criteria',
      });
    }
    return {
      utfall: 'list1',
      skal: { kod: 'alla-kriterier', text: say(t, 'alla-kriterier') },
      undantag: null,
      contradictions,
    };
  }

  // 3. Included anyway: an exception, which the report lists with its motivation.
  if (b.beslut === 'lista1') {
    if (b.aktiv !== 'ja') {
      contradictions.push({ falt: 'aktiv', text: 'ja: an initiative in list 1 must be active' });
    }
    if (b.motivering.trim() === '') {
      contradictions.push({
        falt: 'beslut_motivering',
        text: `a motivation for including it although it fails: ${fails.map((f) => f.text).join('; ')}`,
      });
    }
    const criteria = fails.filter((f) => f.kriterium !== undefined);
    return {
      utfall: 'list1',
      skal: { kod: 'undantag', text: say(t, 'undantag', { skal: fails.map((f) => f.text).join('; ') }) },
      undantag: [...criteria, ...fails.filter((f) => f.kriterium === undefined)],
      contradictions,
    };
  }

  // 4. Rejected, with the first failing reason.
  return { utfall: 'rejected', skal: fails[0], undantag: null, contradictions };
}

/** Share of sub-indicators met among those judged (Diagram 1); null when none was judged. */
export function andel(uppfyllda: readonly number[], bedomda: readonly number[]): number | null {
  if (bedomda.length === 0) return null;
  return uppfyllda.length / bedomda.length;
}
