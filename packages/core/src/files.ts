import { existsSync, readFileSync } from 'node:fs';
import { InputError } from './errors.ts';
import { displayPath } from './paths.ts';

/** A UTF-8 text file an input needs; a missing one is an InputError saying what it should have been. */
export function readTextFile(path: string, what: string): string {
  if (!existsSync(path)) throw new InputError({ file: displayPath(path) }, what, 'no such file');
  return readFileSync(path, 'utf8');
}

/** A JSON file an input needs; missing or invalid, an InputError at the file. */
export function readJsonFile<T>(path: string, what: string): T {
  const text = readTextFile(path, what);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError({ file: displayPath(path) }, 'valid JSON', (err as Error).message);
  }
}
