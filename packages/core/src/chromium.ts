import { existsSync } from 'node:fs';

/**
 * The Chromium that prints the report and drives the browser tests: KK_CHROMIUM (or puppeteer's own variable) when
 * set, else Debian's chromium-headless-shell when installed, else Debian's chromium. The headless shell is the
 * same Blink without the browser around it: it starts in a third of the time, lays out and prints faster, and
 * prints the same bytes. (bin/kk.js, which runs before anything is installed, keeps the same order.)
 */
export function chromiumExecutable(): string {
  const given = process.env.KK_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH;
  if (given) return given;
  // The shell's binary itself: Debian's /usr/bin/chromium-headless-shell is a script that starts it as its child.
  const candidates = [
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  return candidates.find((p) => existsSync(p)) ?? '/usr/bin/chromium';
}
