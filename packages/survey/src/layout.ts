import { FACT_FIELDS } from '@kk/fields';

/**
 * Where everything sits in a questionnaire: the writer and the reader share these, so a returned workbook is
 * read at exactly the cells that were written (and a moved or renamed sheet is a located error, not a guess).
 */

export const SHEETS = {
  instruktioner: 'Instruktioner',
  uppgifter: 'Uppgifter',
  sjalv: 'Självbedömning',
} as const;

/** The answer choices of the self-assessment and of "Stämmer uppgiften?". */
export const INDICATOR_CHOICES = ['ja', 'nej', 'vet ej'] as const;
export const CONFIRM_CHOICES = ['ja', 'nej'] as const;

/** Uppgifter: the id, the year and the date the respondent fills in (column B). */
export const ID_CELL = { row: 2, col: 2 };
export const YEAR_CELL = { row: 3, col: 2 };
export const DATE_CELL = { row: 4, col: 2 };
/** Uppgifter: the header row of the fact table, and its columns. */
export const FACT_HEADER_ROW = 6;
export const FACT_COLS = { label: 1, last: 2, confirm: 3, answer: 4 };

/** The fields asked, in order: the name first (a rename is one answer), then the fact table. */
export const SURVEY_FIELDS: readonly (readonly [string, string])[] = [['rubrik', 'Namn'], ...FACT_FIELDS];

/** Självbedömning: the header row and the columns. */
export const INDICATOR_HEADER_ROW = 3;
export const INDICATOR_COLS = { kriterium: 1, nr: 2, text: 3, answer: 4, how: 5 };

/** Bounds on a returned workbook, checked on the zip's central directory before anything is unpacked. */
export const LIMITS = {
  fileBytes: 2 * 1024 * 1024,
  entries: 100,
  entryBytes: 4 * 1024 * 1024,
  totalBytes: 12 * 1024 * 1024,
  /** Rows a sheet may have (the questionnaire has about 40). */
  rows: 500,
};
