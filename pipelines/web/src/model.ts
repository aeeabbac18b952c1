// The site's data, built once from the inputs: one row per initiative (the compact table the browser filters
// with arquero) and one summary per län.
import { FACT_FIELDS } from '@kk/fields';
import { type Kind, placeInitiative } from '@kk/map';
import { ownProfile } from '@kk/survey/profile';
import {
  compareIds,
  compareSv,
  foldSearch,
  formatDecimal,
  formatInteger,
  formatPercent,
  MISSING,
  num,
  roundDecimal,
  str,
} from './format.ts';
import type { SiteInputs } from './load.ts';

export const KIND_TEXT: Record<Kind, string> = {
  lista1: 'Lista 1',
  strategiskt: 'Lista 2, strategiskt nätverk',
  transnationellt: 'Lista 2, transnationellt nätverk',
};

/** One initiative as the browser's table holds it (short keys: the table is embedded in the start page). */
export interface Initiative {
  id: string;
  namn: string;
  typ: Kind;
  ordning: number;
  lan: string[];
  lanText: string;
  kategori: string;
  sektor: string;
  kommun: string;
  lon: number | null;
  lat: number | null;
  sida: number | null;
  sok: string;
}

export interface InitiativeDetail extends Initiative {
  rubrik: string;
  fakta: { label: string; value: string }[];
  webb: string;
  beskrivning: string;
  placering: string;
  kriterier: { nr: number; rubrik: string; andel: number | null; procent: string; bedomning: string }[];
  /** The initiative's own profile and words from the survey; absent (not in the page's data) when it did not answer. */
  egen?: {
    axes: string[];
    profil: (number | null)[];
    analytiker: (number | null)[];
    hur: { nr: number; rubrik: string; text: string }[];
  };
  sysselsattning: {
    lan: string;
    bransch: string;
    sysselsatta: string;
    andel: string;
    lq: string;
    ar: number;
  }[];
  rams: string;
}

export interface SectorRow {
  rams: string;
  bransch: string;
  sysselsatta: string;
  andel: string;
  andelValue: number | null;
  lq: string;
  lqValue: number | null;
  initiativ: number;
  specialiserad: boolean;
}

export interface LanSummary {
  kod: string;
  namn: string;
  kort: string;
  initiativ: Initiative[];
  antal: Record<Kind, number>;
  ar: number | null;
  sektorer: SectorRow[];
  specialiseradUtanInitiativ: SectorRow[];
  utanSpecialisering: { initiativ: Initiative; bransch: string; lq: string }[];
}

export interface SiteModel {
  year: number;
  title: string;
  initiatives: InitiativeDetail[];
  lan: LanSummary[];
  rams: { kod: string; namn: string }[];
  /** LQ per län and RAMS group, null where missing or suppressed. */
  lq: Record<string, Record<string, number | null>>;
}

/** A sector is clearly specialised in a län from this location quotient (25 % above the national share). */
export const CLEAR_LQ = 1.25;

/** An LQ as the page prints it (2 decimals), for the comparisons the page states ("minst 1,25", "under 1"). */
const printedLq = (v: number) => roundDecimal(v, 2);

const lqText = (v: number | null) => (v === null ? MISSING : formatDecimal(v, 2));
const intText = (v: number | null) => (v === null ? MISSING : formatInteger(v));
const pctText = (v: number | null) => (v === null ? MISSING : `${formatPercent(v)}\u00a0%`);

export function buildModel(inputs: SiteInputs): SiteModel {
  const lanName = new Map(inputs.lan.map((l) => [str(l.lan_kod), str(l.lan_kortnamn)]));
  const category = new Map(inputs.sektorer.map((s) => [str(s.typ_av_sektor), s]));
  const facts = new Map(inputs.factsheets.map((f) => [str(f.id), f]));
  const lanOf = new Map<string, string[]>();
  for (const r of inputs.entityLan) {
    const id = str(r.entity_id);
    const list = lanOf.get(id) ?? [];
    if (!list.includes(str(r.lan_kod))) list.push(str(r.lan_kod));
    lanOf.set(id, list);
  }
  const members: Member[] = [
    ...inputs.lista1.map((r) => ({ ...member(r), typ: 'lista1' as Kind })),
    ...inputs.lista2.map((r) => ({
      ...member(r),
      typ: (r.typ === 'transnationellt' ? 'transnationellt' : 'strategiskt') as Kind,
    })),
  ];
  const criteria = new Map(inputs.kriterier.map((k) => [Number(k.nr), str(k.rubrik)]));
  const initiatives = members.map((m) => detail(m, inputs, { facts, lanOf, lanName, category, criteria }));
  // The site lists every initiative of both lists by name (its own index; the lists' order is the report's).
  initiatives.sort((a, b) => compareSv(a.namn, b.namn));

  const rams = inputs.rams.map((r) => ({ kod: str(r.rams_grupp), namn: str(r.benamning) }));
  const lq: SiteModel['lq'] = {};
  const latestYear = Math.max(...inputs.lanSector.map((r) => Number(r.ar)));
  const sectorRows = inputs.lanSector.filter((r) => Number(r.ar) === latestYear);
  for (const r of sectorRows) {
    const lan = str(r.lan_kod);
    lq[lan] ??= {};
    lq[lan][str(r.rams_grupp)] = num(r.lq);
  }
  const lan = inputs.lan
    .map((l) =>
      lanSummary(str(l.lan_kod), str(l.lan_namn), str(l.lan_kortnamn), initiatives, sectorRows, inputs),
    )
    .sort((a, b) => compareIds(a.kod, b.kod));
  return { year: inputs.year, title: inputs.title, initiatives, lan, rams, lq };
}

interface Lookups {
  facts: Map<string, SiteInputs['factsheets'][number]>;
  lanOf: Map<string, string[]>;
  lanName: Map<string, string>;
  category: Map<string, SiteInputs['sektorer'][number]>;
  criteria: Map<number, string>;
}

/** The survey's self-assessment of one initiative beside the analyst's shares, criterion by criterion. */
function ownAnswers(
  id: string,
  inputs: SiteInputs,
  l: Lookups,
  scores: SiteInputs['poang'],
): InitiativeDetail['egen'] {
  const mine = inputs.sjalvbedomning.filter((s) => str(s.entity_id) === id);
  if (mine.length === 0) return undefined;
  const criteria = [...l.criteria.keys()].sort((a, b) => a - b).map((nr) => ({ nr }));
  const answers = mine.map((s) => ({ kriterium: Number(s.kriterium), svar: str(s.svar) }));
  const indicators = inputs.indikatorer.map((i) => ({ kriterium: Number(i.kriterium) }));
  const hur = new Map(mine.filter((s) => str(s.hur)).map((s) => [Number(s.kriterium), str(s.hur)]));
  const axes = criteria.map(({ nr }) => {
    const k = inputs.kriterier.find((x) => Number(x.nr) === nr);
    return `${nr}: ${str(k?.diagramtext)}`;
  });
  return {
    axes,
    profil: ownProfile(criteria, indicators, answers),
    analytiker: criteria.map(({ nr }) => num(scores.find((s) => Number(s.kriterium) === nr)?.andel)),
    hur: [...hur]
      .sort((a, b) => a[0] - b[0])
      .map(([nr, text]) => ({ nr, rubrik: l.criteria.get(nr) ?? '', text })),
  };
}

/** A member of lista1 or lista2 as the criteria stage stored it. */
interface Member {
  id: string;
  factsheetId: string;
  namn: string;
  typ: Kind;
  ordning: number;
}

const member = (r: SiteInputs['lista1'][number]) => ({
  id: r.entity_id,
  factsheetId: r.factsheet_id ?? '',
  namn: r.namn,
  ordning: r.ordning,
});

function detail(m: Member, inputs: SiteInputs, l: Lookups): InitiativeDetail {
  const fid = m.factsheetId;
  // An initiative without a fact sheet shows its id and empty fields.
  const f: Partial<SiteInputs['factsheets'][number]> = l.facts.get(fid) ?? {};
  const lan = l.lanOf.get(m.id) ?? [];
  const names = lan.map((c) => l.lanName.get(c) ?? c);
  const sektor = str(f.typ_av_sektor);
  const cat = l.category.get(sektor);
  const place = placeInitiative(
    { adress: str(f.adress), geografiskt_omrade: str(f.geografiskt_omrade) },
    lan,
    inputs.karta.kommuner,
    inputs.karta.lan,
  );
  const namn = m.namn;
  const kommun = place.kommun_namn ?? '';
  const placering =
    place.via === 'adress'
      ? `${kommun} (postadressen)`
      : place.via === 'omrade'
        ? `${kommun} (nämns under Geografiskt område)`
        : place.via === 'lan'
          ? `mitt i ${names[0] ?? 'länet'} (ingen kommun i adressen eller området)`
          : 'ingen plats i Sverige';
  const scores = inputs.poang
    .filter((p) => str(p.entity_id) === m.id)
    .sort((a, b) => Number(a.kriterium) - Number(b.kriterium));
  const employment = inputs.entityEmployment.filter((e) => str(e.entity_id) === m.id && str(e.rad) === 'lan');
  return {
    id: m.id,
    namn,
    typ: m.typ,
    ordning: m.ordning,
    lan,
    lanText: names.join(', '),
    kategori: str(cat?.kategori) || 'Övrigt',
    sektor,
    kommun,
    lon: Number.isFinite(place.lon) ? place.lon : null,
    lat: Number.isFinite(place.lat) ? place.lat : null,
    sida: inputs.pages[`i-${fid}`] ?? null,
    sok: foldSearch([namn, str(f.rubrik), sektor, str(f.geografiskt_omrade), kommun, ...names].join(' ')),
    rubrik: str(f.rubrik) || namn,
    fakta: FACT_FIELDS.filter(([key]) => key !== 'internetadress')
      .map(([key, label]) => ({ label, value: str(f[key]).trim() }))
      .filter((x) => x.value),
    webb: webHref(str(f.internetadress)),
    beskrivning: inputs.descriptions.get(fid) ?? '',
    placering,
    egen: ownAnswers(m.id, inputs, l, scores),
    kriterier: scores.map((s) => {
      const andel = num(s.andel);
      return {
        nr: Number(s.kriterium),
        rubrik: l.criteria.get(Number(s.kriterium)) ?? '',
        andel,
        procent: andel === null ? MISSING : `${formatPercent(andel, 0)}\u00a0%`,
        bedomning: num(s.bedomda) ? `${str(s.uppfyllda)} av ${str(s.bedomda)}` : 'ej bedömd',
      };
    }),
    sysselsattning: employment.map((e) => {
      const syss = num(e.sysselsatta);
      const tot = num(e.region_totalt);
      return {
        lan: l.lanName.get(str(e.lan_kod)) ?? str(e.lan_kod),
        bransch: `${str(e.rams_grupp)} ${str(e.bransch)}`,
        sysselsatta: intText(syss),
        andel: syss !== null && tot ? pctText(syss / tot) : MISSING,
        lq: lqText(num(e.lq)),
        ar: Number(e.ar),
      };
    }),
    rams: str(cat?.rams_grupp),
  };
}

/** Only http(s) addresses become links; anything else is shown as text. */
function webHref(text: string): string {
  const t = text.trim().split(/\s+/)[0] ?? '';
  if (!t) return '';
  const url = /^https?:\/\//i.test(t)
    ? t
    : /^www\.|^[a-z0-9-]+(\.[a-z0-9-]+)+(\/.*)?$/i.test(t)
      ? `http://${t}`
      : '';
  try {
    return url ? new URL(url).href : '';
  } catch {
    return '';
  }
}

function lanSummary(
  kod: string,
  namn: string,
  kort: string,
  all: InitiativeDetail[],
  sectorRows: SiteInputs['lanSector'],
  inputs: SiteInputs,
): LanSummary {
  const initiativ = all.filter((i) => i.lan.includes(kod));
  const antal = { lista1: 0, strategiskt: 0, transnationellt: 0 } as Record<Kind, number>;
  for (const i of initiativ) antal[i.typ] += 1;
  const rows = sectorRows.filter((r) => str(r.lan_kod) === kod);
  const sektorer: SectorRow[] = rows.map((r) => {
    const lq = num(r.lq);
    const missing = Number(r.saknade_celler) > 0;
    return {
      rams: str(r.rams_grupp),
      bransch: str(r.bransch),
      sysselsatta: missing ? MISSING : intText(num(r.sysselsatta)),
      andel: missing ? MISSING : pctText(num(r.andel)),
      andelValue: missing ? null : num(r.andel),
      lq: missing ? MISSING : lqText(lq),
      lqValue: missing ? null : lq,
      initiativ: Number(r.initiativ_lista1 ?? 0),
      // 00 (okänd verksamhet) is no industry to specialise in.
      specialiserad: !missing && lq !== null && printedLq(lq) >= CLEAR_LQ && str(r.rams_grupp) !== '00',
    };
  });
  const lqOf = new Map(sektorer.map((s) => [s.rams, s.lqValue]));
  const utanSpecialisering = initiativ
    .map((i) => {
      const e = inputs.entityEmployment.find(
        (x) => str(x.entity_id) === i.id && str(x.rad) === 'lan' && str(x.lan_kod) === kod,
      );
      const lq = e ? num(e.lq) : (lqOf.get(i.rams) ?? null);
      return { initiativ: i, bransch: e ? `${str(e.rams_grupp)} ${str(e.bransch)}` : i.rams, lqValue: lq };
    })
    .filter((x) => x.lqValue !== null && printedLq(x.lqValue) < 1)
    .map((x) => ({ initiativ: x.initiativ, bransch: x.bransch, lq: lqText(x.lqValue) }));
  return {
    kod,
    namn,
    kort,
    initiativ,
    antal,
    ar: rows.length ? Number(rows[0].ar) : null,
    sektorer,
    specialiseradUtanInitiativ: sektorer.filter(
      (s) => s.specialiserad && s.initiativ === 0 && s.rams !== '00',
    ),
    utanSpecialisering,
  };
}
