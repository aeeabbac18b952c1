/** The fact table's fields, in the seed's order, with the labels the report prints. */
export const FACT_FIELDS = [
  ['internetadress', 'Internetadress'],
  ['adress', 'Adress'],
  ['telefonnummer', 'Telefonnummer'],
  ['kontaktperson', 'Kontaktperson'],
  ['geografiskt_omrade', 'Geografiskt område'],
  ['typ_av_sektor', 'Typ av sektor'],
  ['antal_medlemsforetag', 'Antal medlemsföretag'],
  ['startar', 'Startår för initiativet'],
  ['finansiarer', 'Finansiärer'],
  ['forskning', 'Forskning, Universitet/Högskolor'],
  ['koppling', 'Koppling till andra kluster'],
] as const;

/** How many of the fields a list-2 entry's short table shows (the seed's chapter 5). */
export const LIST2_FIELD_COUNT = 6;

/**
 * Longest fact-table field and name (characters) ingest accepts. A fact-table row is laid out whole on a page
 * (a table row does not break), so a longer field would be cut in the PDF while the HTML shows it all; names
 * appear in headings, tables and the ledger.
 */
export const FACT_FIELD_LIMIT = 2_000;
export const NAME_LIMIT = 1_000;
