import { FACT_FIELDS, LIST2_FIELD_COUNT } from '../../packages/fields/src/index.ts';
// Compares transcribed fact sheets with the seed text (the PDF extraction of the published report).
// The comparison ignores whitespace, dashes and list markers: those are what the extraction scrambles.
// Everything else must match character for character, except the repairs listed with a reason.

export interface FactRecord {
  id: string;
  lista: '1' | '2';
  rubrik: string;
  fields: Record<string, string>;
  description: string;
}

export interface Repair {
  id: string;
  field: string;
  seed_text: string;
  our_text: string;
  reason: string;
}

export interface IndexEntry {
  id: string;
  lista: string;
  rubrik: string;
}

export interface CheckResult {
  id: string;
  ok: boolean;
  message?: string;
}

export const LIST1_LABELS: readonly (readonly [string, string])[] = FACT_FIELDS;
export const LIST2_LABELS = FACT_FIELDS.slice(0, LIST2_FIELD_COUNT);

// How the seed lays out chapter 5: the headings of a page come first, then the page's tables.
export const LIST2_PAGE_GROUPS = [4, 3, 3, 3, 3, 4, 2, 3, 3, 1];

/** Strips what the extraction cannot be trusted with: whitespace, dashes, bullets. */
export function squash(s: string): string {
  return s.normalize('NFC').replace(/[\s\u00ad\-‐‑‒–—•]/gu, '');
}

/** The description as the seed shows it: list markers gone, numbered items as "1 text". */
export function descriptionPlain(md: string): string {
  return md
    .split('\n')
    .map((l) =>
      l
        .replace(/^- /, '')
        .replace(/^> /, '')
        .replace(/^(\d+)\. /, '$1 '),
    )
    .join('\n');
}

const PAGE_NUMBER = /^\s*\d{1,3}\s*$/;

/** A block's text; in chapter 4 a line holding only a number is a stray page number of the extraction. */
function blockText(lines: string[], dropPageNumbers: boolean): string {
  return lines.filter((l) => !(dropPageNumbers && PAGE_NUMBER.test(l))).join('\n');
}

function applyRepairs(squashed: string, repairs: Repair[]): { text: string; error?: string } {
  let text = squashed;
  for (const r of repairs) {
    const from = squash(r.seed_text);
    const to = squash(r.our_text);
    const at = text.indexOf(from);
    if (from === '' || at < 0) {
      return { text, error: `repair not found in the seed block: ${JSON.stringify(r.seed_text)}` };
    }
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  return { text };
}

/** Expected stream of the fact table, with the span of each field for error messages. */
function tableStream(rec: FactRecord, labels: readonly (readonly [string, string])[]) {
  let out = '';
  const spans: { field: string; start: number; end: number }[] = [];
  for (const [col, label] of labels) {
    const start = out.length;
    out += squash(label) + squash(rec.fields[col] ?? '');
    spans.push({ field: col, start, end: out.length });
  }
  return { text: out, spans };
}

function context(s: string, at: number): string {
  return JSON.stringify(s.slice(Math.max(0, at - 30), at + 40));
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function findLine(lines: string[], from: number, text: string): number {
  const want = text.trim();
  for (let i = from; i < lines.length; i++) if (lines[i].trim() === want) return i;
  return -1;
}

function checkList1(
  lines: string[],
  index: IndexEntry[],
  records: Map<string, FactRecord>,
  repairsById: Map<string, Repair[]>,
): CheckResult[] {
  const results: CheckResult[] = [];
  const tableEnd = lines.findIndex((l) => /Telecom City Karlskrona Sida 68/.test(l));
  const chapterEnd = lines.findIndex((l) => /^\s*5 Strategiska nätverk – lista 2/.test(l));
  let cursor = tableEnd + 1;
  const headings: number[] = [];
  for (const entry of index) {
    const at = findLine(lines, cursor, entry.rubrik);
    headings.push(at);
    if (at >= 0) cursor = at + 1;
  }
  index.forEach((entry, i) => {
    const rec = records.get(entry.id);
    if (!rec) return;
    const start = headings[i];
    if (start < 0) {
      results.push({ id: rec.id, ok: false, message: `heading ${JSON.stringify(rec.rubrik)} not found` });
      return;
    }
    const next = headings.slice(i + 1).find((h) => h >= 0) ?? chapterEnd;
    const repairs = repairsById.get(rec.id) ?? [];
    const seed = applyRepairs(squash(blockText(lines.slice(start + 1, next), true)), repairs);
    if (seed.error) {
      results.push({ id: rec.id, ok: false, message: seed.error });
      return;
    }
    const desc = squash(descriptionPlain(rec.description));
    const table = tableStream(rec, LIST1_LABELS);
    const expected = desc + table.text;
    const at = firstDifference(seed.text, expected);
    if (at < 0) {
      results.push({ id: rec.id, ok: true });
      return;
    }
    const where =
      at < desc.length
        ? 'description'
        : (table.spans.find((s) => at - desc.length < s.end)?.field ?? 'after the table');
    results.push({
      id: rec.id,
      ok: false,
      message: `differs in ${where}: seed ${context(seed.text, at)} vs ours ${context(expected, at)}`,
    });
  });
  return results;
}

/** Can `s` be split into two subsequences equal to `a` and `b`? Returns the furthest point reached. */
export function interleaves(s: string, a: string, b: string): { ok: boolean; reached: number } {
  const w = b.length + 1;
  const dp = new Uint8Array((a.length + 1) * w);
  dp[0] = 1;
  let reached = 0;
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      if (!dp[i * w + j]) continue;
      const k = i + j;
      if (k > reached) reached = k;
      if (k >= s.length) continue;
      if (i < a.length && a[i] === s[k]) dp[(i + 1) * w + j] = 1;
      if (j < b.length && b[j] === s[k]) dp[i * w + j + 1] = 1;
    }
  }
  return { ok: s.length === a.length + b.length && dp[a.length * w + b.length] === 1, reached };
}

function checkList2(
  lines: string[],
  index: IndexEntry[],
  records: Map<string, FactRecord>,
  repairsById: Map<string, Repair[]>,
): CheckResult[] {
  const results: CheckResult[] = [];
  const tableEnd = lines.findIndex((l) => /^MedCoast Scandinavia Göteborg\/Oslo 80/.test(l.trim()));
  const regionEnd = lines.findIndex((l) => /^\s*1: Tydlig samorganisation/.test(l));
  // Group the records as the seed's pages do.
  const groups: IndexEntry[][] = [];
  let k = 0;
  for (const size of LIST2_PAGE_GROUPS) {
    groups.push(index.slice(k, k + size));
    k += size;
  }
  let cursor = tableEnd + 1;
  const groupStarts: number[] = [];
  const entryLines = new Map<string, number>();
  const headingMissing = new Set<string>();
  for (const group of groups) {
    let first = -1;
    for (const rec of group) {
      const at = findLine(lines, cursor, rec.rubrik);
      if (at < 0) {
        headingMissing.add(rec.id);
        continue;
      }
      if (first < 0) first = at;
      cursor = at + 1;
    }
    groupStarts.push(first);
    for (const rec of group) {
      let at = -1;
      for (let i = cursor; i < regionEnd; i++) {
        if (/^\s*Internetadress\b/.test(lines[i])) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        entryLines.set(rec.id, at);
        cursor = at + 1;
      }
    }
  }
  groups.forEach((group, g) => {
    group.forEach((entry, i) => {
      const rec = records.get(entry.id);
      if (!rec) return;
      if (headingMissing.has(rec.id)) {
        results.push({ id: rec.id, ok: false, message: `heading ${JSON.stringify(rec.rubrik)} not found` });
        return;
      }
      const start = entryLines.get(rec.id);
      if (start === undefined) {
        results.push({ id: rec.id, ok: false, message: 'fact table not found' });
        return;
      }
      const nextInGroup = group[i + 1] ? entryLines.get(group[i + 1].id) : undefined;
      let end = nextInGroup ?? groupStarts[g + 1] ?? regionEnd;
      // The heading "5.2 Transnationella nätverk" sits before the first transnational page's headings.
      for (let j = start + 1; j < end; j++) {
        if (/^\s*5\.2 Transnationella nätverk/.test(lines[j])) end = j;
      }
      const repairs = repairsById.get(rec.id) ?? [];
      const seed = applyRepairs(squash(blockText(lines.slice(start, end), false)), repairs);
      if (seed.error) {
        results.push({ id: rec.id, ok: false, message: seed.error });
        return;
      }
      const table = tableStream(rec, LIST2_LABELS).text;
      const desc = squash(descriptionPlain(rec.description));
      const r = interleaves(seed.text, table, desc);
      if (r.ok) results.push({ id: rec.id, ok: true });
      else
        results.push({
          id: rec.id,
          ok: false,
          message: `seed block (${seed.text.length} chars) is not the table (${table.length}) interleaved with the description (${desc.length}); stuck at ${context(seed.text, r.reached)}`,
        });
    });
  });
  return results;
}

/** Checks the given records; the index (all initiatives, in report order) locates each block in the seed. */
export function checkFactsheets(
  seedText: string,
  index: IndexEntry[],
  records: FactRecord[],
  repairs: Repair[],
): CheckResult[] {
  const lines = seedText.split(/\r?\n/);
  const byId = new Map<string, Repair[]>();
  for (const r of repairs) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const recs = new Map(records.map((r) => [r.id, r]));
  return [
    ...checkList1(
      lines,
      index.filter((e) => e.lista === '1'),
      recs,
      byId,
    ),
    ...checkList2(
      lines,
      index.filter((e) => e.lista === '2'),
      recs,
      byId,
    ),
  ];
}
