import type { KommunPunkt, LanShape } from '@kk/map';

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

export interface Factsheet {
  id: string;
  lista: number;
  natverkstyp: string;
  ordning: number;
  tabellnamn: string;
  tabell_geografi: string;
  rubrik: string;
  internetadress: string;
  adress: string;
  telefonnummer: string;
  kontaktperson: string;
  geografiskt_omrade: string;
  typ_av_sektor: string;
  antal_medlemsforetag: string;
  startar: string;
  finansiarer: string;
  forskning: string;
  koppling: string;
}

/** An entity's place in the report: list 1, or list 2 with its type. */
export interface ListMember {
  entity_id: string;
  factsheet_id: string;
  lista: 1 | 2;
  typ: NetworkType | null;
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

export interface Score {
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
  scores: Score[];
  /** Län per entity (codes), as the employment stage resolved them. */
  entityLan: Map<string, string[]>;
  employment: Map<string, Employment>;
  employmentSource: { ar: number; tabell: string; kalla: string; gruppering: string };
  lan: Lan[];
  larosaten: { larosate: string; alias: string; typ: string }[];
  sektorer: { typ_av_sektor: string; kategori: string }[];
  collection: CollectionCounts;
  /** The län boundaries and kommun points of raw/<year>/karta/, for the map in 4.1. */
  karta: { lan: LanShape[]; kommuner: KommunPunkt[] };
  /** The chapter on changes since the previous edition, when there is one. */
  changes?: ChangesChapter;
}

export interface ChangesChapter {
  title: string;
  paragraphs: string[];
  groups: { heading: string; columns: string[]; rows: { cells: string[] }[] }[];
}
