import { describe, expect, it } from 'vitest';
import {
  compareSv,
  formatDecimal,
  formatInteger,
  formatPercent,
  roundDecimal,
  slug,
  sortSv,
} from '../src/index.ts';

const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('numbers, rounded once', () => {
  it('writes sv-SE: no-break space between thousands, decimal comma, minus sign', () => {
    expect(formatInteger(4406789)).toBe(`4${NBSP}406${NBSP}789`);
    expect(formatInteger(1234)).toBe(`1${NBSP}234`);
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(0)).toBe('0');
    expect(formatDecimal(1.834)).toBe('1,8');
    expect(formatDecimal(0.5, 2)).toBe('0,50');
    expect(formatDecimal(-1234.5, 2)).toBe(`${MINUS}1${NBSP}234,50`);
    expect(formatDecimal(1e21, 0)).toBe(`1${'\u00a0000'.repeat(7)}`);
    expect(formatDecimal(3e-7, 2)).toBe('0,00');
  });

  it('rounds half away from zero on the decimal value, as it reads, not on the binary double', () => {
    // 1.005 is stored a little below 1.005; read as a decimal it is a tie, and ties go away from zero.
    expect(formatDecimal(1.005, 2)).toBe('1,01');
    expect(formatDecimal(1.00495, 2)).toBe('1,00');
    expect(formatDecimal(1.004999999999, 2)).toBe('1,00');
    expect(formatDecimal(0.125, 2)).toBe('0,13');
    expect(formatDecimal(-0.125, 2)).toBe(`${MINUS}0,13`);
    expect(formatDecimal(2.5, 0)).toBe('3');
    expect(formatInteger(2.5)).toBe('3');
    expect(formatDecimal(9.995, 2)).toBe('10,00');
    expect(formatDecimal(999.95, 1)).toBe(`1${NBSP}000,0`);
  });

  it('a per cent of a share moves the decimal point, it does not multiply by 100 in binary', () => {
    // 0.0195 × 100 in binary is 1.9500000000000002; as a decimal it is 1.95 → 2,0.
    expect(formatPercent(0.0195)).toBe('2,0');
    expect(formatPercent(0.01948)).toBe('1,9');
    expect(formatPercent(0.12345, 2)).toBe('12,35');
    expect(formatPercent(2 / 3, 0)).toBe('67');
    expect(formatPercent(1, 0)).toBe('100');
    expect(formatPercent(-0.034)).toBe(`${MINUS}3,4`);
  });

  it('gives the same text as Intl.NumberFormat sv-SE wherever there is no tie', () => {
    const nf = [0, 1, 2].map(
      (d) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: d, maximumFractionDigits: d }),
    );
    let seed = 21;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5000; i++) {
      const x = (random() - 0.3) * 10 ** Math.floor(random() * 8);
      for (const d of [0, 1, 2] as const) expect(formatDecimal(x, d), String(x)).toBe(nf[d].format(x));
    }
  });

  it('roundDecimal is the value a printed figure stands for', () => {
    expect(roundDecimal(1.2499, 2)).toBe(1.25);
    expect(roundDecimal(1.2449, 2)).toBe(1.24);
    expect(roundDecimal(0.9951, 2)).toBe(1);
    expect(roundDecimal(1.005, 2)).toBe(1.01);
    expect(roundDecimal(-1.005, 2)).toBe(-1.01);
    expect(formatDecimal(roundDecimal(0.80499, 2), 2)).toBe(formatDecimal(0.80499, 2));
  });
});

describe('Swedish collation and the slug', () => {
  it('sorts å, ä, ö after z and numbers by value', () => {
    expect(sortSv(['Örebro', 'Åre', 'Ängelholm', 'Zürich', 'Blekinge'], (s) => s)).toEqual([
      'Blekinge',
      'Zürich',
      'Åre',
      'Ängelholm',
      'Örebro',
    ]);
    expect(compareSv('Process 2', 'Process 10')).toBeLessThan(0);
  });

  it('makes ASCII slugs', () => {
    expect(slug('Nano Øresund – Ålands Ädelträ')).toBe('nano-oresund-alands-adeltra');
    expect(slug('Æbleø')).toBe('aebleo');
  });
});
