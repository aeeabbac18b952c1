import type { z } from 'zod';
import { type CsvOptions, type CsvRow, type CsvTable, fieldPosition, readCsv } from './csv.ts';
import { InputError, shown, type Warning, warningAt } from './errors.ts';
import { STATUS_COLUMN } from './open-items.ts';

export interface TableRow<T> {
  line: number;
  value: T;
  raw: CsvRow;
}

export interface ReadTableOptions extends CsvOptions {
  /** Columns that must be present in the header. */
  required: string[];
  /** Columns the schema knows; any other column is a warning ("unknown extra column") and is kept raw. */
  known?: string[];
  /** When true, a header with no data rows is an error rather than a warning. */
  nonEmpty?: boolean;
}

/** Column (1-based character position) where a named field starts on a row's first line. */
export function columnOf(table: CsvTable, row: CsvRow, column: string): number {
  const idx = table.header.indexOf(column);
  if (idx <= 0) return 1;
  if (table.sheet) return idx + 1;
  let col = 1;
  for (let i = 0; i < idx; i++) {
    const v = row.values[i] ?? '';
    const quoted = /[",\n;\t]/.test(v) || v !== v.trim();
    col += (quoted ? v.replaceAll('"', '""').length + 2 : v.length) + 1;
  }
  return col;
}

/** Line and column where a named field starts, also when an earlier field spans lines. */
export function positionOf(table: CsvTable, row: CsvRow, column: string): { line: number; column: number } {
  const idx = table.header.indexOf(column);
  if (row.raw === undefined || idx < 0) return { line: row.line, column: columnOf(table, row, column) };
  return fieldPosition(row.raw, table.delimiter, idx, row.line);
}

/**
 * Reads a CSV and validates every row with a zod schema. A structural problem or an invalid value
 * is an InputError naming file, line and column; unknown extra columns are warnings.
 */
export function readTable<S extends z.ZodType>(
  path: string,
  schema: S,
  options: ReadTableOptions,
): { table: CsvTable; rows: TableRow<z.infer<S>>[]; warnings: Warning[] } {
  const table = readCsv(path, options);
  const warnings: Warning[] = [...table.warnings];
  for (const col of options.required) {
    if (!table.header.includes(col)) {
      throw new InputError(
        { file: table.file, line: table.headerLine, column: 1 },
        `a column named ${shown(col)}`,
        `the columns ${table.header.map((h) => shown(h)).join(', ')}`,
      );
    }
  }
  if (options.known) {
    for (const col of table.header) {
      // `status` marks a row carried over from the previous edition (open-items.ts): every table may have it.
      if (!options.known.includes(col) && col !== STATUS_COLUMN) {
        warnings.push(
          warningAt(
            { file: table.file, line: table.headerLine },
            `unknown extra column ${shown(col)} (kept, not used)`,
          ),
        );
      }
    }
  }
  if (table.rows.length === 0) {
    if (options.nonEmpty) {
      throw new InputError(
        { file: table.file, line: table.headerLine + 1 },
        'at least one data row',
        'only the header',
      );
    }
    warnings.push(
      warningAt({ file: table.file, line: table.headerLine }, 'the file has a header but no rows'),
    );
  }
  const rows = table.rows.map((row) => {
    const result = schema.safeParse(row.record);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = String(issue.path[0] ?? '');
      const found = field in row.record ? shown(row.record[field]) : 'nothing';
      throw new InputError(
        { file: table.file, line: row.line, column: columnOf(table, row, field) },
        `${field ? `${field}: ` : ''}${issue.message}`,
        found,
      );
    }
    return { line: row.line, value: result.data as z.infer<S>, raw: row };
  });
  return { table, rows, warnings };
}
