// The record scanner that finds missing cells (src/statistics/records.ts) splits CSV as csv-parse does with the
// options the reader used before it (quotes, "" inside quotes, stray quotes, CRLF and LF, empty lines, a label
// over two lines), whole or in pieces; and a one-line record split by splitLine is the same record.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, fieldValue, scanRecords, splitLine } from '../src/statistics/records.ts';

const field = fc.stringMatching(/^[a-zå ,;".\-\n]{0,6}$/);
const csv = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
    quoteAll: fc.boolean(),
    crlf: fc.boolean(),
    blankAfter: fc.integer({ min: -1, max: 5 }),
    finalEnd: fc.boolean(),
  })
  .map(({ delimiter, rows, quoteAll, crlf, blankAfter, finalEnd }) => {
    const end = crlf ? '\r\n' : '\n';
    // A field needing quotes is quoted (as PxWeb writes labels); a stray quote in a plain field stays plain.
    const cell = (f: string) =>
      quoteAll || f.includes(delimiter) || f.includes('\n') || f.startsWith('"')
        ? `"${f.replaceAll('"', '""')}"`
        : f;
    const lines = rows.map((r) => r.map((f) => cell(f.replaceAll('\t', ' '))).join(delimiter));
    // A record that is one empty field would be an empty line: csv-parse skips both.
    const kept = lines.filter((l) => l !== '');
    if (blankAfter >= 0 && blankAfter < kept.length) kept.splice(blankAfter + 1, 0, '');
    return { delimiter, text: kept.join(end) + (finalEnd ? end : '') };
  })
  .filter(({ text }) => text.trim() !== '');

const expected = (text: string, delimiter: string) =>
  parse(text, {
    delimiter,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as string[][];

function scanned(text: string, delimiter: string, pieces: number[]): string[][] {
  const out: string[][] = [];
  const cuts = [...new Set(pieces.map((p) => Math.min(p, text.length)))].sort((a, b) => a - b);
  let carry = '';
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    if (cut < from) continue;
    const piece = carry + text.slice(from, cut);
    const last = cut === text.length;
    const done = scanRecords(piece, delimiter, last, (r) => {
      out.push(Array.from({ length: r.count }, (_, i) => fieldValue(piece, r, i)));
    });
    carry = piece.slice(done.consumed);
    from = cut;
  }
  return out;
}

describe('scanRecords', () => {
  it('splits as csv-parse does, whole or in pieces', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.nat(80), { maxLength: 3 }), ({ text, delimiter }, pieces) => {
        const want = expected(text, delimiter);
        expect(scanned(text, delimiter, [])).toEqual(want);
        expect(scanned(text, delimiter, pieces)).toEqual(want);
      }),
      { seed: 20090331, numRuns: 300 },
    );
  });

  it('counts the lines before each record, a label over two lines included', () => {
    const text = '"a\nb",1\n\n"c",2\r\n"d\r\ne",3\n';
    const lines: number[] = [];
    scanRecords(text, ',', true, (r) => lines.push(r.line));
    expect(lines).toEqual([0, 3, 4]);
  });
});

describe('splitLine', () => {
  it('a line holding one record gives the record scanRecords gives', () => {
    fc.assert(
      fc.property(csv, ({ text, delimiter }) => {
        for (const line of text.split(/\r?\n/)) {
          const one: CsvRecord = { start: 0, line: 0, count: 0, from: [], to: [] };
          const whole: string[][] = [];
          scanRecords(line, delimiter, true, (r) => {
            whole.push(Array.from({ length: r.count }, (_, i) => fieldValue(line, r, i)));
          });
          if (!splitLine(line, 0, line.length, delimiter, one)) {
            // Only a quote left open stops it: the record would go on in the next line.
            const open = scanRecords(`${line}\n`, delimiter, false, () => {});
            expect(open.consumed).toBe(0);
            continue;
          }
          if (line === '') continue;
          expect([Array.from({ length: one.count }, (_, i) => fieldValue(line, one, i))]).toEqual(whole);
        }
      }),
      { seed: 20090331, numRuns: 300 },
    );
  });
});
