// The chapter on changes: the report's words (templates/forandringar.json) filled from the changes stage's facts.
import type { ChangesKapitelRaderRow, ChangesKapitelRow } from '@kk/tables';
import { describe, expect, it } from 'vitest';
import { changesChapter } from '../src/changes.ts';

const kapitel: ChangesKapitelRow = {
  utgava_a: '2009',
  utgava_b: '2010',
  lista1_a: 39,
  lista1_b: 40,
  strategiska_a: 22,
  strategiska_b: 21,
  transnationella_a: 7,
  transnationella_b: 6,
  bortsorterade_a: 17,
  bortsorterade_b: 18,
  tillagda: 1,
  borttagna: 1,
  namnbyten: 2,
  flyttade: 3,
  faktaandrade: 7,
  bedomningsandrade: 4,
  statistikar_a: 2008,
  statistikar_b: 2009,
  ett_statistikar: true,
  riket_a: 4_406_789,
  riket_b: 4_280_743,
  sysselsattning_andrade: 1234,
  tabellskillnader: 0,
};

const row = (ordning: number, grupp: string, ...cells: string[]): ChangesKapitelRaderRow => ({
  ordning,
  grupp,
  cell1: cells[0],
  cell2: cells[1],
  cell3: cells[2] ?? null,
  cell4: cells[3] ?? null,
  cell5: cells[4] ?? null,
});

describe('the chapter on changes', () => {
  const rader = [
    row(1, 'tillagd', 'Fiktivia Testkluster', 'lista 1'),
    row(2, 'lq', 'Fiktivia <b>', '1 200', '1 300', '1,0000', '1,2000'),
    row(3, 'kallista_tillkommen', 'k2-ny.csv', 'Nytt register'),
    row(4, 'kolumn_tillkommen', 'k1-halland.csv', 'Senast uppdaterad'),
    row(5, 'kolumn_tillkommen', 'k1-skane.csv', 'Kommentar'),
  ];
  const chapter = changesChapter(kapitel, rader);

  it('states the figures in Swedish, numbers in sv-SE, years as years', () => {
    expect(chapter.title).toBe('Förändringar sedan föregående utgåva');
    const text = chapter.paragraphs.join('\n');
    expect(text).toContain(
      'I lista 1 finns 40 klusterinitiativ (39 i utgåvan 2009), i lista 2 finns 27 nätverk (29)',
    );
    expect(text).toContain(
      'Sysselsättningsuppgifterna avser 2009 (2008 i föregående utgåva): 4\u00a0280\u00a0743 förvärvsarbetande i riket (4\u00a0406\u00a0789). Uppgifterna har ändrats för 1\u00a0234 initiativ; tabellen visar',
    );
    expect(chapter.paragraphs.at(-1)).toBe(
      'Källistan k2-ny.csv (Nytt register) har tillkommit, listan k1-halland.csv har en ny kolumn, Senast uppdaterad och listan k1-skane.csv har en ny kolumn, Kommentar.',
    );
  });

  it('makes one table per group with rows, headed by the statistics years, text left to the page to escape', () => {
    expect(chapter.groups.map((g) => g.heading)).toEqual([
      'Nya initiativ',
      'Lokaliseringskvoten: de största förändringarna i lista 1',
    ]);
    expect(chapter.groups[1].columns).toEqual([
      'Initiativ',
      'Sysselsatta 2008',
      'Sysselsatta 2009',
      'LQ 2008',
      'LQ 2009',
    ]);
    expect(chapter.groups[1].rows[0].cells[0]).toBe('Fiktivia <b>');
  });

  it('names the editions in the columns when the statistics years do not tell them apart', () => {
    const same = changesChapter({ ...kapitel, statistikar_a: 2009, ett_statistikar: true }, rader);
    expect(same.groups[1].columns[1]).toBe('Sysselsatta utg. 2009');
    expect(same.paragraphs.join('\n')).toContain('Sysselsättningsuppgifterna avser 2009 i båda utgåvorna.');
  });
});
