/** Where in an input a problem sits. Lines and columns are 1-based, as editors show them. */
export interface Location {
  file: string;
  line?: number;
  column?: number;
}

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A place in a workbook's sheet (`file.xlsx!Sheet`, xlsx.ts): its lines are rows and its columns cells. */
export const inSheet = (file: string) => /\.xlsx!/i.test(file);

export function formatLocation(loc: Location): string {
  // In a workbook a line is a row and a column a cell: `file.xlsx!Sheet!B12`.
  if (loc.line !== undefined && inSheet(loc.file))
    return `${loc.file}!${columnLetters(loc.column ?? 1)}${loc.line}`;
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.column !== undefined) s += `:${loc.column}`;
  return s;
}

/**
 * A problem with the input that the user must fix. The message reads
 * `file:line:column: expected …, found …` so editors and terminals can jump to it.
 */
export class InputError extends Error {
  readonly location: Location;
  readonly expected: string;
  readonly found: string;

  constructor(location: Location, expected: string, found: string) {
    super(`${formatLocation(location)}: expected ${expected}, found ${found}`);
    this.name = 'InputError';
    this.location = location;
    this.expected = expected;
    this.found = found;
  }
}

/** A check over the whole run failed (reconciliation, published figures). */
export class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckError';
  }
}

/** A problem that does not stop the run: the value is kept raw and the warning goes in the manifest. */
export interface Warning {
  location: string;
  message: string;
}

export function warningAt(loc: Location, message: string): Warning {
  return { location: formatLocation(loc), message };
}

/** Shows a value in an error message: quoted, shortened, control characters visible. */
export function shown(value: string, max = 60): string {
  const v = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(v);
}
