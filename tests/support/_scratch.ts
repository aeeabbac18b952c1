import { readFileSync, writeFileSync } from 'node:fs';
import { tempEdition } from './edition.ts';
import { buildEdition } from './pipeline.ts';

const mode = process.argv[2] ?? 'dots';
const t = tempEdition();
const f = t.path('employment/scb-am0207k-2008.csv');
let b = readFileSync(f, 'latin1');
if (mode === 'dots')
  b = b.replace('"B+C tillverkning och utvinning",22214', '"B+C tillverkning och utvinning",..');
if (mode === 'county')
  b = b
    .split('\n')
    .filter((l) => !l.startsWith('"17 V'))
    .join('\n');
if (mode === 'crlf')
  b = b
    .split('\n')
    .map((l, i) => (i % 7 === 3 && l ? `${l.replace(/\r$/, '')}\r` : l.replace(/\r$/, '')))
    .join('\n');
if (mode === 'utf8crlf') {
  b = Buffer.from(b, 'latin1').toString('latin1');
}
writeFileSync(f, Buffer.from(b, 'latin1'));
if (mode === 'natt') {
  writeFileSync(
    f,
    Buffer.from(
      b.replace('med arbetsplats i regionen (dagbefolkning)', 'boende i regionen (nattbefolkning)'),
      'latin1',
    ),
  );
  const m = t
    .read('employment/statistik.csv')
    .replaceAll('AM0207K', 'AM0207I5')
    .replace('forvarvsarbetande_dagbefolkning', 'forvarvsarbetande_nattbefolkning')
    .replace('med arbetsplats i regionen (dagbefolkning)', 'boende i regionen (nattbefolkning)');
  t.write('employment/statistik.csv', m);
}
console.log(t.root);
try {
  await buildEdition(t.edition, (process.argv[3] as any) ?? 'employment');
} catch (e) {
  console.log('ERR', (e as Error).message);
}
