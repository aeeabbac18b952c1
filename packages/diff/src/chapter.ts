import { compareSv } from '@kk/swedish';
import {
  antal,
  faltLabel,
  fmtInt,
  fmtLq,
  joinSv,
  placering,
  statisticsLabels,
  valueLabel,
} from './swedish.ts';
import type { Change, EditionDiff } from './types.ts';

/** The report's chapter, shaped as ChangesChapter in pipelines/report/src/inputs.ts (plain text; the report escapes). */
export interface ChangesChapter {
  title: string;
  paragraphs: string[];
  groups: { heading: string; columns: string[]; rows: { cells: string[] }[] }[];
}

export const CHAPTER_TITLE = 'Förändringar sedan föregående utgåva';

/** The decisions and judgments a reader of the report follows; the rest (sub-indicators, grounds) is in the HTML. */
const ASSESSMENT_FIELDS = /^(beslut|organisationstyp|aktiv|egen_webbplats|kriterium_\d+\.bedomning)$/;

const byName = (x: { namn: string }, y: { namn: string }) => compareSv(x.namn, y.namn);
const distinct = (changes: Change[]) => new Set(changes.map((c) => c.entity_b || c.entity_a)).size;

function outcomeSentence(d: EditionDiff): string {
  const o = (side: 'a' | 'b', k: string) => d[side].outcomes[k] ?? 0;
  const list2 = (side: 'a' | 'b') => o(side, 'list2-strategic') + o(side, 'list2-transnational');
  return (
    `I lista 1 finns ${antal(o('b', 'list1'), 'klusterinitiativ', 'klusterinitiativ')} (${fmtInt(o('a', 'list1'))} i utgåvan ${d.a.label}), ` +
    `i lista 2 finns ${antal(list2('b'), 'nätverk', 'nätverk')} (${fmtInt(list2('a'))}), varav ` +
    `${fmtInt(o('b', 'list2-strategic'))} strategiska (${fmtInt(o('a', 'list2-strategic'))}) och ` +
    `${fmtInt(o('b', 'list2-transnational'))} transnationella (${fmtInt(o('a', 'list2-transnational'))}). ` +
    `${fmtInt(o('b', 'rejected'))} kandidater sorterades bort (${fmtInt(o('a', 'rejected'))}).`
  );
}

function changeSentence(d: EditionDiff, of: (t: Change['typ']) => Change[]): string {
  const facts = distinct(of('faktaandring'));
  const judged = distinct(of('bedomningsandring'));
  return (
    `Sedan utgåvan ${d.a.label} har ${antal(of('tillagd').length, 'initiativ', 'initiativ')} tillkommit, ` +
    `${fmtInt(of('borttagen').length)} försvunnit, ${fmtInt(distinct(of('namnbyte')))} bytt namn och ` +
    `${fmtInt(distinct(of('flyttad')))} flyttats mellan listorna eller ut ur dem. Faktauppgifterna har ändrats för ` +
    `${antal(facts, 'initiativ', 'initiativ')} och bedömningen för ${antal(judged, 'initiativ', 'initiativ')}.`
  );
}

function employmentSentence(d: EditionDiff): string | undefined {
  const ya = d.a.statistikar[d.a.statistikar.length - 1];
  const yb = d.b.statistikar[d.b.statistikar.length - 1];
  if (ya === undefined && yb === undefined) return undefined;
  const total =
    d.a.riketTotalt !== null && d.b.riketTotalt !== null
      ? `: ${fmtInt(d.b.riketTotalt)} förvärvsarbetande i riket (${fmtInt(d.a.riketTotalt)})`
      : '';
  const years =
    ya === yb
      ? `Sysselsättningsuppgifterna avser ${yb} i båda utgåvorna`
      : `Sysselsättningsuppgifterna avser ${yb ?? '–'} (${ya ?? '–'} i föregående utgåva)${total}`;
  return (
    `${years}. Uppgifterna har ändrats för ${antal(d.employmentTotal, 'initiativ', 'initiativ')}` +
    (d.employmentTop.length
      ? '; tabellen visar de största förändringarna av lokaliseringskvoten bland initiativen i lista 1.'
      : '.')
  );
}

function shapeSentence(d: EditionDiff): string | undefined {
  const s = d.shape;
  const parts: string[] = [];
  const list = (l: { fil: string; ursprung: string }) => `${l.fil} (${l.ursprung})`;
  if (s.listsAdded.length)
    parts.push(
      `${s.listsAdded.length === 1 ? 'källistan' : 'källistorna'} ${joinSv(s.listsAdded.map(list))} har tillkommit`,
    );
  if (s.listsDropped.length)
    parts.push(
      `${s.listsDropped.length === 1 ? 'källistan' : 'källistorna'} ${joinSv(s.listsDropped.map(list))} har utgått`,
    );
  for (const c of s.listColumnsAdded) parts.push(`listan ${c.fil} har en ny kolumn, ${c.kolumn}`);
  for (const c of s.listColumnsDropped) parts.push(`listan ${c.fil} saknar kolumnen ${c.kolumn}`);
  const tables = s.tableColumnsAdded.length + s.tableColumnsDropped.length + s.tablesMissing.length;
  if (tables)
    parts.push(`${antal(tables, 'skillnad', 'skillnader')} i utdatatabellernas form (se diff.html)`);
  if (!parts.length) return undefined;
  const text = joinSv(parts);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The chapter "Förändringar sedan föregående utgåva" of edition B's report. */
export function chapterOf(d: EditionDiff): ChangesChapter {
  const of = (t: Change['typ']) => d.changes.filter((c) => c.typ === t).sort(byName);
  const paragraphs = [
    `Kapitlet jämför utgåvan ${d.b.label} med föregående utgåva, ${d.a.label}, initiativ för initiativ. ` +
      'Initiativen följs med sina stabila id; ett initiativ som fått nytt id men har samma webbadress, ' +
      'kontaktuppgifter eller namn räknas som samma initiativ under nytt namn.',
    outcomeSentence(d),
    changeSentence(d, of),
    employmentSentence(d),
    shapeSentence(d),
  ].filter((p): p is string => Boolean(p));

  const groups: ChangesChapter['groups'] = [];
  const group = (heading: string, columns: string[], rows: string[][]) => {
    if (rows.length) groups.push({ heading, columns, rows: rows.map((cells) => ({ cells })) });
  };
  group(
    'Nya initiativ',
    ['Initiativ', 'Placering'],
    of('tillagd').map((c) => [c.namn, placering(c.till)]),
  );
  group(
    'Initiativ som inte längre finns med',
    ['Initiativ', `Placering ${d.a.label}`],
    of('borttagen').map((c) => [c.namn, placering(c.fran)]),
  );
  group(
    'Namnbyten',
    ['Tidigare namn', 'Nytt namn', 'Samma uppgifter'],
    of('namnbyte').map((c) =>
      c.falt === 'namn'
        ? [c.fran, c.till, c.grund ?? '']
        : [`${c.namn} (${c.fran})`, `${c.namn} (${c.till})`, c.grund ?? ''],
    ),
  );
  group(
    'Flyttade initiativ',
    ['Initiativ', d.a.label, d.b.label],
    of('flyttad').map((c) => [c.namn, placering(c.fran), placering(c.till)]),
  );
  group(
    'Ändrade faktauppgifter',
    ['Initiativ', 'Uppgift', d.a.label, d.b.label],
    of('faktaandring').map((c) => [
      c.namn,
      faltLabel(c.falt),
      valueLabel(c.falt, c.fran),
      valueLabel(c.falt, c.till),
    ]),
  );
  group(
    'Ändrade bedömningar',
    ['Initiativ', 'Uppgift', d.a.label, d.b.label],
    of('bedomningsandring')
      .filter((c) => ASSESSMENT_FIELDS.test(c.falt))
      .map((c) => [c.namn, faltLabel(c.falt), valueLabel(c.falt, c.fran), valueLabel(c.falt, c.till)]),
  );
  const [ya, yb] = statisticsLabels(d);
  group(
    'Lokaliseringskvoten: de största förändringarna i lista 1',
    ['Initiativ', `Sysselsatta ${ya}`, `Sysselsatta ${yb}`, `LQ ${ya}`, `LQ ${yb}`],
    d.employmentTop.map((e) => [
      e.namn,
      fmtInt(e.sysselsatta_a),
      fmtInt(e.sysselsatta_b),
      fmtLq(e.lq_a),
      fmtLq(e.lq_b),
    ]),
  );
  return { title: CHAPTER_TITLE, paragraphs, groups };
}
