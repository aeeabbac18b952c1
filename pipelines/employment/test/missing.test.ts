// Missing values located: every suppression symbol a statistics file gives is kept as missing with its place
// (file:line:column), two files giving the same cell are named at their lines, and mixed line ends are read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@kk/core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import { readStatisticsFile } from '../src/statistics/read.ts';
import { FIXTURES, openDuck, rawReference, spec } from './helpers.ts';

const tmp = () => tempDir('kk-missing-');

describe('missing values in a statistics file', () => {
  it('each ".." and "-" is a row of missing_cells with its symbol, codes and file:line:column', async () => {
    const fil = 'synthetic-wide-utf8-bom-semicolon.csv';
    const ref = rawReference();
    const duck = await openDuck(ref, [fil]);
    try {
      const read = await readStatisticsFile(duck, spec(fil), ref, tmp());
      const cells = await duck.rows<Record<string, unknown>>(
        'SELECT plats, symbol, lan_kod, naringsgren_kod, ar FROM missing_cells ORDER BY rad, kolumn',
      );
      expect(read.missing).toBe(cells.length);
      expect(cells.length).toBeGreaterThan(0);
      const lines = readFileSync(join(FIXTURES, fil), 'utf8').split('\n');
      for (const c of cells) {
        const [, line, column] = /:(\d+):(\d+)$/.exec(String(c.plats)) ?? [];
        // The place points at the field holding the symbol (quoted or not).
        const text = lines[Number(line) - 1].replace(/\r$/, '');
        expect(
          text
            .slice(Number(column) - 1)
            .split(';')[0]
            .replace(/^"(.*)"$/, '$1'),
        ).toBe(c.symbol);
        expect(String(c.plats)).toMatch(
          /^tests\/fixtures\/employment\/synthetic-wide-utf8-bom-semicolon\.csv:/,
        );
      }
      expect(cells[0]).toMatchObject({ symbol: '..', lan_kod: '01', naringsgren_kod: 'K' });
    } finally {
      duck.close();
    }
  });

  it('"–" and "—" in a Windows-1252 file (bytes 0x96, 0x97) are suppression symbols, each at its place', async () => {
    // Node 20's TextDecoder('windows-1252') read these bytes as C1 controls: the file stopped with found "".
    const fil = 'synthetic-wide-rams-win1252.csv';
    const text = readFileSync(join(FIXTURES, fil)).toString('latin1');
    const row = '"01 Stockholms län","G handel",800,828';
    expect(text).toContain(row);
    const dir = tmp();
    const path = join(dir, fil);
    writeFileSync(path, Buffer.from(text.replace(row, '"01 Stockholms län","G handel",\x96,\x97'), 'latin1'));
    const ref = rawReference();
    const duck = await openDuck(ref, [fil]);
    try {
      await readStatisticsFile(duck, spec(fil, { path, file: path }), ref, tmp());
      const cells = await duck.rows<Record<string, unknown>>(
        'SELECT plats, symbol, lan_kod, naringsgren_kod, ar FROM missing_cells ORDER BY rad, kolumn',
      );
      const line = text.split('\r\n').indexOf(row) + 1;
      const column = row.indexOf('800') + 1;
      expect(cells.map((c) => ({ ...c, ar: Number(c.ar) }))).toEqual([
        { plats: `${path}:${line}:${column}`, symbol: '–', lan_kod: '01', naringsgren_kod: 'G', ar: 2007 },
        {
          plats: `${path}:${line}:${column + 2}`,
          symbol: '—',
          lan_kod: '01',
          naringsgren_kod: 'G',
          ar: 2008,
        },
      ]);
    } finally {
      duck.close();
    }
  });

  it('a file with mixed line ends (CRLF and LF) reads as the same file with one warning', async () => {
    const fil = 'synthetic-wide-rams-win1252.csv';
    const bytes = readFileSync(join(FIXTURES, fil)).toString('latin1');
    const lf = bytes.replace(/\r\n/g, '\n').split('\n');
    const mixed = lf.map((l, i) => (i % 3 === 1 && l ? `${l}\r` : l)).join('\n');
    const dir = tmp();
    writeFileSync(join(dir, fil), Buffer.from(mixed, 'latin1'));
    const ref = rawReference();
    const read = async (path: string) => {
      const duck = await openDuck(ref, [fil]);
      try {
        const r = await readStatisticsFile(duck, spec(fil, { path, file: path }), ref, tmp());
        const rows = await duck.rows('SELECT * EXCLUDE (fil) FROM statistics_long');
        return { r, rows };
      } finally {
        duck.close();
      }
    };
    const a = await read(join(FIXTURES, fil));
    const b = await read(join(dir, fil));
    expect(b.rows).toEqual(a.rows);
    const warnings = b.r.warnings.map((w) => w.message).filter((m) => /mixed line ends/.test(m));
    expect(warnings).toEqual(['mixed line ends (CRLF and LF): read with each line end as one']);
  });

  it('after a blank line and a label over two lines, each place still points at its symbol', async () => {
    // Windows-1252 without ” – € (read by DuckDB as latin-1), CRLF; an editor left a blank line, and a label
    // was wrapped inside its quotes (a record over two lines: the file is then read record by record).
    const fil = 'synthetic-wide-rams-win1252.csv';
    const lines = readFileSync(join(FIXTURES, fil)).toString('latin1').replace(/\x96/g, '-').split('\r\n');
    const edited = lines.map((l, i) => {
      if (i < 4 || !l) return l;
      const symbol = ['..', '-', '".."', '', '...'][i % 5];
      const line = l.replace(/,(\d+)$/, `,${symbol}`);
      return i === 9 ? line.replace('"01 Stockholms l', '"01 Stockholms\r\nl') : line;
    });
    edited.splice(7, 0, '');
    const dir = tmp();
    writeFileSync(join(dir, fil), Buffer.from(edited.join('\r\n'), 'latin1'));
    const ref = rawReference();
    for (const wrapped of [true, false]) {
      const text = wrapped ? edited : edited.map((l) => l.replace('Stockholms\r\nl', 'Stockholms l'));
      writeFileSync(join(dir, fil), Buffer.from(text.join('\r\n'), 'latin1'));
      const duck = await openDuck(ref, [fil]);
      try {
        const read = await readStatisticsFile(
          duck,
          spec(fil, { path: join(dir, fil), file: fil }),
          ref,
          tmp(),
        );
        const cells = await duck.rows<{ plats: string; symbol: string; lan_kod: string }>(
          'SELECT plats, symbol, lan_kod FROM missing_cells ORDER BY rad, kolumn',
        );
        const physical = text.join('\r\n').split('\r\n');
        expect(cells.length).toBe(read.missing);
        expect(cells.length).toBe(physical.filter((l) => /,(\.*|-|"\.\.")$/.test(l)).length);
        for (const c of cells) {
          const [, line, column] = /:(\d+):(\d+)$/.exec(c.plats) ?? [];
          const at = physical[Number(line) - 1].slice(Number(column) - 1).replace(/^"(.*)"$/, '$1');
          expect(at).toBe(c.symbol);
        }
        // The wrapped record's cell is Stockholm's, at the line its symbol is on.
        const stockholm = physical.findIndex((l) => /^(l.n|"01 Stockholms l.n)","B\+C/.test(l)) + 1;
        expect(cells.find((c) => c.plats.includes(`:${stockholm}:`))?.lan_kod).toBe('01');
      } finally {
        duck.close();
      }
    }
  });

  it('two files giving the same cell: both named at their lines', async () => {
    const fil = 'synthetic-wide-rams-win1252.csv';
    const ref = rawReference();
    const duck = await openDuck(ref, [fil, 'copy.csv']);
    try {
      await readStatisticsFile(duck, spec(fil), ref, tmp(), 0);
      const err = await readStatisticsFile(
        duck,
        spec(fil, { fil: 'copy.csv', file: 'raw/copy.csv' }),
        ref,
        tmp(),
        1,
      ).catch((e) => e);
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toMatch(
        /^raw\/copy\.csv:\d+: expected statistics not given by another file too, found region \w+, industry "[^"]+", \d{4}, also in tests\/fixtures\/employment\/synthetic-wide-rams-win1252\.csv:\d+$/,
      );
    } finally {
      duck.close();
    }
  });
});
