import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Duck, ident, lit } from './duck.ts';
import { fileHash, sha256 } from './hash.ts';

// What a stage read of another stage's table is recorded as a digest of exactly the columns it named (reads.ts),
// so that a change to another column leaves it current (early cutoff, stage.ts). The digest is made of one digest
// per column, which the producing stage records in its manifest (`columns`) as it writes the table: a reader, and
// the check whether a stage is unchanged, then combine them without opening the table. A table whose manifest
// does not give them (a build by an older version, a file changed since) has them computed from the file, the
// same way.

/**
 * DuckDB's hash does not tell every two values apart that a reader would: an empty list, a NULL list and a list of
 * one NULL hash alike, and so do -0.0 and 0.0 (printed differently). Such columns are hashed by their JSON text.
 */
const HASHED_AS_TEXT = /\[\d*\]$|^(STRUCT|MAP|UNION)\b|^(FLOAT|DOUBLE|REAL)$/;

/**
 * Per column of a table's file: its type, its row count and a digest of its values in the file's order
 * (`VARCHAR 201 1234…`). The digest combines DuckDB's 64-bit hash of each value with its row number and hashes
 * that again (DuckDB's own combination of two hashes is linear, and an xor of such would not see a value move;
 * a NULL hashes as itself): a fifth of the cost of hashing each value's text, and as wide as the hashes turbo
 * keys its cache with. A new DuckDB reruns every stage anyway (the tools in the manifest), so its hash function
 * never meets another's.
 */
async function columnDigests(duck: Duck, path: string): Promise<Record<string, string>> {
  const types = await duck.rows<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${lit(path)})`,
  );
  if (!types.length) return {};
  const [row] = await duck.rows<{ n: string; d: string[] }>(digestQuery(path, types));
  return digestsOf(types, row);
}

/** The row count and one digest per column (in `types`' order) of a Parquet file; `lead`, columns before them. */
function digestQuery(path: string, types: { column_type: string; column_name: string }[], lead = ''): string {
  const digests = types.map((t) => {
    const col = ident(t.column_name);
    const value = HASHED_AS_TEXT.test(t.column_type) ? `to_json(${col})::VARCHAR` : col;
    return `bit_xor(hash(xor(hash(${value}), file_row_number::UBIGINT)))::VARCHAR`;
  });
  return `SELECT ${lead}count(*)::VARCHAR AS n, [${digests.join(', ')}] AS d FROM read_parquet(${lit(path)}, file_row_number = true)`;
}

function digestsOf(
  types: { column_name: string; column_type: string }[],
  row: { n: string; d: string[] } | undefined,
): Record<string, string> {
  return Object.fromEntries(
    types.map((t, i) => [t.column_name, `${t.column_type} ${row?.n} ${row?.d[i] ?? ''}`]),
  );
}

/**
 * The column digests of every table a stage wrote into its folder (its Parquet files), by table. All files in two
 * queries, their columns and their digests (a stage writes up to 17 tables, and each query of its own cost more
 * to plan than to run); a file DuckDB cannot digest (a column named file_row_number) makes them go one by one, and
 * that file gets none: its readers digest it themselves.
 */
export async function tableColumnDigests(
  duck: () => Promise<Duck>,
  dir: string,
): Promise<Record<string, Record<string, string>>> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .sort();
  const out: Record<string, Record<string, string>> = {};
  const table = (f: string) => f.slice(0, -'.parquet'.length);
  if (!files.length) return out;
  const db = await duck();
  try {
    // Each file's columns in the order DESCRIBE gives them (its rows numbered as they come: one small result),
    // which is the order of the manifest's keys, as columnDigests gives them for one file.
    const described = await db.rows<{ f: number; k: number; column_name: string; column_type: string }>(
      `${files
        .map(
          (f, i) =>
            `SELECT ${i} AS f, row_number() OVER () AS k, column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${lit(join(dir, f))}))`,
        )
        .join('\nUNION ALL\n')}\nORDER BY f, k`,
    );
    const types = files.map((_, i) => described.filter((t) => t.f === i));
    const digested = files.flatMap((_, i) => (types[i].length ? [i] : []));
    const rows = digested.length
      ? await db.rows<{ f: number; n: string; d: string[] }>(
          digested
            .map((i) => digestQuery(join(dir, files[i]), types[i], `${i} AS f, `))
            .join('\nUNION ALL\n'),
        )
      : [];
    files.forEach((f, i) => {
      out[table(f)] = digestsOf(
        types[i],
        rows.find((r) => r.f === i),
      );
    });
    return out;
  } catch {
    for (const f of files) {
      const digests = await columnDigests(db, join(dir, f)).catch(() => undefined);
      if (digests) out[table(f)] = digests;
    }
    return out;
  }
}

/**
 * The digest of what a reader reads of a table's file: the whole file's hash when it names no columns, else its
 * named columns' types and values. `absent` for no file; `missing` when a named column is not in it, `unreadable`
 * when DuckDB cannot read it (the reader runs again, and ref() says what is wrong).
 */
export async function tableDigest(
  path: string,
  columns: readonly string[],
  duck: () => Promise<Duck>,
  /** The producer's digests of the file when the caller has read them already (recordedDigests). */
  recorded?: Record<string, string>,
): Promise<string> {
  if (!existsSync(path)) return 'absent';
  if (!columns.length) return fileHash(path);
  // A file that cannot be read (cut short, or edited by hand) is `unreadable`: the reader runs again and says why.
  const digests =
    recorded ?? recordedDigests(path) ?? (await columnDigests(await duck(), path).catch(() => undefined));
  if (!digests) return 'unreadable';
  if (columns.some((c) => !Object.hasOwn(digests, c))) return 'missing';
  return sha256(columns.map((c) => `${c} ${digests[c]}`).join('\n'));
}

/**
 * The column digests the producing stage's manifest gives for a table's file (by column, in the file's order), if
 * it is still the file it wrote.
 */
export function recordedDigests(path: string): Record<string, string> | undefined {
  const manifest = join(dirname(path), 'manifest.json');
  if (!existsSync(manifest)) return undefined;
  let m: { outputs?: Record<string, string>; columns?: Record<string, Record<string, string>> };
  try {
    m = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return undefined;
  }
  const file = basename(path);
  const digests = m.columns?.[file.slice(0, -'.parquet'.length)];
  if (!digests || m.outputs?.[file] !== fileHash(path)) return undefined;
  return digests;
}
