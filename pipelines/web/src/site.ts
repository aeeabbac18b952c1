// Writes the site's pages from the model with mustache (templates hold no logic: every value is prepared here).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { radarSvg } from '@kk/charts';
import { aspect, countClasses, type Kind, type MapPoint, mapSvg, markerLegendSvg } from '@kk/map';
import Mustache from 'mustache';
import { compareSv, formatDecimal } from './format.ts';
import type { SiteInputs } from './load.ts';
import {
  CLEAR_LQ,
  type Initiative,
  type InitiativeDetail,
  KIND_TEXT,
  type LanSummary,
  type SiteModel,
} from './model.ts';

const here = import.meta.dirname;
const template = (name: string) => readFileSync(join(here, '..', 'templates', `${name}.mustache`), 'utf8');
// Nothing in the data is a template: mustache only ever escapes what it prints ({{…}}), and the data
// passed to {{{…}}} is markup made here (SVG, JSON with < escaped).
Mustache.escape = (s: string) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const KINDS: Kind[] = ['lista1', 'strategiskt', 'transnationellt'];
const MARKER_TEXT: Record<Kind, string> = {
  lista1: 'Lista 1',
  strategiskt: 'Lista 2, strategiskt nätverk',
  transnationellt: 'Lista 2, transnationellt nätverk',
};

/** The row of the browser's table: only what filtering, sorting and the table need. */
export function tableRow(i: Initiative) {
  return {
    id: i.id,
    namn: i.namn,
    typ: i.typ,
    lan: i.lan,
    lanText: i.lanText,
    kategori: i.kategori,
    sok: i.sok,
  };
}

/** JSON safe inside a <script> element: "<" never appears literally, so no text can close the element. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

function points(list: InitiativeDetail[], root: string): MapPoint[] {
  return list
    .filter((i) => i.lon !== null && i.lat !== null)
    .map((i) => ({
      id: i.id,
      name: `${i.namn} (${KIND_TEXT[i.typ]}${new Set(i.lan).size > 1 ? `, verkar i ${i.lan.length} län` : ''})`,
      kind: i.typ,
      lon: i.lon as number,
      lat: i.lat as number,
      multi: new Set(i.lan).size > 1,
      lan: i.lan,
      href: `${root}initiativ/${i.id}.html`,
    }));
}

export function writeSite(
  model: SiteModel,
  inputs: SiteInputs,
  out: string,
  appJs: string,
  css: string,
): number {
  const partials = { head: template('head'), foot: template('foot'), legend: template('legend') };
  const lanShapes = inputs.karta.lan;
  const ratio = aspect(lanShapes);
  const common = { year: model.year, reportTitle: model.title };
  const markers = [
    ...KINDS.map((k) => ({ svg: markerLegendSvg(k, false), text: MARKER_TEXT[k] })),
    { svg: markerLegendSvg('lista1', true), text: 'Ofylld: verkar i flera län' },
  ];
  let files = 0;
  const write = (path: string, text: string) => {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), text);
    files += 1;
  };

  // Start page: the big map (counts of every initiative per län), the filters and the table.
  const max = Math.max(1, ...model.lan.map((l) => l.initiativ.length));
  const classes = countClasses(max);
  const fills = model.lan.map((l) => ({
    lan_kod: l.kod,
    label: `${l.kort}: ${l.initiativ.length} initiativ`,
    fill: classes.fill(l.initiativ.length),
  }));
  const width = 300;
  const map = mapSvg(lanShapes, fills, points(model.initiatives, ''), {
    width,
    height: Math.round(width / ratio),
    title: 'Karta över Sveriges län med klusterinitiativen',
    interactive: true,
    idPrefix: 'karta',
  });
  const data = {
    rader: model.initiatives.map(tableRow),
    lan: model.lan.map((l) => ({ kod: l.kod, kort: l.kort })),
    lq: model.lq,
    typText: KIND_TEXT,
  };
  const n = model.initiatives.length;
  write(
    'index.html',
    Mustache.render(
      template('index'),
      {
        ...common,
        root: '',
        pageTitle: `Klusterkartan ${model.year}: Sveriges klusterinitiativ på karta`,
        bodyClass: 'start',
        lead: `Kartan och tabellen visar de ${n} initiativ som rapporten ${model.title} (${model.year}) räknar med: lista 1 och de strategiska och transnationella nätverken i lista 2. Filtrera på lista, län, sektor eller fritext; vyn sparas i adressen så att den kan delas.`,
        map,
        markers,
        colours: classes.legend,
        rams: model.rams,
        firstRams: model.rams[0]?.kod ?? '',
        kinds: KINDS.map((k) => ({ value: k, text: KIND_TEXT[k] })),
        lan: [...model.lan].sort((a, b) => compareSv(a.kort, b.kort)),
        kategorier: [...new Set(model.initiatives.map((i) => i.kategori))].sort(compareSv),
        countText: `Visar ${n} av ${n} initiativ.`,
        initiatives: model.initiatives.map((i) => ({ ...i, typText: KIND_TEXT[i.typ] })),
        dataJson: scriptJson(data),
      },
      partials,
    ),
  );
  // The compact table on its own too, for anyone who wants the data rather than the page.
  write('data/initiativ.json', `${JSON.stringify(data.rader, null, 1)}\n`);

  const smallMap = (highlight: string[], list: InitiativeDetail[], title: string, id: string) => {
    const w = 200;
    return mapSvg(
      lanShapes,
      model.lan.map((l) => ({
        lan_kod: l.kod,
        label: l.kort,
        fill: highlight.includes(l.kod) ? '#a9c6e0' : '#f1f1ef',
      })),
      points(list, '../'),
      { width: w, height: Math.round(w / ratio), title, idPrefix: id },
    );
  };

  for (const l of model.lan) write(`lan/${l.kod}.html`, lanPage(l, model, smallMap, common, partials));
  for (const i of model.initiatives) {
    const lanLinks = i.lan.map((kod) => ({ kod, namn: model.lan.find((l) => l.kod === kod)?.kort ?? kod }));
    write(
      `initiativ/${i.id}.html`,
      Mustache.render(
        template('initiativ'),
        {
          ...common,
          ...i,
          root: '../',
          pageTitle: `${i.namn} – Klusterkartan ${model.year}`,
          bodyClass: 'initiative',
          typText: KIND_TEXT[i.typ],
          rubrikDiffers: i.rubrik !== i.namn,
          anchor: `i-${i.id}`,
          lanLinks,
          map: smallMap(i.lan, [i], `Karta: ${i.namn} och dess län`, `karta-${i.id}`),
          paragraphs: i.beskrivning
            .split(/\n\s*\n/)
            .map((p) => p.replace(/\s+/g, ' ').trim())
            .filter(Boolean),
          hasCriteria: i.kriterier.length > 0,
          kriterier: i.kriterier.map((k) => ({
            ...k,
            barWidth: k.andel === null ? null : Math.round(100 * k.andel),
          })),
          hasEmployment: i.sysselsattning.length > 0,
          egenProfil: i.egen && ownProfileView(i.namn, i.egen),
        },
        partials,
      ),
    );
  }
  write('app.js', appJs);
  write('site.css', css);
  return files;
}

/** The radar of the report's initiative page with both profiles: the analyst's (filled) and the initiative's own (dashed). */
function ownProfileView(namn: string, egen: NonNullable<InitiativeDetail['egen']>) {
  return {
    svg: radarSvg({
      axes: egen.axes,
      series: [
        {
          values: egen.analytiker,
          className: 'score',
          label: 'Analytikerns bedömning',
          attributes: ANALYST_SERIES,
        },
        {
          values: egen.profil,
          className: 'self',
          label: 'Initiativets egen bedömning',
          attributes: SELF_SERIES,
        },
      ],
      size: 300,
      title: `Kriterieprofil: ${namn}, analytikerns och initiativets egen bedömning`,
      legend: true,
    }),
    hur: egen.hur,
  };
}
const ANALYST_SERIES = { fill: 'rgba(31, 78, 121, 0.35)', stroke: '#1f4e79', 'stroke-width': '1.2' };
const SELF_SERIES = { fill: 'none', stroke: '#b35900', 'stroke-width': '1.4', 'stroke-dasharray': '4 2' };

function lanPage(
  l: LanSummary,
  model: SiteModel,
  smallMap: (h: string[], list: InitiativeDetail[], t: string, id: string) => string,
  common: object,
  partials: Record<string, string>,
): string {
  const list = model.initiatives.filter((i) => i.lan.includes(l.kod));
  const parts = KINDS.filter((k) => l.antal[k] > 0).map(
    (k) =>
      `${l.antal[k]} i ${k === 'lista1' ? 'lista 1' : k === 'strategiskt' ? 'lista 2 (strategiska nätverk)' : 'lista 2 (transnationella nätverk)'}`,
  );
  const summary = list.length
    ? `${l.namn} har ${list.length} av rapportens initiativ: ${parts.join(', ')}. Ett initiativ som verkar i flera län räknas i vart och ett av dem.`
    : `Inget av rapportens initiativ verkar i ${l.namn}.`;
  return Mustache.render(
    template('lan'),
    {
      ...common,
      ...l,
      root: '../',
      pageTitle: `${l.namn} – Klusterkartan ${model.year}`,
      bodyClass: 'lan',
      summary,
      hasInitiatives: list.length > 0,
      initiativ: list.map((i) => ({ ...i, typText: KIND_TEXT[i.typ], kommun: i.kommun || '–' })),
      map: smallMap([l.kod], list, `Karta: ${l.namn} och dess initiativ`, `karta-${l.kod}`),
      portfolioText: `Branscherna är SCB:s RAMS-grupper (SNI 2007). Lokaliseringskvoten jämför branschens andel av sysselsättningen i länet med dess andel i hela riket; över 1 betyder att branschen är större i länet än i landet som helhet.`,
      sektorer: l.sektorer.map((s) => ({
        ...s,
        barWidth: s.lqValue === null ? null : Math.round(Math.min(1, s.lqValue / 3) * 100),
      })),
      methodText: `Rapportens metoddel (3.3.1) ställer den kvantitativa bilden av var branscher är koncentrerade bredvid den kvalitativa listan av initiativ. Här visas var de två inte stämmer överens i ${l.namn}. En tydlig specialisering räknas här från LQ ${formatDecimal(CLEAR_LQ, 2)} (en fjärdedel över rikets andel).`,
      clearLq: formatDecimal(CLEAR_LQ, 2),
      hasSpecialised: l.specialiseradUtanInitiativ.length > 0,
      hasUnspecialised: l.utanSpecialisering.length > 0,
    },
    partials,
  );
}
