// Compares the transcribed prose (raw/2009/content/*.md) and the criteria data (raw/2009/criteria/*.csv)
// with the seed text (the PDF extraction of the published report).
//
// Like the fact-sheet check, the comparison ignores whitespace, dashes and bullets (`squash`): those are what
// the extraction scrambles. On top of that it accounts for
//   - footnotes: the seed prints each footnote's number in the text and its text at the foot of the page, after a
//     separator line. Our body gets each `^[…]` replaced by its running number (1–28 through the report), the
//     seed span loses its footnote blocks, and the footnote texts are compared separately, in order;
//   - placeholders: each mustache placeholder is replaced by the seed's words at that place (PLACEHOLDERS);
//   - boxes: the Källa boxes are compared with their own seed lines, wherever the seed's layout printed them;
//   - Markdown syntax, which is removed (and checked to be only the syntax the spec allows).
// On top of the text: headings (text and level), quotes and list items (checkStructure), paragraph breaks
// (checkParagraphBreaks), and a word check that catches words run together or split, which the whitespace-blind
// comparison cannot see. The criteria CSVs are checked against section 4.2 and Diagram 1 (checkCriteria).

import { parse } from 'csv-parse/sync';
import { squash } from './factsheet-check.ts';

export interface CheckResult {
  id: string;
  ok: boolean;
  message?: string;
}

/** Where each content file's text lies in the seed: from the start line up to (not including) the end line. */
export interface SeedSpan {
  file: string;
  start: RegExp;
  /** First line after the span, searched from the start line on; null: to the end of the seed. */
  end: RegExp | null;
}

export const SPANS: SeedSpan[] = [
  { file: 'forord.md', start: /^\s*Förord\s*$/, end: /^\s*1 Inledning\s*$/ },
  { file: '1-inledning.md', start: /^\s*1 Inledning\s*$/, end: /^\s*2 Tidigare studier\s*$/ },
  // Chapter 2 ends with footnote 16; the next page opens with the Källa 1 box, printed before "3 Metod".
  { file: '2-tidigare-studier.md', start: /^\s*2 Tidigare studier\s*$/, end: /^\s*Källa 1\s*$/ },
  { file: '3-metod.md', start: /^\s*Källa 1\s*$/, end: /^\s*4 Resultat\s*$/ },
  { file: '4-1-sammanfattande-slutsatser.md', start: /^\s*4 Resultat\s*$/, end: /^\s*4\.2 Kriterier för/ },
  { file: '4-2-kriterier.md', start: /^\s*4\.2 Kriterier för/, end: /^\s*1 - Tydlig samorganisation/ },
  {
    file: '4-3-informationsbeskrivning.md',
    start: /^\s*4\.3 Klusterkartan/,
    end: /^\s*Initiativ Geografiskt område sida\s*$/i,
  },
  {
    file: '5-strategiska-natverk.md',
    start: /^\s*5 Strategiska nätverk – lista 2\s*$/,
    end: /^\s*Initiativ Geografiskt område sida\s*$/i,
  },
  {
    file: '5-2-transnationella-natverk.md',
    start: /^\s*5\.2 Transnationella nätverk\s*$/,
    end: /^\s*Øresund/,
  },
  { file: '6-fortsatta-studier.md', start: /^\s*6 Fortsatta studier\s*$/, end: null },
];

export const FILES = SPANS.map((s) => s.file);

/** The seed span of the criteria (section 4.2, after "Geografisk närhet") and of Diagram 1's labels. */
export const CRITERIA_SPAN = { start: /^\s*1 - Tydlig samorganisation/, end: /^\s*4\.3 Klusterkartan/ };
export const DIAGRAM_SPAN = { start: /^\s*1: Tydlig samorganisation/, end: /^\s*6 Fortsatta studier\s*$/ };

/**
 * The boxes: their lines in the seed (start line up to the end line) and where the spec places them in our text
 * (the squashed text just before the box must end with `after`).
 */
export interface BoxSpec {
  file: string;
  title: string;
  start: RegExp;
  end: RegExp;
  after: string;
}

export const BOXES: BoxSpec[] = [
  {
    file: '3-metod.md',
    title: 'Källa 1',
    start: /^\s*Källa 1\s*$/,
    end: /^\s*3 Metod\s*$/,
    after: '3.1 Steg 1 – Grov insamling av klusterinitiativ',
  },
  {
    file: '3-metod.md',
    title: 'Källa 2',
    start: /^\s*Källa 2\s*$/,
    end: /^\s*På en regional nivå/,
    after:
      'Även KK-stiftelsen och det avslutade projektet Visanu har varit matreal för den grova insamlingen.',
  },
];

/**
 * Each placeholder, in the order it occurs in each file, with the seed's words it stands for at that place.
 * Only these placeholders may occur, and each exactly where listed.
 */
export const PLACEHOLDERS: Record<string, [string, string][]> = {
  'forord.md': [],
  '1-inledning.md': [],
  '2-tidigare-studier.md': [],
  '3-metod.md': [
    ['{{insamling.antal}}', '110'],
    ['{{insamling.kalla1}}', '80'],
    ['{{insamling.kalla2_ovriga}}', '30'],
    ['{{insamling.andel_bort_steg1}}', '50 %'],
    ['{{steg2.antal}}', '100'],
    ['{{{html.sidor_lista2}}}', '64-72'],
    ['{{kriterier.antal}}', '6'],
  ],
  '4-1-sammanfattande-slutsatser.md': [
    ['{{lista1.antal}}', '39'],
    ['{{lan.tackta}}', '20'],
    ['{{lan.totalt}}', '21'],
    [
      '{{lan.mening_saknas}}',
      'Gotland är det län som inte representeras av något klusterinitiativ i den framställda listan.',
    ],
    [
      '{{lan.mening_flest}}',
      'Västra Götaland och Värmland är de län med flest klusterinitiativ representerade (5 st. vardera) följt av bl.a. Skåne (4 st.).',
    ],
    [
      '{{larosaten.mening_flest}}',
      'Chalmers Tekniska Högskola är det universitet som medverkat inom flest initiativ.',
    ],
    ['{{sektorer.ikt}}', 'ca sju'],
    ['{{sektorer.life_science}}', 'ca fyra'],
    ['{{lista2.antal}}', '29'],
    ['{{{html.sidor_lista2}}}', '65-72'],
    ['{{lista2.strategiska}}', '22'],
    ['{{lista2.transnationella}}', '7'],
  ],
  '4-2-kriterier.md': [
    ['{{kriterier.antal}}', '6'],
    ['{{kriterier.antal}}', '6'],
    ['{{kriterier.antal}}', '6'],
  ],
  '4-3-informationsbeskrivning.md': [
    ['{{{html.sida_tabell_lista1}}}', '29'],
    ['{{{html.sida_tabell_lista2}}}', '70'],
  ],
  '5-strategiska-natverk.md': [['{{kriterier.antal}}', '6']],
  '5-2-transnationella-natverk.md': [],
  '6-fortsatta-studier.md': [
    ['{{kriterier.antal}}', '6'],
    ['{{{html.diagram1}}}', 'Diagram 1 Modell över ett Initiativs styrkor och svagheter (karaktär)'],
    ['{{kriterier.antal}}', '6'],
    ['{{diagram1.hoga}}', 'specialisering och internationalisering (kriterier 2 och 4)'],
    ['{{kriterier.antal}}', '6'],
    // The survey's measured sentences (issue 24): nothing in 2009, when no initiative was asked.
    ['{{{html.enkat}}}', ''],
  ],
};

/**
 * Every heading of the prose parts, as the seed prints it on a line of its own. Numbered headings take their
 * level from the number (1 → #, 1.1 → ##, 1.1.1 → ###), Förord is #, the run-in minor headings (bold lines in the
 * original) are ####. The box titles are checked with the boxes.
 */
export const HEADINGS = [
  'Förord',
  '1 Inledning',
  '1.1 Syfte',
  '1.2 Avgränsning',
  '1.3 Centrala begrepp',
  '1.3.1 Begreppsförvirring',
  '1.3.2 Begreppsindelning',
  'Kluster',
  'Klusterinitiativ',
  'Agglomerationer',
  'Nätverk',
  'Triple Helix',
  'Användning av flera begrepp',
  '2 Tidigare studier',
  '2.1 Klusterkartor på nationell nivå',
  '2.2 Klusterkartor på internationell nivå',
  '2.3 Sammanfattning, tidigare studier',
  '3 Metod',
  '3.1 Steg 1 – Grov insamling av klusterinitiativ',
  '3.1.1 Kriterier för klusterinitiativen',
  '3.2 Steg 2 – Bedömning av klusterinitiativen',
  '3.2.1 Möten',
  '3.2.2 Strategiska nätverk',
  '3.3 Metodkritik',
  '3.3.1 Kvantitativ eller kvalitativ indelning',
  'Kvantitativ metod',
  'Kvalitativ metod',
  '3.3.2 Glapp mellan kriterier och metod',
  '4 Resultat',
  '4.1 Sammanfattande slutsatser',
  'Antal klusterinitiativ',
  'Initiativen täcker upp Sveriges universitet',
  'Vanliga sektorer',
  'Turism som kompletterande sektor',
  'Initiativ i lista 2',
  'Transnationella Nätverk',
  'Regioners arbete med klusterinitiativ',
  'Medfinansiering av kluster',
  '4.2 Kriterier för klusterinitiativen',
  'Underkategorier',
  'Geografisk närhet - ett indirekt kriterium',
  '4.3 Klusterkartan – informationsbeskrivning',
  'Geografisk uppdelning',
  'Information om initiativet',
  'Information i tabell (grundläggande information)',
  'Kontaktperson',
  'Antal medlemsföretag',
  'Finansiärer',
  '5 Strategiska nätverk – lista 2',
  '5.1 Svenska initiativ',
  'Transnationella nätverk',
  '5.2 Transnationella nätverk',
  '6 Fortsatta studier',
];

/** The heading's Markdown level. */
export function headingLevel(text: string): number {
  if (/^\d+\.\d+\.\d+ /.test(text)) return 3;
  if (/^\d+\.\d+ /.test(text)) return 2;
  if (/^\d+ /.test(text) || text === 'Förord') return 1;
  return 4;
}

/** The quotations (block quotes) per file: the concept definitions of 1.3.2. */
export const QUOTES: Record<string, number> = { '1-inledning.md': 5 };

export const FOOTNOTE_COUNT = 28;

export const KRITERIER_HEADER = [
  'nr',
  'rubrik',
  'beskrivning',
  'diagramtext',
  'proveniens',
  'kortnamn',
  'kortnamn_proveniens',
  'skalnamn',
];
export const INDIKATORER_HEADER = ['kriterium', 'nr', 'text', 'proveniens'];

// ---------------------------------------------------------------------------------------------------------------
// Seed

const PAGE_NUMBER = /^\s*\d{1,3}\s*$/;
/** The footnote separator: a line of underscores in the PDF, spaces in the extraction. */
const FOOTNOTE_RULE = /^\s{20,}$/;
/** The first line of a page: the extraction starts it with one space. */
const PAGE_START = /^ \S/;

export interface SeedFootnote {
  n: number;
  text: string;
  line: number;
}

export interface SeedLines {
  lines: string[];
  /** Line indexes that belong to a footnote block (separator included). */
  footnote: boolean[];
}

export function seedLines(seedText: string): SeedLines {
  const lines = seedText.split(/\r?\n/);
  const footnote = lines.map(() => false);
  let inBlock = false;
  lines.forEach((l, i) => {
    if (FOOTNOTE_RULE.test(l)) inBlock = true;
    else if (inBlock && PAGE_START.test(l)) inBlock = false;
    footnote[i] = inBlock;
  });
  return { lines, footnote };
}

/** The unique line matching `re`, or an error. */
function uniqueLine(lines: string[], re: RegExp): number | string {
  const hits = lines.flatMap((l, i) => (re.test(l) ? [i] : []));
  if (hits.length !== 1) return `${hits.length} seed lines match ${re}`;
  return hits[0];
}

/** [start, end) of a span, or an error message. */
export function locate(lines: string[], start: RegExp, end: RegExp | null): [number, number] | string {
  const a = uniqueLine(lines, start);
  if (typeof a === 'string') return a;
  if (end === null) return [a, lines.length];
  for (let i = a + 1; i < lines.length; i++) if (end.test(lines[i])) return [a, i];
  return `end ${end} not found after ${start}`;
}

/** The footnotes printed in the seed lines [a, b): a number followed by its text, continuation lines joined. */
export function seedFootnotes(seed: SeedLines, a: number, b: number): SeedFootnote[] {
  const notes: SeedFootnote[] = [];
  for (let i = a; i < b; i++) {
    if (!seed.footnote[i] || FOOTNOTE_RULE.test(seed.lines[i]) || seed.lines[i].trim() === '') continue;
    const line = seed.lines[i].trim();
    const last = notes[notes.length - 1];
    const expected = last ? last.n + 1 : null;
    const m = /^(\d{1,2})\s*(\S.*)$/.exec(line);
    // A line opens a footnote when it starts with the next number (the first note may have any number).
    if (m && (expected === null || Number(m[1]) === expected))
      notes.push({ n: Number(m[1]), text: m[2], line: i + 1 });
    else if (last) last.text += ` ${line}`;
    else notes.push({ n: Number.NaN, text: line, line: i + 1 });
  }
  return notes;
}

/** The body text of the seed lines [a, b) without footnote blocks, page numbers and the excluded ranges. */
export function seedBody(seed: SeedLines, a: number, b: number, exclude: [number, number][] = []): string {
  const out: string[] = [];
  for (let i = a; i < b; i++) {
    if (seed.footnote[i] || PAGE_NUMBER.test(seed.lines[i])) continue;
    if (exclude.some(([x, y]) => i >= x && i < y)) continue;
    out.push(seed.lines[i]);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/** Replaces each `^[text]` by its running number from `first` on; returns the body and the footnote texts. */
export function extractFootnotes(
  md: string,
  first: number,
): { body: string; notes: string[]; error?: string } {
  const notes: string[] = [];
  let body = '';
  let i = 0;
  while (i < md.length) {
    const at = md.indexOf('^[', i);
    if (at < 0) {
      body += md.slice(i);
      break;
    }
    body += md.slice(i, at);
    let depth = 0;
    let j = at + 1;
    for (; j < md.length; j++) {
      if (md[j] === '[') depth++;
      else if (md[j] === ']' && --depth === 0) break;
      else if (md[j] === '\n') break;
    }
    if (j >= md.length || md[j] !== ']')
      return { body, notes, error: `unclosed footnote at ${context(md, at)}` };
    notes.push(md.slice(at + 2, j));
    body += String(first + notes.length - 1);
    i = j + 1;
  }
  return { body, notes };
}

const PLACEHOLDER = /\{\{\{?\s*[\w.]+\s*\}?\}\}/g;

/** Replaces the placeholders, in order, by the seed's words; errors if they differ from the table. */
export function substitutePlaceholders(
  text: string,
  table: [string, string][],
): { text: string; error?: string } {
  let k = 0;
  let error: string | undefined;
  const out = text.replace(PLACEHOLDER, (ph, offset: number) => {
    if (error) return ph;
    const entry = table[k++];
    if (!entry) error = `placeholder ${ph} not in the table (at ${context(text, offset)})`;
    else if (entry[0] !== ph) error = `placeholder no. ${k} is ${ph}, the table expects ${entry[0]}`;
    return entry ? entry[1] : ph;
  });
  if (!error && k !== table.length) error = `${k} placeholders, the table lists ${table.length}`;
  return { text: out, error };
}

export interface MarkdownParts {
  body: string;
  boxes: { title: string; text: string; before: string }[];
}

/** Takes the `::: box` containers out of the text; `before` is the text preceding each box. */
export function splitBoxes(md: string): MarkdownParts | string {
  const lines = md.split('\n');
  const body: string[] = [];
  const boxes: MarkdownParts['boxes'] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '::: box') {
      if (lines[i].startsWith(':::')) return `stray container line ${i + 1}: ${JSON.stringify(lines[i])}`;
      body.push(lines[i]);
      continue;
    }
    const end = lines.indexOf(':::', i + 1);
    if (end < 0) return `box at line ${i + 1} not closed`;
    const inner = lines.slice(i + 1, end);
    const title = /^#### (.+)$/.exec(inner[0] ?? '')?.[1];
    if (!title) return `box at line ${i + 1} does not start with a #### heading`;
    boxes.push({ title, text: inner.join('\n'), before: body.join('\n') });
    i = end;
  }
  return { body: body.join('\n'), boxes };
}

/** The text without its Markdown syntax: heading marks, list marks, quote marks. */
export function markdownPlain(md: string): string {
  return md
    .split('\n')
    .map((l) =>
      l
        .replace(/^#{1,6} /, '')
        .replace(/^>( |$)/, '')
        .replace(/^- /, ''),
    )
    .join('\n');
}

/** Checks that only the syntax the spec allows is used; returns the first problem. */
export function checkMarkdownSyntax(md: string): string | undefined {
  if (!md.endsWith('\n') || md.endsWith('\n\n')) return 'the file must end with exactly one newline';
  if (md.includes('\r')) return 'CR characters';
  const lines = md.slice(0, -1).split('\n');
  const kind = (l: string) => {
    if (l === '') return 'blank';
    if (/^#{1,4} \S/.test(l)) return 'heading';
    if (/^- \S/.test(l)) return 'item';
    if (/^> \S/.test(l) || l === '>') return 'quote';
    if (l === '::: box') return 'open';
    if (l === ':::') return 'close';
    return 'para';
  };
  if (kind(lines[0]) !== 'heading' || !lines[0].startsWith('#')) return 'the file must start with a heading';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const where = `line ${i + 1}: ${JSON.stringify(l.slice(0, 60))}`;
    if (/\s$/.test(l)) return `trailing whitespace, ${where}`;
    if (/\S {2,}\S/.test(l) || /\t/.test(l)) return `double space or tab, ${where}`;
    const k = kind(l);
    // Footnotes and placeholders are the only bracketed syntax allowed; no emphasis, links, HTML or escapes.
    const bare = l
      .replace(/\^\[[^\]]*\]/g, '')
      .replace(PLACEHOLDER, '')
      .replace(/^> ?/, '');
    if (/[*_`<>\\|~[\]{}]/.test(bare)) return `Markdown or HTML syntax not allowed, ${where}`;
    if (k === 'para' && /^(\s|[#>*+=|`~]|\d+[.)]( |$)|-( |$)|:)/.test(l))
      return `line would not be a paragraph, ${where}`;
    if (k === 'heading' && !/^#{1,4} \S/.test(l)) return `bad heading, ${where}`;
    const prev = i > 0 ? kind(lines[i - 1]) : 'blank';
    const next = i + 1 < lines.length ? kind(lines[i + 1]) : 'blank';
    // Blocks are separated by blank lines, except: list items follow each other, quote lines follow each other,
    // a box's first line is its heading, which may be followed directly by a label paragraph, and ::: closes.
    if (k !== 'blank' && prev !== 'blank') {
      const okPair =
        (k === 'item' && prev === 'item') ||
        (k === 'quote' && prev === 'quote') ||
        (prev === 'open' && k === 'heading') ||
        (prev === 'heading' && k === 'para' && i >= 2 && kind(lines[i - 2]) === 'open') ||
        k === 'close';
      if (!okPair) return `missing blank line before ${where}`;
    }
    if (k === 'open' && next !== 'heading') return `a box must start with its heading, ${where}`;
    if (k === 'blank' && prev === 'blank' && i > 0) return `two blank lines, ${where}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison helpers

function context(s: string, at: number): string {
  return JSON.stringify(s.slice(Math.max(0, at - 30), at + 40));
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** undefined when equal after squash, else the first difference. */
export function compareSquashed(seed: string, ours: string): string | undefined {
  const s = squash(seed);
  const o = squash(ours);
  const at = firstDifference(s, o);
  if (at < 0) return undefined;
  return `first difference at squashed char ${at}: seed ${context(s, at)} vs ours ${context(o, at)}`;
}

const EDGE_PUNCT = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

function wordForms(token: string): string[] {
  const t = token.replace(EDGE_PUNCT, '');
  // A footnote call glued to a word ("Sverige15", "9ITPS") or a figure: also the word without the digits.
  return [t, t.replace(/\d+$/, '').replace(EDGE_PUNCT, ''), t.replace(/^\d+/, '')].filter((x) => x !== '');
}

/** Every word of the seed, with footnote digits dropped and words wrapped over lines joined. */
export function seedVocabulary(seedText: string): Set<string> {
  const vocab = new Set<string>();
  const lines = seedText.split(/\r?\n/).map((l) => l.trim().split(/\s+/).filter(Boolean));
  lines.forEach((words, i) => {
    for (const w of words) for (const f of wordForms(w)) vocab.add(f);
    const last = words[words.length - 1];
    const next = lines.slice(i + 1).find((ws) => ws.length > 0);
    if (last && next) for (const f of wordForms(last + next[0])) vocab.add(f);
  });
  return vocab;
}

/** The first word of `text` that the seed does not have (catches words run together or split). */
export function unknownWord(text: string, vocab: Set<string>): string | undefined {
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    const forms = wordForms(token);
    if (forms.length > 0 && !vocab.has(forms[0])) return token;
  }
  return undefined;
}

/**
 * Headings, block quotes and list items: the headings of the seed span (HEADINGS found as whole lines), in order,
 * at their level; QUOTES quotations, each from ” to ”; as many list items as the seed span has bullets.
 */
export function checkStructure(
  seed: SeedLines,
  a: number,
  b: number,
  exclude: [number, number][],
  file: string,
  body: string,
): string | undefined {
  const norm = (l: string) => l.trim().replace(/\s+/g, ' ');
  const lines: { text: string; at: number }[] = [];
  for (let i = a; i < b; i++) {
    if (seed.footnote[i] || exclude.some(([x, y]) => i >= x && i < y)) continue;
    lines.push({ text: norm(seed.lines[i]), at: i });
  }
  const expected = lines
    .filter((l) => HEADINGS.includes(l.text))
    .map((l) => `${'#'.repeat(headingLevel(l.text))} ${l.text}`);
  const ours = body.split('\n').filter((l) => /^#/.test(l));
  for (let k = 0; k < Math.max(expected.length, ours.length); k++) {
    if (expected[k] !== ours[k])
      return `heading no. ${k + 1}: expected ${JSON.stringify(expected[k] ?? '(none)')}, ours ${JSON.stringify(ours[k] ?? '(none)')}`;
  }
  const bullets =
    lines.filter((l) => l.text.startsWith('•')).length +
    lines.reduce((n, l) => n + (l.text.slice(1).match(/ • /g)?.length ?? 0), 0);
  const items = body.split('\n').filter((l) => l.startsWith('- ')).length;
  if (bullets !== items) return `${items} list items, the seed span has ${bullets} bullets`;
  const quotes: string[] = [];
  let open = false;
  for (const l of body.split('\n')) {
    if (l.startsWith('>')) {
      if (!open) quotes.push('');
      quotes[quotes.length - 1] += `${l.replace(/^> ?/, '')}\n`;
    }
    open = l.startsWith('>');
  }
  for (let k = 0; k < quotes.length; k++) quotes[k] = quotes[k].trim();
  if (quotes.length !== (QUOTES[file] ?? 0))
    return `${quotes.length} block quotes, expected ${QUOTES[file] ?? 0}`;
  const unquoted = quotes.find((q) => !/^”[\s\S]*”\d*$/.test(q));
  if (unquoted) return `block quote is not one quotation: ${JSON.stringify(unquoted.slice(0, 60))}`;
  return undefined;
}

/** In the seed lines given to `compareBreaks`: a place where a paragraph may or may not end (a page boundary). */
export const MAYBE_BREAK = '\u0000';

/**
 * Paragraph breaks, given that the squashed texts are equal. `seedText` are seed lines: a blank line between text
 * lines is a paragraph break, MAYBE_BREAK a page boundary (where a paragraph may end or go on). `ourBlocks` are our
 * blocks (paragraphs, headings, list items, quote paragraphs); a heading is a break on both sides. Every break
 * of the seed must be one of ours, and every break of ours must be one of the seed's, a page boundary or next to
 * a heading. Returns the first problem.
 */
export function compareBreaks(
  seedText: string[],
  ourBlocks: { text: string; heading?: boolean }[],
): string | undefined {
  const required: { at: number; after: string }[] = [];
  const allowed = new Set<number>();
  let offset = 0;
  let pending: 'no' | 'maybe' | 'yes' = 'no';
  let last = '';
  for (const line of seedText) {
    const text = line === MAYBE_BREAK ? '' : squash(line);
    if (text === '') {
      if (offset > 0 && pending !== 'yes') pending = line === MAYBE_BREAK ? 'maybe' : 'yes';
      continue;
    }
    if (pending === 'yes') required.push({ at: offset, after: last });
    if (pending !== 'no') allowed.add(offset);
    pending = 'no';
    offset += text.length;
    last = line.trim();
  }
  allowed.add(offset);
  const ours = new Set<number>();
  const ourEnds: { at: number; text: string; free: boolean }[] = [];
  offset = 0;
  ourBlocks.forEach((block, k) => {
    const text = squash(block.text);
    if (text === '') return;
    offset += text.length;
    ours.add(offset);
    const free = Boolean(block.heading || ourBlocks.slice(k + 1).find((x) => squash(x.text) !== '')?.heading);
    ourEnds.push({ at: offset, text: block.text, free });
  });
  const merged = required.find((x) => !ours.has(x.at));
  if (merged)
    return `the seed has a paragraph break after ${JSON.stringify(merged.after.slice(-60))}, ours has none`;
  const split = ourEnds.find((x) => !x.free && !allowed.has(x.at));
  if (split) return `our paragraph ends where the seed's goes on: ${JSON.stringify(split.text.slice(-60))}`;
  return undefined;
}

/**
 * The paragraph breaks of a file's body against the seed span: footnote blocks, page numbers and boxes left out,
 * page boundaries (a footnote block with the blank lines before it, a page's first line, a box) as MAYBE_BREAK.
 */
export function checkParagraphBreaks(
  seed: SeedLines,
  a: number,
  b: number,
  exclude: [number, number][],
  body: string,
): string | undefined {
  const opensFootnote = (i: number) => {
    let j = i;
    while (j < seed.lines.length && seed.lines[j].trim() === '' && !FOOTNOTE_RULE.test(seed.lines[j])) j++;
    return j < seed.lines.length && FOOTNOTE_RULE.test(seed.lines[j]);
  };
  const lines: string[] = [];
  for (let i = a; i < b; i++) {
    const l = seed.lines[i];
    if (
      seed.footnote[i] ||
      exclude.some(([x, y]) => i >= x && i < y) ||
      (l.trim() === '' && opensFootnote(i))
    ) {
      lines.push(MAYBE_BREAK);
      continue;
    }
    if (PAGE_NUMBER.test(l)) continue;
    if (PAGE_START.test(l)) lines.push(MAYBE_BREAK);
    lines.push(l);
  }
  const blocks = body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ({ text: markdownPlain(l), heading: l.startsWith('#') }));
  return compareBreaks(lines, blocks);
}

// ---------------------------------------------------------------------------------------------------------------
// Prose

/** Checks every content file against its seed span; `files` maps file name to Markdown (missing: failure). */
export function checkProse(seedText: string, files: Record<string, string | undefined>): CheckResult[] {
  const seed = seedLines(seedText);
  const vocab = seedVocabulary(seedText);
  const results: CheckResult[] = [];
  const ourNotes: string[] = [];
  const seedNotes: SeedFootnote[] = [];
  for (const span of SPANS) {
    const id = span.file;
    const fail = (message: string) => results.push({ id, ok: false, message });
    const at = locate(seed.lines, span.start, span.end);
    if (typeof at === 'string') {
      fail(`seed span: ${at}`);
      continue;
    }
    const [a, b] = at;
    seedNotes.push(...seedFootnotes(seed, a, b));
    const md = files[id];
    if (md === undefined) {
      fail('file missing');
      continue;
    }
    // Footnotes first, so that one file's failure does not shift the numbers of the next.
    const fn = extractFootnotes(md, ourNotes.length + 1);
    ourNotes.push(...fn.notes);
    if (fn.error) {
      fail(fn.error);
      continue;
    }
    const syntax = checkMarkdownSyntax(md);
    if (syntax) {
      fail(`syntax: ${syntax}`);
      continue;
    }
    const ph = substitutePlaceholders(fn.body, PLACEHOLDERS[id] ?? []);
    if (ph.error) {
      fail(ph.error);
      continue;
    }
    const parts = splitBoxes(ph.text);
    if (typeof parts === 'string') {
      fail(parts);
      continue;
    }
    // Boxes: each against its own seed lines (the seed prints them where the layout put them).
    const specs = BOXES.filter((x) => x.file === id);
    const exclude: [number, number][] = [];
    let boxError: string | undefined;
    if (parts.boxes.length !== specs.length)
      boxError = `${parts.boxes.length} boxes, expected ${specs.length}`;
    specs.forEach((spec, k) => {
      if (boxError) return;
      const box = parts.boxes[k];
      if (box.title !== spec.title) {
        boxError = `box no. ${k + 1} is ${JSON.stringify(box.title)}, expected ${JSON.stringify(spec.title)}`;
        return;
      }
      const where = locate(seed.lines, spec.start, spec.end);
      if (typeof where === 'string') {
        boxError = `seed box ${spec.title}: ${where}`;
        return;
      }
      exclude.push(where);
      const diff = compareSquashed(seedBody(seed, where[0], where[1]), markdownPlain(box.text));
      if (diff) boxError = `box ${spec.title}: ${diff}`;
      else {
        const items = box.text.split('\n').filter((l) => l.startsWith('- ')).length;
        const bullets = seedBody(seed, where[0], where[1]).split('•').length - 1;
        if (items !== bullets)
          boxError = `box ${spec.title}: ${items} list items, the seed has ${bullets} bullets`;
      }
    });
    if (boxError) {
      fail(boxError);
      continue;
    }
    // The body: the seed span without its footnote blocks and boxes.
    const diff = compareSquashed(seedBody(seed, a, b, exclude), markdownPlain(parts.body));
    if (diff) {
      fail(`text: ${diff}`);
      continue;
    }
    const misplaced = specs.find(
      (spec, k) => !squash(markdownPlain(parts.boxes[k].before)).endsWith(squash(spec.after)),
    );
    if (misplaced) {
      fail(`box ${misplaced.title} is not placed after ${JSON.stringify(misplaced.after)}`);
      continue;
    }
    const structure = checkStructure(seed, a, b, exclude, id, parts.body);
    if (structure) {
      fail(`structure: ${structure}`);
      continue;
    }
    const breaks = checkParagraphBreaks(seed, a, b, exclude, parts.body);
    if (breaks) {
      fail(`paragraphs: ${breaks}`);
      continue;
    }
    // Words: footnote calls dropped, placeholders replaced by the seed's words.
    const words = substitutePlaceholders(md.replace(/\^\[[^\]]*\]/g, ''), PLACEHOLDERS[id] ?? []).text;
    const word = unknownWord(markdownPlain(words.replace(/^:::( box)?$/gm, '')), vocab);
    if (word) {
      fail(`word not in the seed (run together or split?): ${JSON.stringify(word)}`);
      continue;
    }
    results.push({ id, ok: true });
  }
  results.push(checkFootnoteTexts(seedNotes, ourNotes, vocab));
  return results;
}

/** The footnote texts: the seed's, numbered 1–28 in order, against ours in report order. */
export function checkFootnoteTexts(
  seedNotes: SeedFootnote[],
  ourNotes: string[],
  vocab?: Set<string>,
): CheckResult {
  const id = 'footnotes';
  const numbers = seedNotes.map((n) => n.n);
  const expected = Array.from({ length: FOOTNOTE_COUNT }, (_, i) => i + 1);
  if (numbers.join(',') !== expected.join(','))
    return { id, ok: false, message: `seed footnotes are numbered ${numbers.join(',')}` };
  if (ourNotes.length !== FOOTNOTE_COUNT)
    return {
      id,
      ok: false,
      message: `${ourNotes.length} footnotes in the content, expected ${FOOTNOTE_COUNT}`,
    };
  for (let i = 0; i < FOOTNOTE_COUNT; i++) {
    const diff = compareSquashed(seedNotes[i].text, ourNotes[i]);
    if (diff)
      return { id, ok: false, message: `footnote ${i + 1} (seed line ${seedNotes[i].line}): ${diff}` };
    if (ourNotes[i] !== ourNotes[i].trim() || /\s{2,}/.test(ourNotes[i]))
      return { id, ok: false, message: `footnote ${i + 1}: stray whitespace` };
    const word = vocab ? unknownWord(ourNotes[i], vocab) : undefined;
    if (word)
      return { id, ok: false, message: `footnote ${i + 1}: word not in the seed: ${JSON.stringify(word)}` };
  }
  return { id, ok: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Criteria

function parseCsv(text: string, header: string[], name: string): Record<string, string>[] | string {
  if (text.startsWith('\uFEFF')) return `${name}: byte order mark`;
  if (text.includes('\r')) return `${name}: CR characters (LF line ends only)`;
  if (!text.endsWith('\n')) return `${name}: no final newline`;
  let rows: string[][];
  try {
    rows = parse(text, { relax_quotes: false }) as string[][];
  } catch (e) {
    return `${name}: ${(e as Error).message}`;
  }
  if ((rows[0] ?? []).join(',') !== header.join(',')) return `${name}: header is ${JSON.stringify(rows[0])}`;
  const out: Record<string, string>[] = [];
  for (const [i, row] of rows.slice(1).entries()) {
    if (row.length !== header.length) return `${name}: row ${i + 2} has ${row.length} fields`;
    out.push(Object.fromEntries(header.map((h, k) => [h, row[k]])));
  }
  return out;
}

/** Text from the seed lines, split where a line matches `re`: one chunk per match, up to the next. */
function chunks(lines: string[], re: RegExp): string[][] {
  const out: string[][] = [];
  for (const l of lines) {
    if (re.test(l)) out.push([l]);
    else if (out.length) out[out.length - 1].push(l);
  }
  return out;
}

/** Checks kriterier.csv and indikatorer.csv against section 4.2 and Diagram 1 of the seed. */
export function checkCriteria(
  seedText: string,
  kriterierCsv?: string,
  indikatorerCsv?: string,
): CheckResult[] {
  const seed = seedLines(seedText);
  const vocab = seedVocabulary(seedText);
  const results: CheckResult[] = [];
  const kr =
    kriterierCsv === undefined ? 'file missing' : parseCsv(kriterierCsv, KRITERIER_HEADER, 'kriterier.csv');
  const ind =
    indikatorerCsv === undefined
      ? 'file missing'
      : parseCsv(indikatorerCsv, INDIKATORER_HEADER, 'indikatorer.csv');
  if (typeof kr === 'string' || typeof ind === 'string') {
    if (typeof kr === 'string') results.push({ id: 'kriterier.csv', ok: false, message: kr });
    if (typeof ind === 'string') results.push({ id: 'indikatorer.csv', ok: false, message: ind });
    return results;
  }
  const span = locate(seed.lines, CRITERIA_SPAN.start, CRITERIA_SPAN.end);
  const diag = locate(seed.lines, DIAGRAM_SPAN.start, DIAGRAM_SPAN.end);
  if (typeof span === 'string' || typeof diag === 'string') {
    results.push({ id: 'kriterier.csv', ok: false, message: `seed span: ${span} / ${diag}` });
    return results;
  }
  const body = seedBody(seed, span[0], span[1]).split('\n');
  const seedCriteria = chunks(body, /^\s*[1-6] - \S/);
  const labels = chunks(seedBody(seed, diag[0], diag[1]).split('\n'), /^\s*[1-6]: \S/);

  // kriterier.csv
  let krError: string | undefined;
  if (kr.length !== 6 || seedCriteria.length !== 6 || labels.length !== 6)
    krError = `${kr.length} rows, the seed has ${seedCriteria.length} criteria and ${labels.length} diagram labels`;
  for (let k = 0; k < 6 && !krError; k++) {
    const row = kr[k];
    const where = `criterion ${k + 1}`;
    if (row.nr !== String(k + 1)) krError = `row ${k + 2}: nr is ${JSON.stringify(row.nr)}`;
    else if (row.proveniens !== 'report') krError = `${where}: proveniens ${JSON.stringify(row.proveniens)}`;
    else if (row.rubrik !== row.rubrik.trim() || /\n| {2}/.test(row.rubrik))
      krError = `${where}: rubrik whitespace`;
    if (krError) break;
    // The heading: the seed's heading line(s), up to a line end, without "k - ".
    const lines = seedCriteria[k];
    const want = squash(`${k + 1}${row.rubrik}`);
    let got = '';
    let n = 0;
    while (n < lines.length && got.length < want.length) got += squash(lines[n++]);
    if (got !== want) {
      krError = `${where} rubrik: seed heading ${JSON.stringify(squash(lines.slice(0, n).join(' ')))} vs ours ${JSON.stringify(want)}`;
      break;
    }
    // The description: everything after the heading up to the first bullet.
    const firstBullet = lines.findIndex((l) => /^\s*•/.test(l));
    const desc = lines.slice(n, firstBullet < 0 ? lines.length : firstBullet).join('\n');
    const d = compareSquashed(desc, row.beskrivning);
    const breaks = d
      ? undefined
      : compareBreaks(
          desc.split('\n'),
          row.beskrivning.split('\n\n').map((text) => ({ text })),
        );
    if (d) krError = `${where} beskrivning: ${d}`;
    else if (breaks) krError = `${where} beskrivning paragraphs: ${breaks}`;
    else if (
      /[ \t]\n|\n[ \t]|\n\n\n| {2}/.test(row.beskrivning) ||
      row.beskrivning !== row.beskrivning.trim()
    )
      krError = `${where} beskrivning: stray whitespace`;
    else {
      const label = labels[k].join('\n').replace(/^\s*\d: /, '');
      const l = compareSquashed(label, row.diagramtext);
      if (l) krError = `${where} diagramtext: ${l}`;
      else if (!/^\S(.*\S)?$/.test(row.diagramtext) || / {2}/.test(row.diagramtext))
        krError = `${where} diagramtext: stray whitespace`;
    }
    const word = krError
      ? undefined
      : unknownWord(`${row.rubrik} ${row.beskrivning} ${row.diagramtext}`, vocab);
    if (word) krError = `${where}: word not in the seed: ${JSON.stringify(word)}`;
  }
  results.push(
    krError ? { id: 'kriterier.csv', ok: false, message: krError } : { id: 'kriterier.csv', ok: true },
  );

  // indikatorer.csv: the bullets of each criterion, in order, one value per bullet.
  let indError: string | undefined;
  for (let k = 0; k < 6 && !indError && k < seedCriteria.length; k++) {
    const bullets = chunks(seedCriteria[k], /^\s*•/).map((c) => c.join('\n'));
    const rows = ind.filter((r) => r.kriterium === String(k + 1));
    if (rows.length !== bullets.length) {
      indError = `criterion ${k + 1}: ${rows.length} indicators, the seed has ${bullets.length} bullets`;
      break;
    }
    rows.forEach((r, i) => {
      if (indError) return;
      const where = `criterion ${k + 1}, indicator ${i + 1}`;
      if (r.nr !== String(i + 1)) indError = `${where}: nr is ${JSON.stringify(r.nr)}`;
      else if (r.proveniens !== 'report') indError = `${where}: proveniens ${JSON.stringify(r.proveniens)}`;
      else if (!/^\S(.*\S)?$/.test(r.text) || / {2}/.test(r.text)) indError = `${where}: stray whitespace`;
      else {
        const d = compareSquashed(bullets[i], r.text);
        const word = d ? undefined : unknownWord(r.text, vocab);
        if (d) indError = `${where}: ${d}`;
        else if (word) indError = `${where}: word not in the seed: ${JSON.stringify(word)}`;
      }
    });
  }
  if (!indError) {
    const order = ind.map((r) => r.kriterium).join(',');
    const sorted = [...ind]
      .map((r) => r.kriterium)
      .sort()
      .join(',');
    if (order !== sorted || ind.some((r) => !/^[1-6]$/.test(r.kriterium)))
      indError = 'rows not in criterion order';
  }
  results.push(
    indError ? { id: 'indikatorer.csv', ok: false, message: indError } : { id: 'indikatorer.csv', ok: true },
  );
  return results;
}
