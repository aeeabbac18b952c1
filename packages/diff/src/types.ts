import type { Duck } from '@kk/core';

/** The kinds of change, in the order every output lists them. */
export const CHANGE_TYPES = [
  'tillagd',
  'borttagen',
  'namnbyte',
  'flyttad',
  'faktaandring',
  'bedomningsandring',
  'sysselsattning',
  'form',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** One row of changes.csv. Ids are empty on the side where the entity does not exist; `form` rows name no entity. */
export interface Change {
  typ: ChangeType;
  entity_a: string;
  entity_b: string;
  /** The entity's name in B (in A when removed); for `form`, the list or table concerned. */
  namn: string;
  /** The field: `utfall`, `namn`, a fact-sheet column, `kriterium_3.bedomning`, `sysselsatta`, `kallista` … */
  falt: string;
  fran: string;
  till: string;
  /** For `namnbyte`: the evidence that carried the identity across the editions (`samma id`, or the features
   *  the matching found alike: `namn`, `webbadress`, `postnummer`, `telefon`, `e-post`, `kontaktperson`). */
  grund?: string;
}

/** An output table the diff reads: the stage folder, the file (without .parquet) and the columns it uses. */
export interface TableSpec {
  stage: string;
  table: string;
  columns: Record<string, string>;
}

/** What one edition's build folder looks like to the diff: which tables and columns were there. */
export interface EditionShape {
  /** `stage/table` → the columns the file has (all of them, also those the diff does not read). */
  tables: Record<string, string[]>;
  /** `stage/table` of the tables the diff reads that are missing. */
  missingTables: string[];
  /** `stage/table.column` of the columns the diff reads that are missing (read as empty). */
  missingColumns: string[];
}

/**
 * One edition's outputs, loaded into DuckDB tables named `<prefix>_…` (see sql/normalise.sql). Both editions of a
 * diff must live in the same Duck.
 */
export interface EditionOutputs {
  duck: Duck;
  prefix: string;
  /** The edition year, when known (from the build folder's name). */
  year: number | null;
  /** How the edition is named in headings: its year, or a label. */
  label: string;
  /** The build folder read, if any. */
  buildDir: string | null;
  shape: EditionShape;
}

/** Differences in shape: source lists and columns added or dropped, output tables or columns missing. */
export interface ShapeDiff {
  listsAdded: { fil: string; ursprung: string; rader: number }[];
  listsDropped: { fil: string; ursprung: string; rader: number }[];
  /** Columns of a source list that only one edition has (columns ingest kept raw, undeclared). */
  listColumnsAdded: { fil: string; kolumn: string }[];
  listColumnsDropped: { fil: string; kolumn: string }[];
  /** Columns of an output table that only one edition has. */
  tableColumnsAdded: { table: string; column: string }[];
  tableColumnsDropped: { table: string; column: string }[];
  /** Tables the diff reads that an edition lacks. */
  tablesMissing: { table: string; edition: 'a' | 'b' }[];
}

/** Employment in an initiative's sector over all its Swedish län, in both editions (the employment stage's `alla` row). */
export interface EmploymentChange {
  entity_a: string;
  entity_b: string;
  namn: string;
  utfall_b: string;
  ar_a: number | null;
  ar_b: number | null;
  bransch_a: string;
  bransch_b: string;
  lan_a: string;
  lan_b: string;
  sysselsatta_a: number | null;
  sysselsatta_b: number | null;
  lq_a: number | null;
  lq_b: number | null;
}

/** A table of the HTML page's table diffs: header first, one row per entity that changed. */
export type PlainTable = string[][];

export interface EditionInfo {
  year: number | null;
  label: string;
  buildDir: string | null;
  entities: number;
  /** Entities per outcome (`list1`, `list2-strategic`, `list2-transnational`, `rejected`, `''` for none). */
  outcomes: Record<string, number>;
  /** Statistics years of the employment figures. */
  statistikar: number[];
  /** National employment total of the statistics year, when the figures give it. */
  riketTotalt: number | null;
}

export interface EditionDiff {
  a: EditionInfo;
  b: EditionInfo;
  /** Every change, sorted by kind, then name (Swedish order), field and ids. */
  changes: Change[];
  counts: Record<ChangeType, number>;
  /** Entities in both editions (same id or renamed). */
  matched: number;
  renames: {
    entity_a: string;
    entity_b: string;
    namn_a: string;
    namn_b: string;
    sannolikhet: number;
    /** The evidence that carried it (see Change.grund). */
    grund: string;
  }[];
  shape: ShapeDiff;
  /** Employment rows that changed, by name; at most `limit` rows (see `employmentTotal`). */
  employment: EmploymentChange[];
  employmentTotal: number;
  /** The largest changes of the location quotient among B's list-1 initiatives, largest first. */
  employmentTop: EmploymentChange[];
  /** Before/after tables of the entities that changed, for the HTML page (at most `limit` rows each). */
  tables: { lists: { a: PlainTable; b: PlainTable }; factsheets: { a: PlainTable; b: PlainTable } };
  /** Row limit of `employment` and `tables`. */
  limit: number;
  seconds: number;
  /** Seconds per step, for the benchmark. */
  timings: Record<string, number>;
}
