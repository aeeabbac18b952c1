import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stage's SQL run between its TypeScript steps (its tables are in models/). */
export const SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');
