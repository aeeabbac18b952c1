import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { decodeText, type Encoding, iconvName } from '@kk/core';
import iconv from 'iconv-lite';

const CHUNK = 4 << 20;
const HEAD = 256 << 10;

/** Reads `length` bytes at `position` (fewer at the end of the file). */
function readAt(fd: number, position: number, length: number): Buffer {
  // Not zero-filled: only the bytes read are kept, and zeroing 4 MiB per piece was a tenth of a pass.
  const buf = Buffer.allocUnsafe(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/**
 * Settles a file's encoding without holding it in memory: a UTF-8 BOM or a declared encoding wins; `auto`
 * takes UTF-8 when every byte is valid UTF-8, else Windows-1252 (SCB writes no Mac OS Roman, which core's rule
 * also looks for in a source list; the manifest's kodning does not offer it here). Any problem — NUL bytes,
 * UTF-16, invalid UTF-8 where UTF-8 is declared — is handed to core's `decodeText`, which names the line.
 * `latin1`: a single-byte file DuckDB can read as it is (see hasC1), found in the same pass over the file.
 */
export function detectEncoding(
  path: string,
  file: string,
  declared: Encoding | 'auto',
): { encoding: Encoding; bom: boolean; mixedLineEnds: boolean; latin1: boolean } {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const first = readAt(fd, 0, 3);
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
    const utf16 = (first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff);
    if (utf16) decodeText(first, file, declared);
    const wantUtf8 = bom || declared === 'utf-8' || declared === 'auto';
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let valid = true;
    // Line ends: an editor that changed one line of a CRLF download leaves LF there; DuckDB's reader cannot
    // parse such a file, so it is read from a copy with LF only (and a warning).
    let crlf = 0;
    let lf = 0;
    let before = 0;
    // Bytes 0x80–0x9F are looked for once the file cannot be UTF-8 (a UTF-8 file never needs it): from the
    // piece where that is found, and before it afterwards (usually none: the title line has å, ä or ö).
    let c1 = false;
    let c1From = -1;
    for (let pos = 0; pos < size; pos += CHUNK) {
      const chunk = readAt(fd, pos, CHUNK);
      if (lf === 0 || crlf === 0) {
        for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) {
          if ((i > 0 ? chunk[i - 1] : before) === 0x0d) crlf++;
          else lf++;
        }
      }
      before = chunk[chunk.length - 1] ?? 0;
      if (chunk.includes(0)) {
        decodeText(readFileSync(path), file, declared);
      }
      if (wantUtf8 && valid) {
        try {
          decoder.decode(chunk, { stream: pos + CHUNK < size });
        } catch {
          valid = false;
        }
      }
      if (!(wantUtf8 && valid) && !c1) {
        if (c1From < 0) c1From = pos;
        c1 = hasC1(chunk);
      }
    }
    const mixedLineEnds = crlf > 0 && lf > 0;
    if (wantUtf8 && valid) return { encoding: 'utf-8', bom, mixedLineEnds, latin1: false };
    if (bom || declared === 'utf-8') {
      // Throws with the line and column of the first bad byte.
      decodeText(readFileSync(path), file, bom ? 'utf-8' : declared);
    }
    if (!c1 && c1From > 0) c1 = !noC1Before(fd, c1From);
    return {
      encoding: declared === 'iso-8859-1' ? 'iso-8859-1' : 'windows-1252',
      bom: false,
      mixedLineEnds,
      latin1: !c1,
    };
  } finally {
    closeSync(fd);
  }
}

/** The first lines of a file (up to 256 KiB, cut at a line end), decoded. */
export function readHead(path: string, file: string, encoding: Encoding): string {
  const fd = openSync(path, 'r');
  try {
    const bytes = readAt(fd, 0, HEAD);
    const cut = bytes.length === HEAD ? bytes.lastIndexOf(0x0a) + 1 : bytes.length;
    return decodeText(bytes.subarray(0, cut || bytes.length), file, encoding).text;
  } finally {
    closeSync(fd);
  }
}

/** Byte offset where physical line `line` (1-based) starts; 0x0A is a line end in all three encodings. */
export function offsetOfLine(path: string, line: number): number {
  const fd = openSync(path, 'r');
  try {
    let seen = 1;
    let pos = 0;
    const size = statSync(path).size;
    while (seen < line && pos < size) {
      const chunk = readAt(fd, pos, CHUNK);
      for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) {
        seen++;
        if (seen === line) return pos + i + 1;
      }
      pos += chunk.length;
    }
    return seen === line ? pos : size;
  } finally {
    closeSync(fd);
  }
}

/** Bytes 0x80–0x9F: the only ones where Windows-1252 (” – €) and ISO-8859-1 (C1 controls) differ. */
const C1 = /[\x80-\x9f]/;

/**
 * Decodes bytes of a single-byte or UTF-8 file (whole lines only, so no character is split). Buffer's `latin1`
 * is ISO-8859-1 and about ten times as fast as iconv-lite; Windows-1252 text without a byte in 0x80–0x9F (a
 * download whose only non-ASCII letters are å, ä, ö, é) is ISO-8859-1 too. Text with such a byte (” – €) goes
 * through iconv-lite: Node 20's TextDecoder('windows-1252') decodes those bytes as ISO-8859-1's C1 controls
 * (0x96 as U+0096, not –), which made a suppressed value written "–" unreadable.
 */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'utf-8') return iconv.decode(Buffer.from(bytes), iconvName(encoding));
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return encoding === 'iso-8859-1' || !C1.test(latin1) ? latin1 : iconv.decode(Buffer.from(bytes), 'win1252');
}

/**
 * Whether bytes of a single-byte file hold one in 0x80–0x9F, which keeps DuckDB from reading the file as it is
 * (`encoding = 'latin-1'`) rather than from a UTF-8 copy: its reader refuses a file with any such byte (even in a
 * title line it skips), and without one Windows-1252 and ISO-8859-1 are the same text.
 */
const hasC1 = (bytes: Buffer) => C1.test(bytes.toString('latin1'));

/** No byte in 0x80–0x9F in bytes [0, end) of an open file. */
function noC1Before(fd: number, end: number): boolean {
  for (let pos = 0; pos < end; pos += CHUNK) {
    if (hasC1(readAt(fd, pos, Math.min(CHUNK, end - pos)))) return false;
  }
  return true;
}

/**
 * Bytes [start, end) of a file in pieces of about 4 MiB, each cut after a line end (LF, the same byte in all
 * three encodings) so that no character and no line is split between two pieces, except in a line longer
 * than a piece; `last` marks the final piece.
 */
export function* linesInChunks(
  path: string,
  start: number,
  end = statSync(path).size,
): Generator<{ bytes: Buffer; last: boolean }> {
  const fd = openSync(path, 'r');
  try {
    let pending: Buffer = Buffer.alloc(0);
    for (let pos = start; pos < end; pos += CHUNK) {
      const read = readAt(fd, pos, Math.min(CHUNK, end - pos));
      const chunk = pending.length ? Buffer.concat([pending, read]) : read;
      const last = pos + CHUNK >= end;
      const cut = last ? chunk.length : chunk.lastIndexOf(0x0a) + 1;
      pending = chunk.subarray(cut);
      if (cut > 0) yield { bytes: chunk.subarray(0, cut), last };
    }
    if (pending.length) yield { bytes: pending, last: true };
  } finally {
    closeSync(fd);
  }
}

/** CRLF → LF in a buffer, keeping a CR at its end for the next chunk (it may end a CRLF split between them). */
function toLf(chunk: Buffer, carry: boolean): { out: Buffer; carry: boolean } {
  const input = carry ? Buffer.concat([Buffer.from([0x0d]), chunk]) : chunk;
  const keep = input.length > 0 && input[input.length - 1] === 0x0d;
  const body = keep ? input.subarray(0, input.length - 1) : input;
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = body.indexOf(0x0a); i >= 0; i = body.indexOf(0x0a, i + 1)) {
    if (i > 0 && body[i - 1] === 0x0d) {
      parts.push(body.subarray(from, i - 1));
      from = i;
    }
  }
  parts.push(body.subarray(from));
  return { out: Buffer.concat(parts), carry: keep };
}

/**
 * Copies bytes [start, end) of a file to `target` as UTF-8, converting from the file's encoding chunk by
 * chunk (single-byte encodings need no care at chunk edges; UTF-8 is copied as is), and with `lf` every
 * CRLF written as LF.
 */
export function copyAsUtf8(
  path: string,
  start: number,
  end: number,
  encoding: Encoding,
  target: string,
  lf = false,
): void {
  const fd = openSync(path, 'r');
  const out = openSync(target, 'w');
  let carry = false;
  try {
    for (let pos = start; pos < end; pos += CHUNK) {
      const chunk = readAt(fd, pos, Math.min(CHUNK, end - pos));
      let bytes = encoding === 'utf-8' ? chunk : Buffer.from(decodeBytes(chunk, encoding), 'utf8');
      if (lf) ({ out: bytes, carry } = toLf(bytes, carry));
      writeSync(out, bytes);
    }
    if (carry) writeSync(out, Buffer.from([0x0d]));
  } finally {
    closeSync(fd);
    closeSync(out);
  }
}

/** Reads bytes [start, end) of a file. */
export function readRange(path: string, start: number, end: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readAt(fd, start, end - start);
  } finally {
    closeSync(fd);
  }
}
