import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRowTypes, ROWS_FILE } from '../src/generate.ts';

describe('row types', () => {
  it('are what the stages’ schemas say (run npm run types after changing a schema.json)', () => {
    expect(readFileSync(ROWS_FILE, 'utf8')).toBe(generateRowTypes());
  });
});
