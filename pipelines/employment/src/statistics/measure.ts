import { InputError, type Location, shown } from '@kk/core';

/**
 * How SCB's titles and a source text name each measure (Swedish and English PxWeb), so that a file or a
 * citation that names the other one is caught: the report says the measure in words.
 */
const NAMES: Record<string, RegExp> = {
  forvarvsarbetande_dagbefolkning:
    /dagbefolkning|arbetsplats i (regionen|länet|kommunen)|day(.?time)? population|(place|region) of work/i,
  forvarvsarbetande_nattbefolkning:
    /nattbefolkning|(boende|bosatta) i (regionen|länet|kommunen)|night(.?time)? population|(place|region) of residence/i,
};

/** Throws when `text` names a measure other than `matt` (and not `matt` itself). */
export function checkMeasureNamed(text: string, matt: string, at: Location, what: string): void {
  const own = NAMES[matt];
  if (own?.test(text)) return;
  for (const [other, re] of Object.entries(NAMES)) {
    if (other === matt) continue;
    const hit = re.exec(text);
    if (hit) {
      throw new InputError(
        at,
        `${what} of the measure statistik.csv declares (matt ${matt})`,
        `${shown(hit[0])}, which is ${other}`,
      );
    }
  }
}
