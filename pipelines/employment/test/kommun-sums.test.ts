// The kommun rows summed per county (the source kommun_sums that lan_cells reads): a wide file is summed from its
// lines with the years side by side, which must give what summing its cells one value at a time gives; files
// that share a county's kommuner add up as one file would.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Duck } from '@kk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runSql } from '../src/sql.ts';
import { cellsName, readStatisticsFile } from '../src/statistics/read.ts';
import { openDuck, rawReference, spec, tmp } from './helpers.ts';

const HEADER = '"region","näringsgren SNI 2007","2007","2008"';
// Blekinge's five kommuner and Gotland, two years; Ronneby's 26110 is suppressed in 2008 and Sölvesborg gives
// no 62020 line at all (a county sum without it is missing, and the kommun counted as missing).
const LINES = [
  '"0980 Gotland","26110 Tillverkning av elektroniska komponenter",4,5',
  '"0980 Gotland","62010 Dataprogrammering",28,30',
  '"1060 Olofström","26110 Tillverkning av elektroniska komponenter",90,100',
  '"1060 Olofström","62010 Dataprogrammering",1,1',
  '"1060 Olofström","62020 Datakonsultverksamhet",2,2',
  '"1080 Karlskrona","26110 Tillverkning av elektroniska komponenter",55,50',
  '"1080 Karlskrona","62010 Dataprogrammering",290,300',
  '"1080 Karlskrona","62020 Datakonsultverksamhet",-,200',
  '"1081 Ronneby","26110 Tillverkning av elektroniska komponenter",7,..',
  '"1081 Ronneby","62010 Dataprogrammering",9,10',
  '"1081 Ronneby","62020 Datakonsultverksamhet",5,5',
  '"1082 Karlshamn","26110 Tillverkning av elektroniska komponenter",3,3',
  '"1082 Karlshamn","62010 Dataprogrammering",20,20',
  '"1082 Karlshamn","62020 Datakonsultverksamhet",11,10',
  '"1083 Sölvesborg","26110 Tillverkning av elektroniska komponenter",1,1',
  '"1083 Sölvesborg","62010 Dataprogrammering",4,4',
];

function write(dir: string, fil: string, lines: string[]): string {
  const path = join(dir, fil);
  writeFileSync(path, `${[HEADER, ...lines].join('\r\n')}\r\n`);
  return path;
}

const SUMS = 'SELECT * FROM kommun_sums ORDER BY ar, niva, kod, lan_kod';
// Sums and counts come as text (HUGEINT, BIGINT): numbers here, so that both paths are compared by value.
interface Sum {
  ar: number;
  niva: string;
  kod: string;
  lan_kod: string;
  varde: number | null;
  saknade: number;
  kommuner: number;
}
const values = (rows: Record<string, unknown>[]): Sum[] =>
  rows.map((r) => ({
    ...(r as unknown as Sum),
    ...r,
    varde: r.varde === null ? null : Number(r.varde),
    saknade: Number(r.saknade),
    kommuner: Number(r.kommuner),
  }));

let duck: Duck | undefined;
afterEach(() => {
  duck?.close();
  duck = undefined;
});

describe('kommun rows summed per county', () => {
  it('a wide file summed line by line gives what its cells summed one by one give', async () => {
    const dir = tmp();
    const ref = rawReference();
    duck = await openDuck(ref, ['kommuner.csv']);
    const path = write(dir, 'kommuner.csv', LINES);
    await readStatisticsFile(duck, spec('kommuner.csv', { path, file: 'kommuner.csv' }), ref, dir);
    const wide = values(await duck.rows(SUMS));
    // The same sums from the unfolded cells, as a long file or one split by sex is summed.
    await runSql(duck, '28_kommun_sums.sql', {
      name: 'from_cells',
      fil: "'kommuner.csv'",
      cells: cellsName(0),
    });
    const cells = values(await duck.rows('SELECT * FROM from_cells ORDER BY ar, niva, kod, lan_kod'));
    expect(wide).toEqual(cells);
    const types = (name: string) => duck?.rows(`SELECT column_name, column_type FROM (DESCRIBE ${name})`);
    expect(await types('kommun_sums')).toEqual(await types('from_cells'));
    const at = (ar: number, kod: string, lan: string) =>
      wide.find((r) => r.ar === ar && r.kod === kod && r.lan_kod === lan);
    expect(at(2007, '62010', '10')).toMatchObject({ varde: 324, saknade: 0, kommuner: 5 });
    // Ronneby's ".." in 2008: Blekinge's 26110 is missing, not 154.
    expect(at(2008, '26110', '10')).toMatchObject({ varde: null, saknade: 1, kommuner: 5 });
    // Karlskrona's "-" in 2007, and Sölvesborg has no line (lan_cells counts the kommun that is not there).
    expect(at(2007, '62020', '10')).toMatchObject({ varde: null, saknade: 1, kommuner: 4 });
    expect(at(2008, '62020', '10')).toMatchObject({ varde: 217, saknade: 0, kommuner: 4 });
  });

  it("a county's kommuner in two files add up as in one file", async () => {
    const dir = tmp();
    const ref = rawReference();
    duck = await openDuck(ref, ['kommuner.csv']);
    const one = write(dir, 'kommuner.csv', LINES);
    await readStatisticsFile(duck, spec('kommuner.csv', { path: one, file: 'kommuner.csv' }), ref, dir);
    const single = values(await duck.rows(SUMS));
    duck.close();

    duck = await openDuck(ref, ['a.csv', 'b.csv']);
    const a = write(dir, 'a.csv', LINES.slice(0, 8));
    const b = write(dir, 'b.csv', LINES.slice(8));
    await readStatisticsFile(duck, spec('a.csv', { path: a, file: 'a.csv' }), ref, dir, 0);
    await readStatisticsFile(duck, spec('b.csv', { path: b, file: 'b.csv' }), ref, dir, 1);
    expect(values(await duck.rows(SUMS))).toEqual(single);
  });
});
