import { statSync } from 'node:fs';
import type { Encoding } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { decodeBytes, offsetOfLine, readRange } from './decode.ts';
import type { Layout } from './layout.ts';

const TAIL = 64 << 10;

export interface Body {
  /** Byte range of the data lines. */
  start: number;
  end: number;
  /** Footnote lines after the data (kept out, reported as a warning). */
  trailer: string[];
}

function fieldCount(line: string, layout: Layout): number {
  try {
    const rows = parse(line, { delimiter: layout.delimiter, relax_quotes: true }) as string[][];
    return rows[0]?.length ?? 0;
  } catch {
    return -1;
  }
}

/**
 * The data lines of a download: from the line after the header to the end, less trailing footnotes — lines
 * of one field after the last data line ("Fotnot: …"), which some PxWeb exports append.
 */
export function findBody(path: string, layout: Layout, encoding: Encoding): Body {
  const size = statSync(path).size;
  const start = offsetOfLine(path, layout.headerLine + 1);
  const tailStart = Math.max(start, size - TAIL);
  const tail = readRange(path, tailStart, size);
  // Line starts within the tail; the first is only trusted when the tail begins at the body.
  const starts: number[] = [];
  if (tailStart === start) starts.push(0);
  for (let i = tail.indexOf(0x0a); i >= 0; i = tail.indexOf(0x0a, i + 1)) starts.push(i + 1);
  let end = size;
  const trailer: string[] = [];
  for (let k = starts.length - 1; k >= 0; k--) {
    const from = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : tail.length;
    if (from >= to) continue;
    const line = decodeBytes(tail.subarray(from, to), encoding).replace(/\r?\n$/, '');
    if (line.trim() === '') {
      end = tailStart + from;
      continue;
    }
    if (layout.header.length > 1 && fieldCount(line, layout) === 1) {
      trailer.unshift(line.trim());
      end = tailStart + from;
      continue;
    }
    break;
  }
  return { start, end: trailer.length ? end : size, trailer };
}
