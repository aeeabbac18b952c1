/** Quotation marks the fact tables put around region names (”Gävleregionen”, "Västsverige"). */
const QUOTES = /["”“„«»‘’']/g;

/**
 * The form names are compared in: NFC, Swedish lower case, no quotation marks, single spaces, no punctuation
 * at the ends. "Gävleborg, västernorrland" and "GÄVLEBORG" fold to the same words.
 */
export function fold(s: string): string {
  return s
    .normalize('NFC')
    .replace(QUOTES, '')
    .toLocaleLowerCase('sv')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,:;!?-]+|[\s.,:;!?-]+$/g, '');
}

/** A place name as written, without the quotation marks and surrounding blanks. */
export function clean(s: string): string {
  return s
    .normalize('NFC')
    .replace(QUOTES, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,:;!?-]+|[\s.,:;!?-]+$/g, '');
}

/** One name out of a Geografiskt område text. */
export interface Part {
  /** As written (quotation marks and blanks trimmed). */
  text: string;
  /** Written inside parentheses. */
  inParens: boolean;
  /**
   * Index of the part this one qualifies: a parenthesis right after a name, with no separator between
   * ("Oulu (Finland)", "Västra Götaland (Trollhättan)"); undefined for "Skåne, (Öresund)".
   */
  qualifies?: number;
}

const SEPARATORS = new Set([',', '/', ';', '&', '\n']);
const WORD_SEPARATORS = /\s+(?:och|samt|and)\s+/i;

/**
 * Splits a Geografiskt område text into names at `,` `/` `;` `&`, the words "och", "samt" and "and", and
 * parentheses. Hyphens are kept (Dals-Ed, Malung-Sälen).
 */
export function splitPlaces(text: string): Part[] {
  const parts: Part[] = [];
  let buf = '';
  let depth = 0;
  // The part a parenthesis would qualify: the last one flushed, unless a separator came after it.
  let qualifyTarget: number | undefined;
  let parenQualifies: number | undefined;
  const flush = () => {
    const pieces = buf.split(WORD_SEPARATORS).map(clean).filter(Boolean);
    pieces.forEach((p, i) => {
      parts.push({
        text: p,
        inParens: depth > 0,
        qualifies: depth > 0 && i === 0 ? parenQualifies : undefined,
      });
    });
    buf = '';
    return pieces.length > 0;
  };
  for (const ch of text) {
    if (ch === '(' || ch === '[') {
      const hadText = flush();
      if (hadText) qualifyTarget = parts.length - 1;
      parenQualifies = qualifyTarget;
      depth++;
    } else if ((ch === ')' || ch === ']') && depth > 0) {
      flush();
      depth--;
      // After "A (B)", a further parenthesis qualifies A again only if nothing separates them; keep A.
    } else if (SEPARATORS.has(ch)) {
      flush();
      qualifyTarget = undefined;
      if (depth > 0) parenQualifies = undefined;
    } else {
      buf += ch;
    }
  }
  flush();
  return parts;
}
