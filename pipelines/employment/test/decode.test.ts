// The one pass over a statistics file that settles its encoding also says whether DuckDB can read a single-byte
// file as it is (no byte in 0x80–0x9F), also when the file turns out not to be UTF-8 only after its first piece.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../src/statistics/decode.ts';
import { tmp } from './helpers.ts';

const PIECE = 4 << 20;

function file(bytes: Buffer): string {
  const path = join(tmp(), 'statistik.csv');
  writeFileSync(path, bytes);
  return path;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
// A line of ASCII repeated past the first piece read.
const filler = Buffer.from('"0114 Upplands Vasby","62010 Dataprogrammering",1,2\r\n'.repeat(PIECE / 40));

describe('encoding and the latin-1 path, in one pass', () => {
  it('a Windows-1252 file with å, ä, ö only is read as it is', () => {
    const path = file(latin1('"Förvärvsarbetande"\r\n\r\n"region","år"\r\n"0114 Upplands Väsby",1\r\n'));
    expect(detectEncoding(path, 'f.csv', 'auto')).toMatchObject({ encoding: 'windows-1252', latin1: true });
    expect(detectEncoding(path, 'f.csv', 'windows-1252')).toMatchObject({ latin1: true });
  });

  it('a "–" (0x96) keeps a Windows-1252 file from being read as it is, also in a later piece', () => {
    const dash = Buffer.from([0x22, 0x96, 0x22, 0x0d, 0x0a]);
    expect(detectEncoding(file(Buffer.concat([latin1('"å"\r\n'), dash])), 'f.csv', 'auto').latin1).toBe(
      false,
    );
    const late = file(Buffer.concat([filler, latin1('"å"\r\n'), dash]));
    expect(detectEncoding(late, 'f.csv', 'auto')).toMatchObject({ encoding: 'windows-1252', latin1: false });
  });

  it('bytes 0x80–0x9F before the piece that shows the file is not UTF-8 count too', () => {
    // "–" in UTF-8 is E2 80 93: valid UTF-8 in the first piece; an ISO-8859-1 "ä" (E4) in a later piece makes
    // the file Windows-1252, where 0x80 and 0x93 are no ISO-8859-1 letters.
    const path = file(Buffer.concat([Buffer.from('"–"\r\n', 'utf8'), filler, latin1('"ä"\r\n')]));
    expect(detectEncoding(path, 'f.csv', 'auto')).toMatchObject({ encoding: 'windows-1252', latin1: false });
  });

  it('a UTF-8 file is not read as latin-1', () => {
    const path = file(Buffer.from('"Förvärvsarbetande"\r\n"–"\r\n', 'utf8'));
    expect(detectEncoding(path, 'f.csv', 'auto')).toMatchObject({ encoding: 'utf-8', latin1: false });
  });
});
