import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's Chromium may be, in the order tried: one list for this module and bin/kk.js. */
const CANDIDATES: string[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'chromium-paths.json'), 'utf8'),
).candidates;

/**
 * The Chromium that prints the report and drives the browser tests: KK_CHROMIUM (or puppeteer's own variable) when
 * set, else Debian's chromium-headless-shell when installed, else Debian's chromium. The headless shell is the
 * same Blink without the browser around it: it starts in a third of the time, lays out and prints faster, and
 * prints the same bytes (the order: chromium-paths.json).
 */
export function chromiumExecutable(): string {
  const given = process.env.KK_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH;
  if (given) return given;
  return CANDIDATES.find((p) => existsSync(p)) ?? '/usr/bin/chromium';
}
