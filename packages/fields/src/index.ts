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

export type FactField = (typeof FACT_FIELDS)[number][0];
