import { describe, expect, it } from 'vitest';
import {
  compareSv,
  formatChange,
  formatDecimal,
  formatInteger,
  joinSv,
  numberWord,
  sortSv,
} from '../src/swedish.ts';

describe('Swedish conventions', () => {
  it('formats numbers as sv-SE: space as thousands separator, comma as decimal sign', () => {
    expect(formatInteger(4406789)).toBe('4\u00a0406\u00a0789');
    expect(formatDecimal(1.834)).toBe('1,8');
    expect(formatDecimal(0.5, 2)).toBe('0,50');
    expect(formatChange(0.034)).toBe('+3,4\u00a0%');
    expect(formatChange(-0.1)).toBe('\u221210,0\u00a0%');
  });

  it('sorts å, ä, ö after z', () => {
    const names = ['Örebro', 'Östergötland', 'Västra Götaland', 'Ängelholm', 'Åre', 'Zürich', 'Blekinge'];
    expect(sortSv(names, (s) => s)).toEqual([
      'Blekinge',
      'Västra Götaland',
      'Zürich',
      'Åre',
      'Ängelholm',
      'Örebro',
      'Östergötland',
    ]);
    expect(compareSv('Ö', 'Z')).toBeGreaterThan(0);
  });

  it('joins lists with "och" and writes small numbers in words', () => {
    expect(joinSv(['Värmland'])).toBe('Värmland');
    expect(joinSv(['Värmland', 'Västra Götaland'])).toBe('Värmland och Västra Götaland');
    expect(joinSv(['A', 'B', 'C'])).toBe('A, B och C');
    expect(numberWord(7)).toBe('sju');
    expect(numberWord(4)).toBe('fyra');
    expect(numberWord(39)).toBe('39');
  });
});
