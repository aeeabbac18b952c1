import { createReadStream } from 'node:fs';
import { type Encoding, iconvName } from '@kk/core';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Layout } from './layout.ts';

/**
 * The physical line (1-based) and fields of the first data line matching a test. Only used to point an
 * error at its line, so it streams the file rather than keeping line numbers for millions of rows.
 */
export async function locateRow(
  path: string,
  encoding: Encoding,
  layout: Layout,
  bodyStart: number,
  test: (fields: string[]) => boolean,
): Promise<{ line: number; fields: string[] } | undefined> {
  const parser = parse({
    delimiter: layout.delimiter,
    info: true,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const file = createReadStream(path, { start: bodyStart });
  const input = file.pipe(iconv.decodeStream(iconvName(encoding)));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (test(record)) return { line: layout.headerLine + info.lines, fields: record };
    }
  } finally {
    input.unpipe(parser);
    file.destroy();
    parser.destroy();
  }
  return undefined;
}
