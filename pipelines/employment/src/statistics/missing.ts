import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { type Duck, formatLocation, inSheet, lit, loadRows } from '@kk/core';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { runSql, sqlText } from '../sql.ts';
import { iconvName } from './decode.ts';
import type { Layout } from './layout.ts';

/** PxWeb's symbols for a value that is not given: read as NULL (missing), never as zero. */
export const MISSING = ['', '.', '..', '...', '-', '–', '—'];

/** Column (1-based) where field `index` starts in a raw CSV line. */
function columnOfField(raw: string, delimiter: string, index: number): number {
  let quoted = false;
  let seen = 0;
  if (index === 0) return 1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter && ++seen === index) return i + 2;
  }
  return raw.length + 1;
}

interface Source {
  path: string;
  file: string;
  fil: string;
  encoding: Parameters<typeof iconvName>[0];
  layout: Layout;
  bodyStart: number;
}

/**
 * Records every missing value of a file in `missing_cells`, with its symbol and place (file:line:column), so
 * that a figure which depends on it can say which cell it lacks. DuckDB has already read the values (the
 * symbols as NULL); only when it found a NULL is the file streamed again here to find the lines.
 */
export async function recordMissingCells(duck: Duck, src: Source, tmpDir: string): Promise<number> {
  const { layout } = src;
  const valueCols = layout.long ? [layout.long.value] : layout.years.map((y) => y.index);
  const nulls = Number(
    await duck.value(
      sqlText('14_null_values.sql', { any_null: valueCols.map((c) => `c${c} IS NULL`).join(' OR ') }),
    ),
  );
  if (nulls === 0) return 0;
  const yearOf = new Map(layout.years.map((y) => [y.index, y.ar]));
  const rows: Record<string, unknown>[] = [];
  const parser = parse({
    delimiter: layout.delimiter,
    info: true,
    raw: true,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const sheet = inSheet(src.file);
  const stream = createReadStream(src.path, { start: src.bodyStart });
  const input = stream.pipe(iconv.decodeStream(iconvName(src.encoding)));
  input.pipe(parser);
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{
      record: string[];
      raw: string;
      info: { lines: number };
    }>) {
      if (record.length !== layout.header.length) continue;
      for (const c of valueCols) {
        const symbol = (record[c] ?? '').trim();
        if (!MISSING.includes(symbol)) continue;
        const line = layout.headerLine + info.lines - (raw.replace(/\r?\n$/, '').split('\n').length - 1);
        // In a workbook's sheet a column is a cell (its letter in the place); in a CSV file a character.
        const kolumn = sheet ? c + 1 : columnOfField(raw, layout.delimiter, c);
        rows.push({
          fil: src.fil,
          rad: line,
          kolumn,
          symbol,
          region_label: record[layout.region],
          industry_label: record[layout.industry],
          sex_label: layout.sex === undefined ? null : record[layout.sex],
          ar: layout.long ? Number(record[layout.long.year]) : yearOf.get(c),
          plats: formatLocation({ file: src.file, line, column: kolumn }),
        });
      }
    }
  } finally {
    input.unpipe(parser);
    stream.destroy();
    parser.destroy();
  }
  await loadRows(
    duck,
    'missing_raw',
    {
      fil: 'VARCHAR',
      rad: 'INTEGER',
      kolumn: 'INTEGER',
      symbol: 'VARCHAR',
      region_label: 'VARCHAR',
      industry_label: 'VARCHAR',
      sex_label: 'VARCHAR',
      ar: 'INTEGER',
      plats: 'VARCHAR',
    },
    rows,
    join(tmpDir, 'missing_raw.ndjson'),
  );
  const sexes = layout.sex !== undefined;
  await runSql(duck, '25_missing_cells.sql', {
    sex_filter: sexes ? 'SEMI JOIN sex_map sx ON sx.label = m.sex_label AND sx.keep' : '',
    fil: lit(src.fil),
  });
  return rows.length;
}

/** Creates the empty table of missing cells that every file's reading adds to. */
export async function prepareMissingCells(duck: Duck): Promise<void> {
  await runSql(duck, '11_missing_cells.sql');
}
