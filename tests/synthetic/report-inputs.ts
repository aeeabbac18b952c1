// SYNTHETIC DATA — for the render benchmark (packages/bench) only. Provenance: synthetic.
//
// Scales the report's real inputs (the 2009 edition, as the report stage loads them) to N initiatives: each
// synthetic initiative copies the fact table, description, criteria scores, counties and employment of a real
// one of the same kind (list 1, strategic or transnational network), in turn, so that page lengths and the mix
// of short and long entries stay those of the real report. Everything that names or reaches a real
// organisation or person is replaced: the name ("Syntetiskt 137: Biogas Arena"), web address (.example),
// postal address, telephone and contact person are drawn from word lists. The title page says that the
// document is synthetic. Deterministic for a seed; nothing here is committed as data, the benchmark writes
// its files under build/bench/.

import type {
  Employment,
  Exception,
  Factsheet,
  ListMember,
  Poang,
  ReportInputs,
} from '../../pipelines/report/src/inputs.ts';
import { seededRandom } from './random.ts';

const SECTORS = [
  'Biogas',
  'Fordon',
  'Livsmedel',
  'Trä',
  'Stål',
  'Medtech',
  'Polymer',
  'Logistik',
  'Spel',
  'Film',
  'Design',
  'Energi',
  'Rymd',
  'Sensor',
  'Gruv',
  'Textil',
  'Vatten',
  'Sjöfart',
  'Turism',
  'Mjukvara',
];
const TYPES = ['Arena', 'Kluster', 'Nätverk', 'Forum', 'Allians', 'Region', 'Centrum', 'Hub', 'Plattform'];
const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Anders', 'Eva', 'Johan', 'Lena', 'Per', 'Åsa'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Berg'];
const ROLES = ['processledare', 'verksamhetschef', 'projektledare', 'klusterledare', 'VD'];
const TOWNS: [string, string, string][] = [
  ['Luleå', '0920', '971'],
  ['Umeå', '090', '903'],
  ['Sundsvall', '060', '851'],
  ['Karlstad', '054', '652'],
  ['Örebro', '019', '702'],
  ['Linköping', '013', '581'],
  ['Jönköping', '036', '553'],
  ['Göteborg', '031', '411'],
  ['Malmö', '040', '211'],
  ['Växjö', '0470', '351'],
];

export interface SyntheticReportOptions {
  seed?: number;
}

/** The number of initiatives of each kind for `n` in all, in the real edition's proportions. */
export function splitInitiatives(
  n: number,
  real: { list1: number; strategic: number; transnational: number },
): { list1: number; strategic: number; transnational: number } {
  const total = real.list1 + real.strategic + real.transnational;
  const list1 = Math.max(1, Math.round((n * real.list1) / total));
  const strategic = Math.max(1, Math.round((n * real.strategic) / total));
  const transnational = Math.max(1, n - list1 - strategic);
  return { list1, strategic, transnational };
}

/**
 * `n` synthetic initiatives (list 1 and both kinds of list 2) built on `base`, the real inputs of an edition.
 * The result is a complete ReportInputs: the prose, criteria, counties and reference tables are the base's.
 */
export function syntheticReportInputs(
  base: ReportInputs,
  n: number,
  options: SyntheticReportOptions = {},
): ReportInputs {
  const r = seededRandom(options.seed ?? 20_091_231);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 10)).join('');

  const facts = new Map(base.factsheets.map((f) => [f.id, f]));
  const byOrder = (a: ListMember, b: ListMember) =>
    (facts.get(a.factsheet_id)?.ordning ?? 0) - (facts.get(b.factsheet_id)?.ordning ?? 0);
  const templates = {
    list1: base.members.filter((m) => m.lista === 1).sort(byOrder),
    strategic: base.members.filter((m) => m.lista === 2 && m.typ === 'strategiskt').sort(byOrder),
    transnational: base.members.filter((m) => m.lista === 2 && m.typ === 'transnationellt').sort(byOrder),
  };
  for (const [kind, list] of Object.entries(templates)) {
    if (list.length === 0) throw new Error(`the base inputs have no ${kind} initiative to copy`);
  }
  const counts = splitInitiatives(n, {
    list1: templates.list1.length,
    strategic: templates.strategic.length,
    transnational: templates.transnational.length,
  });

  const width = String(n).length;
  const poangOf = new Map<string, Poang[]>();
  for (const s of base.poang) poangOf.set(s.entity_id, [...(poangOf.get(s.entity_id) ?? []), s]);
  const exceptionOf = new Map(base.exceptions.map((e) => [e.entity_id, e]));

  const factsheets: Factsheet[] = [];
  const descriptions = new Map<string, string>();
  const members: ListMember[] = [];
  const exceptions: Exception[] = [];
  const poang: Poang[] = [];
  const entityLan = new Map<string, string[]>();
  const employment = new Map<string, Employment>();

  let serial = 0;
  const make = (template: ListMember, ordning: number) => {
    serial++;
    const tf = facts.get(template.factsheet_id);
    if (!tf) throw new Error(`no fact sheet for ${template.entity_id}`);
    const nr = String(serial).padStart(width, '0');
    const id = `syntetiskt-${nr}`;
    const entity = `syn-e-${nr}`;
    const name = `Syntetiskt ${serial}: ${pick(SECTORS)} ${pick(TYPES)}`;
    const [town, area, postcode] = pick(TOWNS);
    const person = `${pick(FIRST)} ${pick(LAST)}`;
    const phone = `${area}-${digits(2)} ${digits(2)} ${digits(2)}`;
    const host = `www.syntetiskt-${serial}.example`;
    factsheets.push({
      ...tf,
      id,
      ordning,
      tabellnamn: name,
      rubrik: name,
      internetadress: host,
      adress: `Box ${1 + Math.floor(r() * 900)}, ${postcode} ${digits(2)} ${town}`,
      telefonnummer: phone,
      kontaktperson: `${person}, ${pick(ROLES)}\nTelefon: ${phone}\nE-post: ${person.toLowerCase().replace(/[^a-z]+/g, '.')}@syntetiskt-${serial}.example`,
    });
    let text = base.descriptions.get(tf.id) ?? '';
    for (const real of new Set([tf.rubrik, tf.tabellnamn].filter((s) => s.trim().length > 2))) {
      text = text.replaceAll(real, name);
    }
    descriptions.set(id, text);
    members.push({
      entity_id: entity,
      factsheet_id: id,
      lista: template.lista,
      typ: template.typ,
      namn: name,
      geografiskt_omrade: template.geografiskt_omrade,
    });
    const exception = exceptionOf.get(template.entity_id);
    if (exception) exceptions.push({ ...exception, entity_id: entity });
    for (const s of poangOf.get(template.entity_id) ?? []) poang.push({ ...s, entity_id: entity });
    const lan = base.entityLan.get(template.entity_id);
    if (lan) entityLan.set(entity, [...lan]);
    const e = base.employment.get(template.entity_id);
    if (e) employment.set(entity, { ...e, entity_id: entity, lan: [...e.lan] });
  };
  for (let i = 0; i < counts.list1; i++) make(templates.list1[i % templates.list1.length], i + 1);
  for (let i = 0; i < counts.strategic; i++) make(templates.strategic[i % templates.strategic.length], i + 1);
  for (let i = 0; i < counts.transnational; i++)
    make(templates.transnational[i % templates.transnational.length], counts.strategic + i + 1);

  const scale = (x: number) => Math.round((x * n) / Math.max(1, base.members.length));
  return {
    ...base,
    edition: {
      ...base.edition,
      titel: `${base.edition.titel} – SYNTETISKT BENCHMARKDATA (${n} initiativ)`,
      serie: 'Syntetiskt benchmarkdata, inte en publicerad rapport',
      diagram1_exempel: undefined,
    },
    factsheets,
    descriptions,
    members,
    exceptions,
    poang,
    entityLan,
    employment,
    collection: {
      entities: scale(base.collection.entities),
      kalla1: scale(base.collection.kalla1),
      kalla2Only: scale(base.collection.kalla2Only),
      rejectedStep1: scale(base.collection.rejectedStep1),
    },
    changes: undefined,
  };
}
