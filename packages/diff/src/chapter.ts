import { compareSv } from '@kk/swedish';
import type { ChangesKapitelRaderRow, ChangesKapitelRow } from '@kk/tables';
import { faltLabel, fmtInt, fmtLq, placering, valueLabel } from './swedish.ts';
import type { Change, EditionDiff } from './types.ts';

// The facts of the report's chapter on changes, as the changes stage's tables `kapitel` and `kapitel_rader`
// declare them (pipelines/changes/models/schema.json). The chapter's words are the report's
// (pipelines/report/templates/forandringar.json); here are only the figures and the rows of its tables.

/** One row of `kapitel` (the figures the chapter's paragraphs state) and of `kapitel_rader` (a row of one of its
 * tables or a changed source list, cells as shown): the rows the changes stage hands to its models. */
type ChapterFacts = ChangesKapitelRow;
type ChapterRow = ChangesKapitelRaderRow;

/** The decisions and judgments a reader of the report follows; the rest (sub-indicators, grounds) is in the HTML. */
const ASSESSMENT_FIELDS = /^(beslut|organisationstyp|aktiv|egen_webbplats|kriterium_\d+\.bedomning)$/;

const byName = (x: { namn: string }, y: { namn: string }) => compareSv(x.namn, y.namn);
const distinct = (changes: Change[]) => new Set(changes.map((c) => c.entity_b || c.entity_a)).size;

/** The facts of the chapter "Förändringar sedan föregående utgåva" of edition B's report. */
export function chapterFacts(d: EditionDiff): { kapitel: ChapterFacts; rader: ChapterRow[] } {
  const of = (t: Change['typ']) => d.changes.filter((c) => c.typ === t).sort(byName);
  const o = (side: 'a' | 'b', k: string) => d[side].outcomes[k] ?? 0;
  const s = d.shape;
  const kapitel: ChapterFacts = {
    utgava_a: d.a.label,
    utgava_b: d.b.label,
    lista1_a: o('a', 'list1'),
    lista1_b: o('b', 'list1'),
    strategiska_a: o('a', 'list2-strategic'),
    strategiska_b: o('b', 'list2-strategic'),
    transnationella_a: o('a', 'list2-transnational'),
    transnationella_b: o('b', 'list2-transnational'),
    bortsorterade_a: o('a', 'rejected'),
    bortsorterade_b: o('b', 'rejected'),
    tillagda: of('tillagd').length,
    borttagna: of('borttagen').length,
    namnbyten: distinct(of('namnbyte')),
    flyttade: distinct(of('flyttad')),
    faktaandrade: distinct(of('faktaandring')),
    bedomningsandrade: distinct(of('bedomningsandring')),
    statistikar_a: d.a.statistikar[d.a.statistikar.length - 1] ?? null,
    statistikar_b: d.b.statistikar[d.b.statistikar.length - 1] ?? null,
    ett_statistikar: d.a.statistikar.length === 1 && d.b.statistikar.length === 1,
    riket_a: d.a.riketTotalt,
    riket_b: d.b.riketTotalt,
    sysselsattning_andrade: d.employmentTotal,
    tabellskillnader: s.tableColumnsAdded.length + s.tableColumnsDropped.length + s.tablesMissing.length,
  };
  const rader: ChapterRow[] = [];
  const group = (grupp: string, rows: string[][]) => {
    for (const [cell1, cell2, cell3 = null, cell4 = null, cell5 = null] of rows)
      rader.push({ ordning: rader.length + 1, grupp, cell1, cell2, cell3, cell4, cell5 });
  };
  group(
    'tillagd',
    of('tillagd').map((c) => [c.namn, placering(c.till)]),
  );
  group(
    'borttagen',
    of('borttagen').map((c) => [c.namn, placering(c.fran)]),
  );
  group(
    'namnbyte',
    of('namnbyte').map((c) =>
      c.falt === 'namn'
        ? [c.fran, c.till, c.grund ?? '']
        : [`${c.namn} (${c.fran})`, `${c.namn} (${c.till})`, c.grund ?? ''],
    ),
  );
  group(
    'flyttad',
    of('flyttad').map((c) => [c.namn, placering(c.fran), placering(c.till)]),
  );
  group(
    'faktaandring',
    of('faktaandring').map((c) => [
      c.namn,
      faltLabel(c.falt),
      valueLabel(c.falt, c.fran),
      valueLabel(c.falt, c.till),
    ]),
  );
  group(
    'bedomningsandring',
    of('bedomningsandring')
      .filter((c) => ASSESSMENT_FIELDS.test(c.falt))
      .map((c) => [c.namn, faltLabel(c.falt), valueLabel(c.falt, c.fran), valueLabel(c.falt, c.till)]),
  );
  group(
    'lq',
    d.employmentTop.map((e) => [
      e.namn,
      fmtInt(e.sysselsatta_a),
      fmtInt(e.sysselsatta_b),
      fmtLq(e.lq_a),
      fmtLq(e.lq_b),
    ]),
  );
  // The source lists and list columns added or dropped, named in the chapter's last paragraph.
  const lists = { kallista_tillkommen: s.listsAdded, kallista_utgangen: s.listsDropped };
  for (const [grupp, rows] of Object.entries(lists))
    group(
      grupp,
      rows.map((l) => [l.fil, l.ursprung]),
    );
  const columns = { kolumn_tillkommen: s.listColumnsAdded, kolumn_utgangen: s.listColumnsDropped };
  for (const [grupp, rows] of Object.entries(columns))
    group(
      grupp,
      rows.map((c) => [c.fil, c.kolumn]),
    );
  return { kapitel, rader };
}
