import type { Criterion, Poang, ReportInputs } from './inputs.ts';
import { capitalise, compareSv, joinSv, numberWord } from './swedish.ts';

/** Counts of list-1 initiatives per län (by short county name), and the counties with none. */
export function countyCounts(inputs: ReportInputs): { counts: Map<string, number>; missing: string[] } {
  const name = new Map(inputs.lan.map((l) => [l.lan_kod, l.lan_kortnamn]));
  const counts = new Map<string, number>(inputs.lan.map((l) => [l.lan_kortnamn, 0]));
  for (const m of inputs.members.filter((m) => m.lista === 1)) {
    for (const code of new Set(inputs.entityLan.get(m.entity_id) ?? [])) {
      const n = name.get(code);
      if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
  }
  const missing = [...counts].filter(([, c]) => c === 0).map(([n]) => n);
  return { counts, missing: missing.sort(compareSv) };
}

/** The groups of the highest counts, best first: [[count, names…], …]. */
function rankGroups(counts: Map<string, number>): { count: number; names: string[] }[] {
  const byCount = new Map<number, string[]>();
  for (const [name, c] of counts) if (c > 0) byCount.set(c, [...(byCount.get(c) ?? []), name]);
  return [...byCount]
    .sort((a, b) => b[0] - a[0])
    .map(([count, names]) => ({ count, names: names.sort(compareSv) }));
}

const st = (count: number, several: boolean) => `${count} st.${several ? ' vardera' : ''}`;

/** "Gotland är det län som inte representeras …" — handles none, one and several. */
export function missingCountiesSentence(missing: string[]): string {
  if (missing.length === 0)
    return 'Samtliga län representeras av minst ett klusterinitiativ i den framställda listan.';
  if (missing.length === 1) {
    return `${missing[0]} är det län som inte representeras av något klusterinitiativ i den framställda listan.`;
  }
  return `${joinSv(missing)} är de län som inte representeras av något klusterinitiativ i den framställda listan.`;
}

/** "Västra Götaland och Värmland är de län med flest … (5 st. vardera) följt av … (4 st. vardera)." */
export function mostCountiesSentence(counts: Map<string, number>): string {
  const [first, second] = rankGroups(counts);
  if (!first) return 'Inget län representeras av något klusterinitiativ i den framställda listan.';
  const several = first.names.length > 1;
  let s = `${joinSv(first.names)} är ${several ? 'de län' : 'det län'} med flest klusterinitiativ representerade (${st(first.count, several)})`;
  if (second) s += ` följt av ${joinSv(second.names)} (${st(second.count, second.names.length > 1)})`;
  return `${s}.`;
}

/** Canonical university names mentioned in a "Forskning, Universitet/Högskolor" cell. */
export function universitiesIn(cell: string, aliases: Map<string, string>): string[] {
  const found = new Set<string>();
  const parts = cell
    .split(/,|;|\soch\s|\n/)
    .map((p) => p.trim().replace(/\s+/g, ' ').replace(/\.$/, ''))
    .filter((p) => p && p !== 'etc');
  for (const p of parts) {
    const canonical = aliases.get(p.toLowerCase());
    if (canonical) found.add(canonical);
  }
  return [...found];
}

/** Universities and university colleges in the most list-1 initiatives, as a sentence. */
export function universitiesSentence(inputs: ReportInputs): {
  sentence: string;
  counts: Map<string, number>;
} {
  const aliases = new Map<string, string>();
  const kind = new Map<string, string>();
  for (const l of inputs.larosaten) {
    aliases.set(l.alias.toLowerCase(), l.larosate);
    aliases.set(l.larosate.toLowerCase(), l.larosate);
    kind.set(l.larosate, l.typ);
  }
  const facts = new Map(inputs.factsheets.map((f) => [f.id, f]));
  const counts = new Map<string, number>();
  for (const m of inputs.members.filter((m) => m.lista === 1)) {
    const f = facts.get(m.factsheet_id);
    if (!f) continue;
    for (const u of universitiesIn(f.forskning, aliases)) {
      if (kind.get(u) === 'universitet' || kind.get(u) === 'hogskola')
        counts.set(u, (counts.get(u) ?? 0) + 1);
    }
  }
  const [first] = rankGroups(counts);
  if (!first) return { sentence: '', counts };
  const several = first.names.length > 1;
  const sentence = several
    ? `${joinSv(first.names)} är de lärosäten som medverkat inom flest initiativ (${st(first.count, true)}).`
    : `${first.names[0]} är det lärosäte som medverkat inom flest initiativ (${st(first.count, false)}).`;
  return { sentence, counts };
}

/** List-1 initiatives per sector category (IKT, Life science, …). */
export function sectorCounts(inputs: ReportInputs): Map<string, number> {
  const category = new Map(inputs.sektorer.map((s) => [s.typ_av_sektor, s.kategori]));
  const facts = new Map(inputs.factsheets.map((f) => [f.id, f]));
  const counts = new Map<string, number>();
  for (const m of inputs.members.filter((m) => m.lista === 1)) {
    const c = category.get(facts.get(m.factsheet_id)?.typ_av_sektor ?? '');
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts;
}

/** "ca 50 %": a share rounded to the nearest five per cent, as the report states shares. */
export function roughShare(part: number, whole: number): string {
  if (whole === 0) return '0\u00a0%';
  return `${Math.round((part / whole) * 20) * 5}\u00a0%`;
}

/** The criteria where a profile is high (≥ 0.75), as the sentence under Diagram 1 names them. */
export function highCriteriaPhrase(poang: Poang[], criteria: Criterion[]): string {
  const high = poang
    .filter((s) => s.andel !== null && s.andel >= 0.75)
    .map((s) => s.kriterium)
    .sort((a, b) => a - b);
  const byNr = new Map(criteria.map((c) => [c.nr, c]));
  if (high.length === 0) return 'inget av kriterierna';
  const names = joinSv(high.map((nr) => byNr.get(nr)?.kortnamn ?? String(nr)));
  return `${names} (${high.length === 1 ? 'kriterium' : 'kriterier'} ${joinSv(high.map(String))})`;
}

export interface Figures {
  insamling: { antal: number; kalla1: number; kalla2_ovriga: number; andel_bort_steg1: string };
  steg2: { antal: number };
  kriterier: { antal: number };
  lista1: { antal: number };
  lista2: { antal: number; strategiska: number; transnationella: number };
  lan: { tackta: number; totalt: number; mening_saknas: string; mening_flest: string };
  larosaten: { mening_flest: string };
  sektorer: { ikt: string; life_science: string };
  diagram1: { hoga: string; exempel: string };
}

/** Every figure the prose states, computed from the data. */
export function computeFigures(inputs: ReportInputs, diagram1Entity: string): Figures {
  const lista1 = inputs.members.filter((m) => m.lista === 1);
  const lista2 = inputs.members.filter((m) => m.lista === 2);
  const { counts, missing } = countyCounts(inputs);
  const sectors = sectorCounts(inputs);
  const c = inputs.collection;
  const facts = new Map(inputs.factsheets.map((f) => [f.id, f]));
  const example = inputs.members.find((m) => m.entity_id === diagram1Entity);
  return {
    insamling: {
      antal: c.entities,
      kalla1: c.kalla1,
      kalla2_ovriga: c.kalla2Only,
      andel_bort_steg1: roughShare(c.rejectedStep1, c.entities),
    },
    steg2: { antal: c.entities - c.rejectedStep1 },
    kriterier: { antal: inputs.criteria.length },
    lista1: { antal: lista1.length },
    lista2: {
      antal: lista2.length,
      strategiska: lista2.filter((m) => m.typ === 'strategiskt').length,
      transnationella: lista2.filter((m) => m.typ === 'transnationellt').length,
    },
    lan: {
      tackta: inputs.lan.length - missing.length,
      totalt: inputs.lan.length,
      mening_saknas: missingCountiesSentence(missing),
      mening_flest: mostCountiesSentence(counts),
    },
    larosaten: { mening_flest: universitiesSentence(inputs).sentence },
    sektorer: {
      ikt: numberWord(sectors.get('IKT') ?? 0),
      life_science: numberWord(sectors.get('Life science') ?? 0),
    },
    diagram1: {
      hoga: highCriteriaPhrase(
        inputs.poang.filter((s) => s.entity_id === diagram1Entity),
        inputs.criteria,
      ),
      exempel: capitalise(facts.get(example?.factsheet_id ?? '')?.rubrik ?? diagram1Entity),
    },
  };
}
