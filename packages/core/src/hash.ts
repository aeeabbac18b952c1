import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function fileHash(path: string): string {
  return sha256(readFileSync(path));
}

/** Every file below a folder, sorted, as paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Hashes of every file below a folder, keyed by relative path. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listFiles(dir)) out[f] = fileHash(join(dir, f));
  return out;
}

/** One hash over a set of named hashes, independent of key order. */
export function combineHashes(hashes: Record<string, string>): string {
  return sha256(
    Object.keys(hashes)
      .sort()
      .map((k) => `${k}\0${hashes[k]}`)
      .join('\n'),
  );
}
