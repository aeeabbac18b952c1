// The finishing of Chromium's PDF as a patch of its bytes. Chromium (Skia) writes every object uncompressed,
// with a classic cross-reference table and one trailer; what the report changes is two small objects (the
// document information and the catalog), the trailer, and the structure elements' ids, which are replaced by
// ids of the same length. So the file is copied as it is, those objects written anew, and the table made with
// the moved offsets: some milliseconds, where pdf-lib's parse and rewrite of its 7 000 objects took a third of a
// second of every build. A file of another shape (object streams, an incremental update, a table that does not
// point at its objects) is not patched: the caller finishes it with pdf-lib (pdfmeta.ts).

/** What the finished PDF says of itself. */
export interface PdfFacts {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  /** A language tag, sv-SE. */
  language: string;
  /** The creation and modification date, a day (2009-12-01), at midnight UTC. */
  date: string;
  /** Both halves of the file identifier. */
  id: string;
}

const NODE_ID = /\(node(\d{8})\)/g;

/** A text string: UTF-16BE with its byte-order mark, in hex (any language, no escapes). */
function textString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A literal string of ASCII text, its delimiters escaped. */
function literal(s: string): string {
  return `(${s.replace(/[()\\]/g, (c) => `\\${c}`)})`;
}

interface XrefEntry {
  offset: number;
  generation: string;
  used: boolean;
}

/**
 * The finished PDF, or undefined when the file is not of the shape this patch knows (see above). Its structure
 * element ids (`node00001765`, Chromium's DOM node numbers, which shift between runs) are replaced by their rank,
 * as pdfmeta.ts describes.
 */
export function patchChromiumPdf(pdf: Buffer, facts: PdfFacts): Buffer | undefined {
  // latin1: one character per byte, so a string index is a byte offset.
  const text = pdf.toString('latin1');
  const end = /startxref\r?\n(\d+)\r?\n%%EOF\r?\n?$/.exec(text.slice(-64));
  if (!end) return undefined;
  const xrefAt = Number(end[1]);
  const head = /^xref\r?\n0 (\d+)\r?\n/.exec(text.slice(xrefAt, xrefAt + 32));
  if (!head) return undefined;
  const size = Number(head[1]);
  const entriesAt = xrefAt + head[0].length;
  const entries: XrefEntry[] = [];
  for (let i = 0; i < size; i++) {
    const e = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(
      text.slice(entriesAt + 20 * i, entriesAt + 20 * i + 20),
    );
    if (!e) return undefined;
    entries.push({ offset: Number(e[1]), generation: e[2], used: e[3] === 'n' });
  }
  const trailerAt = entriesAt + 20 * size;
  const trailer = /^trailer\r?\n<<([\s\S]*?)>>\r?\nstartxref/.exec(text.slice(trailerAt));
  if (!trailer || /\/(Prev|Encrypt|XRefStm)\b/.test(trailer[1])) return undefined;
  const root = /\/Root (\d+) 0 R/.exec(trailer[1]);
  const info = /\/Info (\d+) 0 R/.exec(trailer[1]);
  if (!root || !info || Number(/\/Size (\d+)/.exec(trailer[1])?.[1]) !== size) return undefined;

  // The objects in the order they stand in the file, each up to the next (the last up to the table).
  const objects = entries
    .map((e, n) => ({ n, ...e }))
    .filter((e) => e.used)
    .sort((a, b) => a.offset - b.offset);
  for (const o of objects) {
    if (!text.startsWith(`${o.n} ${Number(o.generation)} obj`, o.offset)) return undefined;
  }
  const spans = objects.map((o, i) => ({ ...o, to: objects[i + 1]?.offset ?? xrefAt }));

  // The structure ids, found in the objects' dictionaries (never in a stream's data), ranked.
  const found: number[] = [];
  for (const s of spans) {
    const body = text.slice(s.offset, s.to);
    // A stream's data begins after the keyword that follows its dictionary (the word in a string is not it).
    const stream = />>\s*stream\r?\n/.exec(body);
    const dict = stream ? body.slice(0, stream.index + 2) : body;
    for (const m of dict.matchAll(NODE_ID)) found.push(s.offset + (m.index ?? 0) + 5);
  }
  const numbers = [...new Set(found.map((at) => text.slice(at, at + 8)))].sort();
  const rank = new Map(numbers.map((n, i) => [n, String(i + 1).padStart(8, '0')]));
  const copy = Buffer.from(pdf);
  for (const at of found) copy.write(rank.get(text.slice(at, at + 8)) as string, at, 'latin1');
  // The version pdf-lib wrote, which the file's features need (Chromium says 1.4 and writes /Tabs, 1.5).
  if (/^%PDF-1\.\d/.test(text)) copy.write('%PDF-1.7', 0, 'latin1');

  const infoNumber = Number(info[1]);
  const rootNumber = Number(root[1]);
  const catalogSpan = spans.find((s) => s.n === rootNumber);
  if (!catalogSpan || !spans.some((s) => s.n === infoNumber)) return undefined;
  const catalog = /^\d+ \d+ obj\s*<<([\s\S]*)>>\s*endobj\s*$/.exec(
    text.slice(catalogSpan.offset, catalogSpan.to),
  );
  // What pdf-lib's rewrite sets and the patch keeps as Chromium writes it: the window shows the title.
  if (!catalog || !/\/Type \/Catalog\b/.test(catalog[1]) || !/\/DisplayDocTitle true\b/.test(catalog[1]))
    return undefined;
  const catalogEntries = catalog[1]
    .replace(/\r?\n?\/Lang \((?:[^()\\]|\\.)*\)/, '')
    .replace(/\r?\n?\/PageMode \/\w+/, '');
  // A language or page mode written another way (a hex string) would be left beside the new one.
  if (/\/(Lang|PageMode)\b/.test(catalogEntries)) return undefined;
  // A PDF date, as pdf-lib writes one: D:20091201000000Z.
  const date = literal(`D:${facts.date.replaceAll('-', '')}000000Z`);
  const replaced = new Map<number, string>([
    [
      infoNumber,
      `${infoNumber} 0 obj\n<</Title ${textString(facts.title)}\n/Author ${textString(facts.author)}\n` +
        `/Subject ${textString(facts.subject)}\n/Keywords ${textString(facts.keywords)}\n` +
        `/Creator ${textString(facts.creator)}\n/Producer ${textString(facts.producer)}\n` +
        `/CreationDate ${date}\n/ModDate ${date}>>\nendobj\n`,
    ],
    [
      rootNumber,
      `${rootNumber} 0 obj\n<<${catalogEntries}\n/Lang ${literal(facts.language)}\n/PageMode /UseOutlines>>\nendobj\n`,
    ],
  ]);

  const parts: Buffer[] = [copy.subarray(0, spans[0]?.offset ?? xrefAt)];
  let length = parts[0].length;
  const moved = new Map<number, number>();
  for (const s of spans) {
    const again = replaced.get(s.n);
    const bytes = again === undefined ? copy.subarray(s.offset, s.to) : Buffer.from(again, 'latin1');
    moved.set(s.n, length);
    parts.push(bytes);
    length += bytes.length;
  }
  const table = entries.map((e, n) => {
    const offset = e.used ? (moved.get(n) as number) : e.offset;
    return `${String(offset).padStart(10, '0')} ${e.generation} ${e.used ? 'n' : 'f'} \n`;
  });
  const id = literal(facts.id);
  parts.push(
    Buffer.from(
      `xref\n0 ${size}\n${table.join('')}trailer\n<</Size ${size}\n/Root ${rootNumber} 0 R\n` +
        `/Info ${infoNumber} 0 R\n/ID [${id} ${id}]>>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}
