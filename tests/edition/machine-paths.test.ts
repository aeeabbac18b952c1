// No path of the machine a file was written on may appear in raw/, README.md or the built outputs: the
// repository runs on any machine, and its data and report must not carry one machine's layout.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { describe, expect, it } from 'vitest';

/** An absolute path of a machine: /work/, /home/, /tmp/ or /root/ not inside a URL or a relative path. */
const MACHINE_PATH = /(?<![\w.:/~-])\/(work|home|tmp|root)\//;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function offenders(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const text = p.endsWith('.pdf')
      ? execFileSync('pdftotext', [p, '-'], { encoding: 'utf8' })
      : readFileSync(p).toString('latin1');
    const lines = text.split('\n');
    const i = lines.findIndex((l) => MACHINE_PATH.test(l));
    if (i >= 0) out.push(`${relative(REPO_ROOT, p)}:${i + 1}: ${lines[i].trim().slice(0, 120)}`);
  }
  return out;
}

describe('no machine paths', () => {
  it('the pattern finds a machine path and leaves URLs and relative paths alone', () => {
    expect(MACHINE_PATH.test('Kontrollsumman (/work/shared/data/README.md)')).toBe(true);
    expect(MACHINE_PATH.test('written to /tmp/kk-x/2010')).toBe(true);
    expect(MACHINE_PATH.test('see ../shared/data/README.md')).toBe(false);
    expect(MACHINE_PATH.test('http://phrogz.net/tmp/canvas.html')).toBe(false);
  });

  it('raw/ and README.md have none', () => {
    const paths = [...files(join(REPO_ROOT, 'raw')), join(REPO_ROOT, 'README.md')];
    expect(offenders(paths)).toEqual([]);
  });

  it('the outputs of the 2009 build have none (manifests, tables, HTML, the PDF text)', () => {
    const build = join(REPO_ROOT, 'build', '2009');
    if (!existsSync(join(build, 'report', 'manifest.json'))) throw new Error('build/2009 is not built');
    const paths = files(build).filter((p) => /\.(csv|json|html|pdf)$/.test(p));
    expect(paths.length).toBeGreaterThan(20);
    expect(offenders(paths)).toEqual([]);
  });
});
