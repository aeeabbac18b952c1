import { inflateRawSync } from 'node:zlib';
import { InputError } from '@kk/core';
import { LIMITS } from './layout.ts';

/**
 * A returned workbook comes from outside: before any Excel reader unpacks it, its zip central directory is read
 * here (a few hundred bytes) and every bound is checked on what the archive declares — the number of entries,
 * each entry's and the total uncompressed size — and on the parts it holds (macros, external links). Then each
 * entry is inflated with its declared size as a hard ceiling, so an archive that lies about its sizes is
 * refused too. Only a workbook that passes reaches exceljs.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;

const notZipAt = (file: string, found: string) => new InputError({ file }, 'an intact zip archive', found);

/** The entries of a zip archive, from its central directory (nothing inflated). */
export function centralDirectory(buf: Buffer, file: string): ZipEntry[] {
  const notZip = () =>
    new InputError({ file }, 'an Excel workbook (.xlsx, a zip archive)', 'a file that is not one');
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw notZip();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw new InputError(
      { file },
      'an ordinary .xlsx',
      'a ZIP64 archive (a workbook this large is not an answer)',
    );
  if (count > LIMITS.entries)
    throw new InputError({ file }, `a workbook of at most ${LIMITS.entries} parts`, `${count} parts`);
  // One archive, read one way: a single disk, the entry counts agreeing, the directory ending exactly where the
  // end record starts and the end record (and its comment) ending the file. Any slack would let another reader
  // (jszip keeps reading central headers past the count, and takes a gap for prepended data) see other entries
  // than the ones checked here.
  const commentLen = buf.readUInt16LE(eocd + 20);
  if (
    buf.readUInt16LE(eocd + 4) !== 0 ||
    buf.readUInt16LE(eocd + 6) !== 0 ||
    buf.readUInt16LE(eocd + 8) !== count ||
    offset + size !== eocd ||
    eocd + 22 + commentLen !== buf.length
  )
    throw notZipAt(
      file,
      'a central directory that does not fill the archive exactly (a damaged or crafted file)',
    );
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notZip();
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    const name = entries[entries.length - 1].name;
    // Names as stored, plain: no Unicode-path extra field (0x7075) that a reader would use instead, no path tricks.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; x += 4 + buf.readUInt16LE(x + 2))
      if (buf.readUInt16LE(x) === 0x7075) throw notZip();
    if (!/^[\x20-\x7e]+$/.test(name) || name.includes('\\') || name.split('/').includes('..')) throw notZip();
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (p !== eocd)
    throw notZipAt(
      file,
      'a central directory that does not fill the archive exactly (a damaged or crafted file)',
    );
  return entries;
}

/** Refuses what a questionnaire never holds: macros, ActiveX, external links, embedded objects. */
function refuseParts(entries: ZipEntry[], buf: Buffer, file: string): void {
  for (const e of entries) {
    const n = e.name.toLowerCase();
    if (n.endsWith('vbaproject.bin') || n.includes('/activex/') || n.startsWith('xl/macrosheets/'))
      throw new InputError({ file }, 'a workbook without macros', `a macro part (${e.name})`);
    if (n.startsWith('xl/externallinks/'))
      throw new InputError(
        { file },
        'a workbook without links to other files',
        `an external link (${e.name})`,
      );
    if (n.startsWith('xl/embeddings/'))
      throw new InputError({ file }, 'a workbook without embedded files', `an embedded object (${e.name})`);
  }
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (!types)
    throw new InputError({ file }, 'an Excel workbook (.xlsx)', 'a zip archive without [Content_Types].xml');
  if (/macroEnabled/i.test(inflate(buf, types, file).toString('utf8')))
    throw new InputError(
      { file },
      'a workbook without macros (.xlsx)',
      'a macro-enabled workbook (.xlsm saved as .xlsx)',
    );
}

/** One entry's bytes, never more than it declares. */
export function inflate(buf: Buffer, e: ZipEntry, file: string): Buffer {
  if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== LOCAL)
    throw new InputError({ file }, 'an intact zip archive', `a damaged entry (${e.name})`);
  const start =
    e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressed);
  if (e.method === 0) {
    if (data.length !== e.uncompressed)
      throw new InputError({ file }, 'an intact zip archive', `a damaged entry (${e.name})`);
    return data;
  }
  if (e.method !== 8)
    throw new InputError({ file }, 'deflated zip entries', `compression method ${e.method} (${e.name})`);
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressed) });
    if (out.length !== e.uncompressed) throw new Error('size');
    return out;
  } catch {
    throw new InputError(
      { file },
      `the ${e.uncompressed} bytes the archive declares for ${e.name}`,
      'an entry that unpacks to another size (a damaged or crafted archive)',
    );
  }
}

/**
 * Every bound a returned workbook must keep, checked before exceljs sees it. Returns the checked entries'
 * bytes: the reader builds a new archive of exactly these, so that what exceljs unpacks is what was checked.
 */
export function checkWorkbookBytes(buf: Buffer, file: string): Map<string, Buffer> {
  if (buf.length === 0)
    throw new InputError({ file }, 'an Excel workbook (.xlsx)', 'an empty file (0 bytes)');
  if (buf.length > LIMITS.fileBytes)
    throw new InputError({ file }, `a questionnaire of at most ${mb(LIMITS.fileBytes)}`, `${mb(buf.length)}`);
  const entries = centralDirectory(buf, file);
  let total = 0;
  for (const e of entries) {
    if (e.uncompressed > LIMITS.entryBytes)
      throw new InputError(
        { file },
        `parts of at most ${mb(LIMITS.entryBytes)} unpacked`,
        `${e.name} declaring ${mb(e.uncompressed)} (a zip bomb or a sheet of far too many rows)`,
      );
    total += e.uncompressed;
  }
  if (total > LIMITS.totalBytes)
    throw new InputError({ file }, `at most ${mb(LIMITS.totalBytes)} unpacked`, `${mb(total)} declared`);
  refuseParts(entries, buf, file);
  const parts = new Map<string, Buffer>();
  for (const e of entries) {
    if (parts.has(e.name)) throw notZipAt(file, `a part named twice (${e.name})`);
    parts.set(e.name, inflate(buf, e, file));
  }
  return parts;
}

/** A new archive of the checked parts (stored, not compressed: it is only handed to exceljs in memory). */
export async function rebuiltArchive(parts: Map<string, Buffer>): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  for (const [name, bytes] of parts) zip.file(name, bytes, { binary: true, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
