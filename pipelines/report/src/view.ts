import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { radarSvg } from '@kk/charts';
import { groupOpenItems, InputError, locationOf, type OpenItem } from '@kk/core';
import { FACT_FIELDS, LIST2_FIELD_COUNT } from '@kk/fields';
import Mustache from 'mustache';
import { barChartSvg } from './bars.ts';
import { type DescriptionBlock, parseDescription } from './description.ts';
import { computeFigures, countyCounts, type Figures } from './figures.ts';
import { fill } from './fill.ts';
import { asset, TEMPLATES } from './html.ts';
import type { Employment, Factsheet, ListMember, ReportInputs } from './inputs.ts';
import { countyMapSvg } from './map.ts';
import { contentMarkdown } from './markdown.ts';
import { chapter6Html, SURVEY_TEXTS, selfProfile } from './survey.ts';
import { esc } from './svg.ts';
import {
  capitalise,
  compareIds,
  compareSv,
  formatDecimal,
  formatInteger,
  formatPercent,
  joinSv,
} from './swedish.ts';

export const anchorOf = (factsheetId: string) => `i-${factsheetId}`;

const pageRef = (id: string) => `<a class="pageref" href="#${esc(id)}"></a>`;

interface TocEntry {
  level: number;
  id: string;
  text: string;
}

function fields(f: Factsheet, count: number) {
  return FACT_FIELDS.slice(0, count).map(([key, label]) => ({
    label,
    lines: String(f[key] ?? '')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  }));
}

/** A list's members with their fact sheets, in the order the criteria stage stored the list. */
function withFacts(inputs: ReportInputs, lista: 1 | 2) {
  const facts = new Map(inputs.factsheets.map((f) => [f.id, f]));
  return inputs.members
    .filter((m) => m.lista === lista)
    .map((m) => {
      const f = facts.get(m.factsheet_id);
      if (!f) throw new Error(`list member ${m.entity_id} has no fact sheet (${m.factsheet_id})`);
      return { member: m, fact: f };
    });
}

function headingsIn(html: string): TocEntry[] {
  const out: TocEntry[] = [];
  for (const m of html.matchAll(/<h([1-3]) id="([^"]+)">(.*?)<\/h\1>/g)) {
    const text = m[3]
      .replace(/<span class="footnote">.*?<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
    out.push({ level: Number(m[1]), id: m[2], text });
  }
  return out;
}

export interface ViewOptions {
  mode: 'print' | 'screen';
  css: string;
  pagedConfig: string;
  pagedjs: string;
}

/** The report's body, the same in print and on screen, and the figures it states (built once per run). */
export interface ReportBody {
  figures: Figures;
  body: Record<string, unknown>;
}

/** The report's body and the figures it states; `buildView` makes the print or screen page's view of it. */
export function reportBody(inputs: ReportInputs): ReportBody {
  const md = contentMarkdown();
  const env: Record<string, unknown> = {};
  const lista1 = withFacts(inputs, 1);
  // Stored strategic networks first, then transnational (criteria's lista2).
  const lista2 = withFacts(inputs, 2);
  const strategic = lista2.filter((x) => x.member.typ === 'strategiskt');
  const transnational = lista2.filter((x) => x.member.typ === 'transnationellt');
  const diagram1Entity =
    inputs.edition.diagram1_exempel ??
    diagramExample(
      lista1.map((x) => x.member.entity_id),
      inputs.poang,
    );
  const figures = computeFigures(inputs, diagram1Entity);
  const criteriaAxes = inputs.criteria.map((c) => `${c.nr}: ${c.diagramtext}`);
  const poangOf = (entity: string) =>
    inputs.criteria.map(
      (c) => inputs.poang.find((s) => s.entity_id === entity && s.kriterium === c.nr)?.andel ?? null,
    );
  const average = inputs.criteria.map((c) => {
    const vals = lista1
      .map((x) => inputs.poang.find((s) => s.entity_id === x.member.entity_id && s.kriterium === c.nr)?.andel)
      .filter((v): v is number => v !== null && v !== undefined);
    return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
  });

  const diagram1 = `<figure class="chart diagram1" id="diagram-1">${radarSvg({
    axes: criteriaAxes,
    series: [
      { values: average, className: 'average', label: 'Genomsnitt för lista 1' },
      { values: poangOf(diagram1Entity), className: 'score', label: figures.diagram1.exempel },
    ],
    size: 380,
    wrap: 26,
    title: `Diagram 1: ${figures.diagram1.exempel} och genomsnittet för lista 1`,
  })}<figcaption>Diagram 1 Modell över ett Initiativs styrkor och svagheter (karaktär). Exempel: ${esc(
    figures.diagram1.exempel,
  )} (fylld yta); streckad linje: genomsnittet för de ${lista1.length} klusterinitiativen i lista 1. Andel uppfyllda underkategorier per kriterium; bedömningarna är rekonstruerade ur faktabladen, inte publicerade.</figcaption></figure>`;

  const first2 = lista2[0];
  const last2 = lista2[lista2.length - 1];
  const htmlRefs = {
    sidor_lista2:
      first2 && last2 ? `${pageRef(anchorOf(first2.fact.id))}–${pageRef(anchorOf(last2.fact.id))}` : '',
    sida_tabell_lista1: pageRef('oversikt-1'),
    sida_tabell_lista2: pageRef('oversikt-2'),
    diagram1,
    // Chapter 6's measured caution: empty (and the chapter as before) when no initiative answered the survey.
    enkat: chapter6Html(inputs),
  };
  const proseView = { ...figures, html: htmlRefs };

  const toc: TocEntry[] = [];
  const parts: Record<string, unknown>[] = [];
  for (const part of inputs.outline) {
    switch (part.kind) {
      case 'title':
        parts.push({ title: true });
        break;
      case 'toc':
        parts.push({ toc: { entries: toc } });
        break;
      case 'prose': {
        const markdown = inputs.content.get(part.file);
        if (markdown === undefined) throw new Error(`content file ${part.file} is missing`);
        const html = Mustache.render(md.render(markdown, env), proseView, {}, { escape: escapeHtml });
        toc.push(...headingsIn(html));
        parts.push({ prose: { html } });
        break;
      }
      case 'overview': {
        // The overview table prints the stored list as it is: its order, name and area.
        const rows = (part.list === 1 ? lista1 : lista2).map(({ member, fact }) => ({
          tabellnamn: member.namn,
          geografi: member.geografiskt_omrade,
          target: anchorOf(fact.id),
        }));
        parts.push({ overview: { anchor: `oversikt-${part.list}`, rows } });
        break;
      }
      case 'initiatives':
        parts.push(
          ...lista1.map(({ member, fact }, i) => ({
            initiatives: {
              first: i === 0,
              anchor: anchorOf(fact.id),
              rubrik: fact.rubrik,
              blocks: parseDescription(inputs.descriptions.get(fact.id) ?? ''),
              fields: fields(fact, FACT_FIELDS.length),
              employment: employmentText(inputs, member.entity_id),
              radar: radarFor(
                member.entity_id,
                fact.rubrik,
                criteriaAxes,
                poangOf,
                selfProfile(inputs, member.entity_id),
              ),
            },
          })),
        );
        break;
      case 'networks': {
        const group = part.type === 'strategiskt' ? strategic : transnational;
        parts.push(
          ...group.map(({ fact }, i) => ({
            networks: {
              first: i === 0 && part.type === 'strategiskt',
              anchor: anchorOf(fact.id),
              rubrik: fact.rubrik,
              blocks: parseDescription(inputs.descriptions.get(fact.id) ?? '') as DescriptionBlock[],
              fields: fields(fact, LIST2_FIELD_COUNT),
            },
          })),
        );
        break;
      }
      case 'criteria':
        parts.push({
          criteria: {
            criteria: inputs.criteria.map((c) => ({
              nr: c.nr,
              rubrik: c.rubrik,
              paragraphs: c.beskrivning.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()),
              indikatorer: inputs.indicators
                .filter((i) => i.kriterium === c.nr)
                .sort((a, b) => a.nr - b.nr)
                .map((i) => i.text),
            })),
          },
        });
        break;
      case 'exceptions':
        parts.push({ exceptions: exceptionsView(inputs, lista1) });
        break;
      case 'employment':
        parts.push({ employment: employmentView(inputs, lista1) });
        break;
      case 'changes':
        if (inputs.changes) {
          parts.push({ changes: inputs.changes });
          toc.push({ level: 1, id: 'forandringar', text: inputs.changes.title });
        }
        break;
    }
  }
  const draft = draftView(inputs.openItems ?? []);
  if (draft) {
    parts.push({ todo: draft.appendix });
    toc.push({ level: 1, id: 'att-gora', text: 'Bilaga: Att göra' });
  }
  return {
    figures,
    body: {
      ...(draft ? { draft: { css: draft.css, note: draft.note } } : {}),
      edition: inputs.edition,
      parts,
    },
  };
}

/** The whole mustache view of one page of the report: its body, and what the print or the screen adds. */
export function buildView(report: ReportBody, options: ViewOptions): Record<string, unknown> {
  return {
    ...report.body,
    mode: options.mode,
    css: options.css,
    paged: options.mode === 'print',
    // Screen only: wide tables scroll inside their own box on a phone (the print HTML stays as it was).
    screen: options.mode === 'screen',
    // The screen page sits beside the web edition (build/<year>/web/), which links back.
    webLink:
      options.mode === 'screen'
        ? {
            href: 'web/index.html',
            text: 'Klusterkartan på webben: karta, filter och en sida per initiativ och län',
          }
        : null,
    pagedConfig: options.pagedConfig,
    pagedjs: options.pagedjs,
  };
}

/**
 * The initiative whose profile Diagram 1 shows when the edition names none: the one with the most
 * criteria at a high level (≥ 0.75), then the highest mean, then its id — so the example has a character.
 */
export function diagramExample(entities: string[], poang: ReportInputs['poang']): string {
  const rank = entities.map((id) => {
    const own = poang.filter((s) => s.entity_id === id && s.andel !== null).map((s) => s.andel as number);
    const mean = own.length ? own.reduce((a, b) => a + b, 0) / own.length : 0;
    return { id, high: own.filter((v) => v >= 0.75).length, mean };
  });
  rank.sort((a, b) => b.high - a.high || b.mean - a.mean || compareIds(a.id, b.id));
  return rank[0]?.id ?? '';
}

function escapeHtml(s: unknown): string {
  return esc(String(s));
}

function employmentText(inputs: ReportInputs, entity: string): { text: string; lq: string } {
  const e = inputs.employment.get(entity);
  if (e && e.sysselsatta === null && e.lq_saknas) {
    const why = fill(TEXTS.lq_saknas_fakta, { orsak: missingReason(inputs, [e]) });
    return { text: capitalise(why), lq: why };
  }
  if (!e || e.sysselsatta === null) return { text: 'Uppgift saknas', lq: '–' };
  const lanNames = e.lan.map((code) => inputs.lan.find((l) => l.lan_kod === code)?.lan_kortnamn ?? code);
  return {
    text: `${formatInteger(e.sysselsatta)} i ${joinSv(lanNames)}, ${e.ar} (${e.rams_grupp} ${e.bransch}; SCB, RAMS)`,
    lq:
      e.lq !== null
        ? formatDecimal(e.lq, 2)
        : e.lq_saknas
          ? fill(TEXTS.lq_saknas_fakta, { orsak: missingReason(inputs, [e]) })
          : '–',
  };
}

/** The report's Swedish texts on employment (templates/sysselsattning.json), filled from the data. */
const TEXTS = JSON.parse(readFileSync(join(TEMPLATES, 'sysselsattning.json'), 'utf8')) as Record<
  string,
  string
> & { matt: Record<string, string> };

/** What the measure of statistik.csv is called in the report's sentences (dagbefolkning, nattbefolkning). */
function measurePhrase(matt: string): string {
  const phrase = TEXTS.matt[matt];
  if (!phrase) {
    throw new InputError(
      { file: 'employment/statistik.csv' },
      `a measure (matt) the report can name: ${Object.keys(TEXTS.matt).join(', ')} (pipelines/report/templates/sysselsattning.json)`,
      JSON.stringify(matt),
    );
  }
  return phrase;
}

/** Why the LQs of these initiatives are missing, in a clause: the suppressed cells, or the gaps. */
function missingReason(inputs: ReportInputs, rows: Employment[]): string {
  const cells = new Map<string, string>();
  for (const e of rows) {
    for (const c of e.lq_saknas_celler) {
      const region =
        c.region_niva === 'riket'
          ? 'riket'
          : c.region_niva === 'kommun'
            ? `kommun ${c.region_kod}`
            : (inputs.lan.find((l) => l.lan_kod === c.lan_kod)?.lan_namn ?? c.lan_kod);
      cells.set(
        c.plats,
        fill(TEXTS.cell, { bransch: c.naringsgren_kod, region, ar: c.ar, symbol: c.symbol }),
      );
    }
  }
  const parts: string[] = [];
  if (cells.size)
    parts.push(fill(TEXTS.saknas_undertryckt, { celler: joinSv([...new Set(cells.values())]) }));
  if (rows.some((e) => e.lq_saknas === 'saknas')) parts.push(TEXTS.saknas_i_filen);
  return joinSv(parts);
}

/** The initiative's own profile, drawn over the analyst's: a dashed line, in the legend as the initiative's. */
export const SELF_SERIES_ATTRIBUTES = {
  fill: 'none',
  stroke: '#b35900',
  'stroke-width': '1.4',
  'stroke-dasharray': '4 2',
};

function radarFor(
  entity: string,
  title: string,
  axes: string[],
  poangOf: (e: string) => (number | null)[],
  self?: (number | null)[],
) {
  const values = poangOf(entity);
  if (self) {
    const both = [
      { values, className: 'score', label: SURVEY_TEXTS.radar_analytiker },
      { values: self, className: 'self', label: SURVEY_TEXTS.radar_eget, attributes: SELF_SERIES_ATTRIBUTES },
    ];
    const rubrik = Mustache.render(
      SURVEY_TEXTS.radar_titel_bada,
      { namn: title },
      {},
      { escape: (v: unknown) => String(v) },
    );
    return {
      svg: radarSvg({ axes, series: both, size: 300, title: rubrik, legend: true }),
      label: rubrik,
      caption: SURVEY_TEXTS.radar_bildtext_bada,
    };
  }
  if (values.every((v) => v === null)) return undefined;
  return {
    svg: radarSvg({
      axes,
      series: [{ values, className: 'score', label: title }],
      size: 300,
      title: `Kriterieprofil: ${title}`,
    }),
    label: `Kriterieprofil för ${title}`,
    caption: `Andel uppfyllda underkategorier per kriterium (rekonstruerad bedömning${values.some((v) => v === null) ? '; okänt visas som 0' : ''}).`,
  };
}

function exceptionsView(inputs: ReportInputs, lista1: { member: ListMember; fact: Factsheet }[]) {
  const names = new Map(lista1.map((x) => [x.member.entity_id, x.fact.tabellnamn]));
  const criteria = new Map(inputs.criteria.map((c) => [c.nr, c]));
  const rows = inputs.exceptions
    .filter((e) => names.has(e.entity_id))
    .map((e) => ({
      namn: names.get(e.entity_id) ?? e.entity_id,
      kriterier: e.kriterier.map((k) => `${k} (${criteria.get(k)?.kortnamn ?? ''})`).join(', '),
      motivering: e.motivering,
    }))
    .sort((a, b) => compareSv(a.namn, b.namn));
  return {
    intro: `${rows.length === 1 ? 'Ett initiativ' : `${capitalNumber(rows.length)} initiativ`} har tagits med i lista 1 efter beslut vid mötena trots att ${
      rows.length === 1 ? 'det' : 'de'
    } inte uppfyller samtliga ${inputs.criteria.length} kriterier. Rapporten anger inte vilka; bedömningarna och motiveringarna nedan är rekonstruerade ur faktabladen och beskrivningarna.`,
    rows,
  };
}

function capitalNumber(n: number): string {
  const words = ['Inga', 'Ett', 'Två', 'Tre', 'Fyra', 'Fem', 'Sex', 'Sju', 'Åtta', 'Nio', 'Tio'];
  return words[n] ?? String(n);
}

function employmentView(inputs: ReportInputs, lista1: { member: ListMember; fact: Factsheet }[]) {
  const src = inputs.employmentSource;
  const { counts } = countyCounts(inputs);
  const bars = [...counts]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || compareSv(a.label, b.label));
  const max = Math.max(...bars.map((b) => b.value));
  const lanName = (code: string) => inputs.lan.find((l) => l.lan_kod === code)?.lan_kortnamn ?? code;
  const rows = lista1.map(({ member, fact }) => {
    const e = inputs.employment.get(member.entity_id);
    return {
      namn: fact.tabellnamn,
      lan: e ? joinSv(e.lan.map(lanName)) : '–',
      bransch: e ? `${e.rams_grupp} ${e.bransch}` : '–',
      sysselsatta: e?.sysselsatta != null ? formatInteger(e.sysselsatta) : '–',
      andel:
        e?.sysselsatta != null && e.region_totalt
          ? `${formatPercent(e.sysselsatta / e.region_totalt)}\u00a0%`
          : '–',
      lq: e?.lq != null ? formatDecimal(e.lq, 2) : '–',
    };
  });
  const specialised = lista1.filter(
    ({ member }) => (inputs.employment.get(member.entity_id)?.lq ?? 0) >= 1,
  ).length;
  // An initiative whose LQ the statistics cannot give is not counted as below 1: the sentence says how many.
  const lacking = lista1.flatMap(({ member }) => {
    const e = inputs.employment.get(member.entity_id);
    return e && e.lq === null && e.lq_saknas ? [e] : [];
  });
  const saknas = lacking.length ? missingReason(inputs, lacking) : '';
  const lqSentence = lacking.length
    ? fill(TEXTS.lq_ofullstandig, {
        med_lq: rows.length - lacking.length,
        antal: rows.length,
        utan_lq: lacking.length,
        saknas,
        specialiserade: specialised,
      })
    : fill(TEXTS.lq, { specialiserade: specialised, antal: rows.length });
  return {
    paragraphs: [
      fill(TEXTS.inledning, { matt: measurePhrase(src.matt), ar: src.ar, tabell: src.tabell }),
      lqSentence,
    ],
    chart: {
      map: countyMapSvg(inputs, counts),
      svg: barChartSvg(
        bars.map((b) => ({ ...b, highlight: b.value === max })),
        'Antal klusterinitiativ i lista 1 per län',
        300,
      ),
      caption: `Diagram 2 Antal klusterinitiativ i lista 1 per län, på kartan och i stapeldiagrammet (ett initiativ räknas i varje län det framförallt verkar inom). Punkterna visar initiativens värdkommun; ofyllda punkter verkar i flera län. Gränser: okfse/sweden-geojson (Valmyndigheten), förenklade.`,
    },
    table: {
      caption: `Tabell 1 Sysselsättning i klusterinitiativens sektorer, ${src.ar}`,
      rows,
      note: `Källa: ${src.kalla}. Branscherna är ${src.gruppering}, en grov indelning: ett initiativs sektor (t.ex. fiberoptik eller tryckt elektronik) är ofta bara en liten del av den bransch som redovisas, så siffrorna visar branschens storlek och specialisering i länen, inte klustrets. Initiativ som verkar i flera län redovisas för länen sammantaget.${saknas ? fill(TEXTS.fotnot_saknas, { saknas }) : ''}`,
    },
  };
}

/**
 * The draft marks and the appendix "Att göra" when the edition has open items; undefined when it has none,
 * so a finished edition renders exactly as before.
 */
function draftView(items: OpenItem[]) {
  if (items.length === 0) return undefined;
  const groups = groupOpenItems(items).map((g) => ({
    title: g.title,
    count: g.items.length,
    items: g.items.map((i) => ({ what: i.what, todo: i.todo, where: [locationOf(i), ...i.also] })),
  }));
  const n = items.length;
  return {
    css: asset('draft.css'),
    note: `Utkast: ${n} ${n === 1 ? 'punkt återstår' : 'punkter återstår'} innan utgåvan är klar (bilagan Att göra). Uppgifter som förts över från förra utgåvan och ännu inte bekräftats kan vara inaktuella.`,
    appendix: {
      paragraphs: [
        `Den här utgåvan är ett utkast. Punkterna nedan återstår, var och en med filen och raden att ändra (under raw/). När alla är åtgärdade försvinner utkastmarkeringen och den här bilagan.`,
      ],
      groups,
    },
  };
}
