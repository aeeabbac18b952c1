import { describe, expect, it } from 'vitest';
import { checkPageRefs } from '../src/pagerefs.ts';

// Page texts as pdftotext -layout gives them (one string per page).
const pages = [
  'Title',
  'Initiativ                  Geografiskt område        Sida\n\nAlfa 1: X        Skåne          4\nAlfa 2: Y        Halland        5\n\n   2',
  'Initiativ                  Geografiskt område        Sida\n\nAlfa 10: Z       Norrbotten,    6\n                 Västerbotten\n   3',
  'Alfa 1: X\nText om Alfa 1: X.\n   4',
  'Alfa 2: Y\n   5',
  'Alfa 10: Z\n   6',
];

describe('checkPageRefs', () => {
  it('accepts tables whose rows print the page of each heading, over several table pages', () => {
    const r = checkPageRefs(pages, ['Alfa 1: X', 'Alfa 2: Y', 'Alfa 10: Z']);
    expect(r).toEqual({ checked: 3, overviewPages: [2, 3], problems: [] });
  });

  it('reports a row that prints the wrong page', () => {
    const wrong = [...pages];
    wrong[1] = wrong[1].replace('Halland        5', 'Halland        7');
    const r = checkPageRefs(wrong, ['Alfa 1: X', 'Alfa 2: Y', 'Alfa 10: Z']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('Alfa 2: Y: the table says page 7, the heading is on page 5');
  });

  it('reports a row lost from the table (as at a page break)', () => {
    const lost = [...pages];
    lost[2] = 'Initiativ                  Geografiskt område        Sida\n\n   3';
    const r = checkPageRefs(lost, ['Alfa 1: X', 'Alfa 2: Y', 'Alfa 10: Z']);
    expect(r.problems[0]).toMatch(/^1 of 3 page references wrong or missing/);
    expect(r.problems[0]).toContain('Alfa 10: Z: no row with a page number');
  });

  it('fails when there is no overview table at all', () => {
    expect(checkPageRefs(['a', 'b'], ['Alfa 1: X']).problems).toEqual(['no overview table found in the PDF']);
  });
});
