// The chapter on changes since the previous edition, from the facts the changes stage declares (kapitel,
// kapitel_rader) and the report's words for it (templates/forandringar.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangesKapitelRaderRow, ChangesKapitelRow } from '@kk/tables';
import { fill } from './fill.ts';
import { TEMPLATES } from './html.ts';
import type { ChangesChapter } from './inputs.ts';
import { capitalise, formatInteger, joinSv } from './swedish.ts';

interface TableText {
  rubrik: string;
  kolumner: string[];
}

const TEXTS = JSON.parse(readFileSync(join(TEMPLATES, 'forandringar.json'), 'utf8')) as Record<
  string,
  string
> & {
  tabeller: Record<string, TableText>;
};

/** The tables of the chapter, in its order (the other groups of kapitel_rader are the changed source lists). */
const TABLES = ['tillagd', 'borttagen', 'namnbyte', 'flyttad', 'faktaandring', 'bedomningsandring', 'lq'];

/** The chapter "Förändringar sedan föregående utgåva": paragraphs and tables as plain text (the page escapes). */
export function changesChapter(k: ChangesKapitelRow, rader: ChangesKapitelRaderRow[]): ChangesChapter {
  const of = (grupp: string) => rader.filter((r) => r.grupp === grupp);
  const n = formatInteger;
  const editions = { a: k.utgava_a, b: k.utgava_b };
  const paragraphs = [
    fill(TEXTS.inledning, editions),
    fill(TEXTS.listorna, {
      ...editions,
      lista1_a: n(k.lista1_a),
      lista1_b: n(k.lista1_b),
      lista2_a: n(k.strategiska_a + k.transnationella_a),
      lista2_b: n(k.strategiska_b + k.transnationella_b),
      strategiska_a: n(k.strategiska_a),
      strategiska_b: n(k.strategiska_b),
      transnationella_a: n(k.transnationella_a),
      transnationella_b: n(k.transnationella_b),
      bortsorterade_a: n(k.bortsorterade_a),
      bortsorterade_b: n(k.bortsorterade_b),
    }),
    fill(TEXTS.andringar, {
      ...editions,
      tillagda: n(k.tillagda),
      borttagna: n(k.borttagna),
      namnbyten: n(k.namnbyten),
      flyttade: n(k.flyttade),
      faktaandrade: n(k.faktaandrade),
      bedomningsandrade: n(k.bedomningsandrade),
    }),
    employmentParagraph(k, of('lq').length > 0),
    shapeParagraph(k, of),
  ].filter((p): p is string => Boolean(p));

  // The employment columns name the statistics years when each edition has one and they differ.
  const years =
    k.ett_statistikar && k.statistikar_a !== k.statistikar_b
      ? { ya: String(k.statistikar_a), yb: String(k.statistikar_b) }
      : {
          ya: fill(TEXTS.statistik_utgava, { utgava: k.utgava_a }),
          yb: fill(TEXTS.statistik_utgava, { utgava: k.utgava_b }),
        };
  const groups = TABLES.flatMap((grupp) => {
    const rows = of(grupp);
    const text = TEXTS.tabeller[grupp];
    if (!rows.length) return [];
    return [
      {
        heading: text.rubrik,
        columns: text.kolumner.map((c) => fill(c, { ...editions, ...years })),
        rows: rows.map((r) => ({
          cells: [r.cell1, r.cell2, r.cell3, r.cell4, r.cell5].filter((c): c is string => c !== null),
        })),
      },
    ];
  });
  return { title: TEXTS.titel, paragraphs, groups };
}

function employmentParagraph(k: ChangesKapitelRow, table: boolean): string | undefined {
  if (k.statistikar_a === null && k.statistikar_b === null) return undefined;
  const riket =
    k.riket_a !== null && k.riket_b !== null
      ? fill(TEXTS.riket, { riket_a: formatInteger(k.riket_a), riket_b: formatInteger(k.riket_b) })
      : '';
  const ar =
    k.statistikar_a === k.statistikar_b
      ? fill(TEXTS.statistikar_samma, { ar_b: String(k.statistikar_b) })
      : fill(TEXTS.statistikar, {
          ar_b: String(k.statistikar_b ?? '–'),
          ar_a: String(k.statistikar_a ?? '–'),
        }) + riket;
  return fill(table ? TEXTS.sysselsattning_med_tabell : TEXTS.sysselsattning, {
    ar,
    andrade: formatInteger(k.sysselsattning_andrade),
  });
}

function shapeParagraph(
  k: ChangesKapitelRow,
  of: (grupp: string) => ChangesKapitelRaderRow[],
): string | undefined {
  const lists = (grupp: string, one: string, many: string) => {
    const rows = of(grupp);
    if (!rows.length) return [];
    const listor = joinSv(rows.map((r) => fill(TEXTS.kallista, { fil: r.cell1, ursprung: r.cell2 })));
    return [fill(rows.length === 1 ? TEXTS[one] : TEXTS[many], { listor })];
  };
  const columns = (grupp: string) =>
    of(grupp).map((r) => fill(TEXTS[grupp], { fil: r.cell1, kolumn: r.cell2 }));
  const parts = [
    ...lists('kallista_tillkommen', 'kallista_tillkommen', 'kallistor_tillkomna'),
    ...lists('kallista_utgangen', 'kallista_utgangen', 'kallistor_utgangna'),
    ...columns('kolumn_tillkommen'),
    ...columns('kolumn_utgangen'),
  ];
  if (k.tabellskillnader)
    parts.push(
      fill(k.tabellskillnader === 1 ? TEXTS.tabellskillnad : TEXTS.tabellskillnader, {
        antal: formatInteger(k.tabellskillnader),
      }),
    );
  if (!parts.length) return undefined;
  return `${capitalise(joinSv(parts))}.`;
}
