import { displayPath } from '@kk/core';
import { compareSv } from '@kk/swedish';
import daff from 'daff';
import {
  antal,
  faltLabel,
  fmtDiffInt,
  fmtDiffLq,
  fmtInt,
  fmtLq,
  placering,
  statisticsLabels,
  TYP_SV,
  valueLabel,
} from './swedish.ts';
import { CHANGE_TYPES, type Change, type EditionDiff, type PlainTable } from './types.ts';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function table(columns: string[], rows: string[][], numeric: number[] = [], cls = 'plain'): string {
  const cell = (tag: 'th' | 'td', v: string, i: number) =>
    `<${tag}${numeric.includes(i) ? ' class="num"' : ''}>${esc(v)}</${tag}>`;
  return (
    `<table class="${cls === 'plain' ? 'plain' : `plain ${cls}`}"><thead><tr>${columns.map((c, i) => cell('th', c, i)).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`).join('\n') +
    '</tbody></table>'
  );
}

/** daff's table diff of two tables keyed by their first column, unchanged rows left out. */
function tableDiff(a: PlainTable, b: PlainTable): string {
  if (a.length <= 1 && b.length <= 1) return '<p class="none">Inga skillnader.</p>';
  const header = a[0] ?? b[0];
  const flags = new daff.CompareFlags();
  flags.ordered = false;
  flags.unchanged_context = 0;
  flags.show_unchanged_columns = false;
  flags.unchanged_column_context = 0;
  flags.addPrimaryKey(header[0]);
  const ta = new daff.TableView(a.length ? a : [header]);
  const tb = new daff.TableView(b.length ? b : [header]);
  const alignment = daff.compareTables(ta, tb, flags).align();
  const out: string[][] = [];
  const td = new daff.TableView(out);
  new daff.TableDiff(alignment, flags).hilite(td);
  const render = new daff.DiffRender();
  render.usePrettyArrows(true);
  render.quoteHtml(true);
  render.render(td);
  // daff writes "a→b" in one cell; a line break before the arrow keeps long cells (contacts, funders) readable.
  return `<div class="highlighter">${render.html().replaceAll('→', '<br>→ ')}</div>`;
}

const CSS = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #d5d9e2; --head: #eef1f6; --add: #dff3e3; --remove: #fbe1e1;
  --modify: #e3ebfb; --accent: #1f4e8c; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0;
  background: #fafbfc; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 32px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 18px; }
p.note, p.none { color: var(--muted); font-size: 13px; }
nav { margin: 12px 0 8px; font-size: 14px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0; }
.card { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card b { display: block; font-size: 24px; color: var(--accent); }
.card span { font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; background: white; margin: 6px 0 12px; font-size: 13.5px; }
table.plain th, table.plain td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.plain th { background: var(--head); font-weight: 600; }
table.plain td.num, table.plain th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { color: var(--muted); font-size: 12px; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 8px; border: 1px solid var(--line); font-size: 13px; }
.highlighter { overflow-x: auto; }
table.employment { font-size: 12.5px; }
table.employment td:nth-child(2), table.employment td:nth-child(3) { white-space: nowrap; }
.highlighter table { font-size: 13px; }
.highlighter td, .highlighter th { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top;
  white-space: pre-wrap; max-width: 230px; overflow-wrap: break-word; }
.highlighter th, .highlighter .header { background: var(--head); text-align: left; }
.highlighter .add { background: var(--add); }
.highlighter .remove { background: var(--remove); }
.highlighter td.modify { background: var(--modify); }
.highlighter .spec, .highlighter .index { background: white; color: var(--muted); }
.highlighter .null { color: var(--muted); }
footer { margin-top: 40px; font-size: 13px; color: var(--muted); }
`;

function rowsOf(diff: EditionDiff, typ: Change['typ']): Change[] {
  return diff.changes.filter((c) => c.typ === typ);
}

function capped<T>(rows: T[], limit: number): { rows: T[]; note: string } {
  if (rows.length <= limit) return { rows, note: '' };
  return {
    rows: rows.slice(0, limit),
    note: `<p class="note">Visar ${fmtInt(limit)} av ${fmtInt(rows.length)} rader; alla finns i changes.csv.</p>`,
  };
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>\n${body}</section>\n`;
}

function entityChanges(diff: EditionDiff): string {
  const a = diff.a.label;
  const b = diff.b.label;
  const parts: string[] = [];
  const sub = (typ: Change['typ'], columns: string[], row: (c: Change) => string[]) => {
    const all = rowsOf(diff, typ);
    const { rows, note } = capped(all, diff.limit);
    parts.push(
      `<h3>${esc(TYP_SV[typ])} (${fmtInt(all.length)})</h3>` +
        (all.length ? table(columns, rows.map(row)) + note : '<p class="none">Inga.</p>'),
    );
  };
  sub('tillagd', ['Initiativ', 'Id', `Placering ${b}`], (c) => [c.namn, c.entity_b, placering(c.till)]);
  sub('borttagen', ['Initiativ', 'Id', `Placering ${a}`], (c) => [c.namn, c.entity_a, placering(c.fran)]);
  sub('namnbyte', [`Namn ${a}`, `Namn ${b}`, `Id ${a}`, `Id ${b}`, 'Samma uppgifter'], (c) =>
    c.falt === 'namn'
      ? [c.fran, c.till, c.entity_a, c.entity_b, c.grund ?? '']
      : [c.namn, c.namn, c.fran, c.till, c.grund ?? ''],
  );
  sub('flyttad', ['Initiativ', `Placering ${a}`, `Placering ${b}`], (c) => [
    c.namn,
    placering(c.fran),
    placering(c.till),
  ]);
  const matched = diff.renames.length
    ? `<p class="note">Namnbyten hittas med dedupe-stegets matchning bland initiativ som bara finns i den ena utgåvan: ${diff.renames
        .map(
          (r) =>
            `${esc(r.namn_a)} → ${esc(r.namn_b)} (sannolikhet ${fmtLq(r.sannolikhet)}; samma ${esc(r.grund)})`,
        )
        .join('; ')}.</p>`
    : '';
  return parts.join('\n') + matched;
}

function fieldChanges(diff: EditionDiff, typ: 'faktaandring' | 'bedomningsandring'): string {
  const all = rowsOf(diff, typ);
  if (!all.length) return '<p class="none">Inga.</p>';
  const { rows, note } = capped(all, diff.limit);
  return (
    table(
      ['Initiativ', 'Uppgift', diff.a.label, diff.b.label],
      rows.map((c) => [c.namn, faltLabel(c.falt), valueLabel(c.falt, c.fran), valueLabel(c.falt, c.till)]),
    ) + note
  );
}

function employment(diff: EditionDiff): string {
  const years = (s: number[]) => s.join(', ') || '–';
  const intro = `<p>Statistikår ${esc(years(diff.a.statistikar))} i utgåvan ${esc(diff.a.label)}, ${esc(years(diff.b.statistikar))} i utgåvan ${esc(diff.b.label)}. ${
    diff.a.riketTotalt !== null && diff.b.riketTotalt !== null
      ? `Förvärvsarbetande i riket: ${fmtInt(diff.a.riketTotalt)} respektive ${fmtInt(diff.b.riketTotalt)}. `
      : ''
  }Sysselsatta i initiativets sektor i dess län (alla län tillsammans) och lokaliseringskvoten (LQ).</p>`;
  if (!diff.employment.length) return `${intro}<p class="none">Inga ändringar.</p>`;
  const [ya, yb] = statisticsLabels(diff);
  const rows = [...diff.employment]
    .sort((x, y) => compareSv(x.namn, y.namn))
    .map((e) => [
      e.namn,
      SHORT_PLACEMENT[e.utfall_b] ?? placering(e.utfall_b),
      e.lan_a === e.lan_b ? e.lan_b : `${e.lan_a || '–'} → ${e.lan_b || '–'}`,
      e.bransch_a === e.bransch_b ? e.bransch_b : `${e.bransch_a || '–'} → ${e.bransch_b || '–'}`,
      fmtInt(e.sysselsatta_a),
      fmtInt(e.sysselsatta_b),
      fmtDiffInt(e.sysselsatta_a, e.sysselsatta_b),
      fmtLq(e.lq_a),
      fmtLq(e.lq_b),
      fmtDiffLq(e.lq_a, e.lq_b),
    ]);
  const note =
    diff.employmentTotal > diff.employment.length
      ? `<p class="note">Visar ${fmtInt(diff.employment.length)} av ${fmtInt(diff.employmentTotal)} initiativ; alla finns i changes.csv.</p>`
      : '';
  return (
    intro +
    table(
      [
        'Initiativ',
        `Placering ${diff.b.label}`,
        'Län',
        'Bransch',
        `Sysselsatta ${ya}`,
        `Sysselsatta ${yb}`,
        'Förändring',
        `LQ ${ya}`,
        `LQ ${yb}`,
        'Förändring LQ',
      ],
      rows,
      [4, 5, 6, 7, 8, 9],
      'employment',
    ) +
    note
  );
}

const SHORT_PLACEMENT: Record<string, string> = {
  list1: 'lista 1',
  'list2-strategic': 'lista 2, strat.',
  'list2-transnational': 'lista 2, transn.',
  rejected: 'bortsorterad',
};

function shape(diff: EditionDiff): string {
  const s = diff.shape;
  const items: string[] = [
    ...s.listsAdded.map(
      (l) => `Ny källista <b>${esc(l.fil)}</b> (${esc(l.ursprung)}, ${antal(l.rader, 'rad', 'rader')}).`,
    ),
    ...s.listsDropped.map(
      (l) =>
        `Källistan <b>${esc(l.fil)}</b> (${esc(l.ursprung)}, ${antal(l.rader, 'rad', 'rader')}) finns inte längre.`,
    ),
    ...s.listColumnsAdded.map(
      (c) =>
        `Listan <b>${esc(c.fil)}</b> har en ny kolumn, <b>${esc(c.kolumn)}</b> (inte mappad i kolumner.csv).`,
    ),
    ...s.listColumnsDropped.map(
      (c) => `Listan <b>${esc(c.fil)}</b> saknar kolumnen <b>${esc(c.kolumn)}</b>.`,
    ),
    ...s.tableColumnsAdded.map((c) => `Tabellen ${esc(c.table)} har en ny kolumn, <b>${esc(c.column)}</b>.`),
    ...s.tableColumnsDropped.map((c) => `Tabellen ${esc(c.table)} saknar kolumnen <b>${esc(c.column)}</b>.`),
    ...s.tablesMissing.map(
      (t) =>
        `Tabellen ${esc(t.table)} saknas i utgåvan ${esc(t.edition === 'a' ? diff.a.label : diff.b.label)} (läst som tom).`,
    ),
  ];
  return items.length
    ? `<ul>${items.map((i) => `<li>${i}</li>`).join('\n')}</ul>`
    : '<p class="none">Samma källistor, kolumner och tabeller.</p>';
}

function outcomes(diff: EditionDiff): string {
  const keys = ['list1', 'list2-strategic', 'list2-transnational', 'rejected'];
  const extra = [...new Set([...Object.keys(diff.a.outcomes), ...Object.keys(diff.b.outcomes)])].filter(
    (k) => !keys.includes(k),
  );
  const rows = [...keys, ...extra].map((k) => {
    const x = diff.a.outcomes[k] ?? 0;
    const y = diff.b.outcomes[k] ?? 0;
    return [placering(k), fmtInt(x), fmtInt(y), fmtDiffInt(x, y)];
  });
  rows.push([
    'Alla entiteter',
    fmtInt(diff.a.entities),
    fmtInt(diff.b.entities),
    fmtDiffInt(diff.a.entities, diff.b.entities),
  ]);
  return table(['Placering', diff.a.label, diff.b.label, 'Förändring'], rows, [1, 2, 3]);
}

/** The diff as one self-contained HTML page for people, in Swedish. */
export function diffHtml(diff: EditionDiff): string {
  const a = esc(diff.a.label);
  const b = esc(diff.b.label);
  const cards = CHANGE_TYPES.map(
    (t) =>
      `<a class="card" href="#${t}" style="text-decoration:none"><b>${fmtInt(diff.counts[t])}</b><span>${esc(TYP_SV[t])}</span></a>`,
  ).join('');
  const legend =
    '<p class="legend"><span style="background:var(--add)">+++ tillagd rad</span><span style="background:var(--remove)">--- borttagen rad</span><span style="background:var(--modify)">→ ändrat värde</span></p>';
  const body = [
    section('oversikt', 'Listorna i siffror', outcomes(diff)),
    section(
      'initiativ',
      'Initiativ: tillagda, borttagna, namnbyten och flyttade',
      `<div id="tillagd"></div><div id="borttagen"></div><div id="namnbyte"></div><div id="flyttad"></div>${entityChanges(diff)}`,
    ),
    section(
      'listor',
      'Listorna som tabelldiff',
      `<p>Initiativ som tillkommit, försvunnit, bytt namn eller flyttats, nycklade på id i utgåvan ${b}.</p>${legend}${tableDiff(diff.tables.lists.a, diff.tables.lists.b)}`,
    ),
    section('faktaandring', 'Ändrade faktauppgifter', fieldChanges(diff, 'faktaandring')),
    section(
      'faktablad',
      'Faktabladen som tabelldiff',
      `<p>Faktabladen för initiativ som finns i båda utgåvorna och har ändrats (ett initiativ som fått eller förlorat sitt faktablad står i tabellen ovan). Oförändrade kolumner är utelämnade.</p>${legend}${tableDiff(diff.tables.factsheets.a, diff.tables.factsheets.b)}`,
    ),
    section('bedomningsandring', 'Ändrade bedömningar', fieldChanges(diff, 'bedomningsandring')),
    section('sysselsattning', 'Sysselsättning och lokaliseringskvot', employment(diff)),
    section('form', 'Källistor, kolumner och tabeller', shape(diff)),
  ].join('\n');
  const where =
    diff.a.buildDir && diff.b.buildDir
      ? `Jämför ${esc(displayPath(diff.a.buildDir))} med ${esc(displayPath(diff.b.buildDir))}. `
      : '';
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Förändringar ${a}–${b} · Kartläggning av svenska klusterinitiativ</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>Förändringar mellan utgåva ${a} och ${b}</h1>
<p class="lead">Kartläggning av svenska klusterinitiativ: initiativ för initiativ, efter stabila id. ${fmtInt(diff.matched)} initiativ finns i båda utgåvorna.</p>
<nav><a href="#oversikt">Översikt</a><a href="#initiativ">Initiativ</a><a href="#listor">Listorna</a><a href="#faktaandring">Faktauppgifter</a><a href="#faktablad">Faktabladen</a><a href="#bedomningsandring">Bedömningar</a><a href="#sysselsattning">Sysselsättning</a><a href="#form">Form</a></nav>
<div class="cards">${cards}</div>
${body}
<footer>${where}Maskinläsbart: changes.csv (en rad per ändring) och summary.json. Skapad med <code>npm run diff</code> (packages/diff).</footer>
</main>
</body>
</html>
`;
}
