import type { OpenItem } from '@kk/core';
import type { KommunPunkt, LanShape } from '@kk/map';
import type { IngestFactsheetsRow } from '@kk/tables';
// What the report is built from, whatever stage produced it. The loader (load.ts) fills this from the
// upstream stages' outputs and the edition's raw content; everything after it is pure.

export interface EditionMeta {
  ar: number;
  titel: string;
  serie: string;
  forfattare: string;
  utgivare: string;
  utgiven: string;
  utgivningsdatum: string;
  sprak: string;
  amnesord: string[];
  /** The initiative whose profile Diagram 1 shows (an entity id); default: the first of list 1. */
  diagram1_exempel?: string;
}

export type OutlinePart =
  | { kind: 'title' | 'toc' | 'employment' | 'criteria' | 'exceptions' | 'changes' }
  | { kind: 'prose'; file: string }
  | { kind: 'overview'; list: 1 | 2 }
  | { kind: 'initiatives'; list: 1 }
  | { kind: 'networks'; type: NetworkType };

export type NetworkType = 'strategiskt' | 'transnationellt';

/** The fact sheet's columns the report prints: read by name (a change to another column leaves the report current). */
export const FACTSHEET_COLUMNS = [
  'id',
  'lista',
  'natverkstyp',
  'ordning',
  'tabellnamn',
  'tabell_geografi',
  'rubrik',
  'internetadress',
  'adress',
  'telefonnummer',
  'kontaktperson',
  'geografiskt_omrade',
  'typ_av_sektor',
  'antal_medlemsforetag',
  'startar',
  'finansiarer',
  'forskning',
  'koppling',
] as const;
export type Factsheet = Pick<IngestFactsheetsRow, (typeof FACTSHEET_COLUMNS)[number]>;

/**
 * An entity's place in the report: a row of criteria's lista1 or lista2 as the stage stored it (in the order of
 * the overview table; lista 2 strategic networks first), with its fact sheet.
 */
export interface ListMember {
  entity_id: string;
  factsheet_id: string;
  lista: 1 | 2;
  typ: NetworkType | null;
  /** The name and Geografiskt område as the overview table prints them. */
  namn: string;
  geografiskt_omrade: string;
}

export interface Exception {
  entity_id: string;
  kriterier: number[];
  motivering: string;
}

export interface Criterion {
  nr: number;
  rubrik: string;
  beskrivning: string;
  diagramtext: string;
  kortnamn: string;
}

export interface Indicator {
  kriterium: number;
  nr: number;
  text: string;
}

/** A row of criteria's poang: the share of an entity's sub-indicators met for one criterion. */
export interface Poang {
  entity_id: string;
  kriterium: number;
  andel: number | null;
}

/** Employment in an initiative's sector over all its Swedish län (the aggregate row of the employment stage). */
export interface Employment {
  entity_id: string;
  lan: string[];
  ar: number;
  rams_grupp: string;
  bransch: string;
  sysselsatta: number | null;
  region_totalt: number | null;
  lq: number | null;
  forandring: number | null;
  /** Why the LQ is missing: 'undertryckt' (SCB gives a symbol), 'saknas' (no row), '' when it is there. */
  lq_saknas: string;
  /** The missing cells behind it, as missing_cells describes them. */
  lq_saknas_celler: MissingCell[];
}

/** A value the statistics do not give (employment's missing_cells), with its place in the file. */
export interface MissingCell {
  plats: string;
  symbol: string;
  lan_kod: string;
  region_kod: string;
  region_niva: string;
  naringsgren_kod: string;
  ar: number;
}

export interface Lan {
  lan_kod: string;
  lan_namn: string;
  lan_kortnamn: string;
}

export interface CollectionCounts {
  /** Distinct candidates after the coarse collection (entities). */
  entities: number;
  /** Entities listed by at least one källa-1 list. */
  kalla1: number;
  /** Entities listed only by källa-2 lists. */
  kalla2Only: number;
  /** Entities sorted out already in step 1. */
  rejectedStep1: number;
}

export interface ReportInputs {
  edition: EditionMeta;
  outline: OutlinePart[];
  content: Map<string, string>;
  factsheets: Factsheet[];
  descriptions: Map<string, string>;
  members: ListMember[];
  exceptions: Exception[];
  criteria: Criterion[];
  indicators: Indicator[];
  poang: Poang[];
  /** The initiatives' own answers on the sub-indicators (ingest sjalvbedomning); empty when nobody answered. */
  self: { entity_id: string; kriterium: number; indikator: number; svar: string }[];
  /** The analyst's judgment per entity and criterion: the sub-indicators met and assessed (criteria bedomningar). */
  analystIndicators: { entity_id: string; kriterium: number; uppfyllda: number[]; bedomda: number[] }[];
  /** Initiatives the survey asked and those that answered (ingest enkat_status); 0 and 0 before any answer. */
  surveyAsked: number;
  surveyAnswered: number;
  /** Län per entity (codes), as the employment stage resolved them. */
  entityLan: Map<string, string[]>;
  employment: Map<string, Employment>;
  employmentSource: { ar: number; tabell: string; kalla: string; gruppering: string; matt: string };
  lan: Lan[];
  larosaten: { larosate: string; alias: string; typ: string }[];
  sektorer: { typ_av_sektor: string; kategori: string }[];
  collection: CollectionCounts;
  /** The län boundaries and kommun points of raw/<year>/karta/, for the map in 4.1. */
  karta: { lan: LanShape[]; kommuner: KommunPunkt[] };
  /** The chapter on changes since the previous edition, when there is one. */
  changes?: ChangesChapter;
  /** What the edition still needs (@kk/core open-items): any makes the report a draft with an appendix. */
  openItems?: OpenItem[];
}

export interface ChangesChapter {
  title: string;
  paragraphs: string[];
  groups: { heading: string; columns: string[]; rows: { cells: string[] }[] }[];
}
