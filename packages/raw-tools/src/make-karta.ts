// Builds raw/2009/karta/: what the map of the report (4.1) and of the web edition is drawn from.
//   lan.geojson         the 21 län, a byte-identical copy of the source (already simplified, 48 KB)
//   kommunpunkter.csv   one point per kommun (the source's interior point), to place initiatives at their
//                       host kommun without shipping 800 KB of kommun polygons
//
// Source: ../shared/data/geo/{lan,kommuner}.geojson, okfse/sweden-geojson (Valmyndigheten), simplified; see
// ../shared/data/README.md. Cite as "Gränser: okfse/sweden-geojson (Valmyndigheten), förenklade".
//
// Usage: npm run make-karta -w @kk/raw-tools [-- --source <dir> --out <dir>]
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const root = resolve(import.meta.dirname, '../../..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
};
const sourceDir = arg('--source', resolve(root, '../shared/data/geo'));
const outDir = arg('--out', resolve(root, 'raw/2009/karta'));

interface KommunFeature {
  properties: { id: string; lan_code: string; kom_namn: string; geo_point_2d: [number, number] };
}

// The kommun codes and names the project already uses (SCB's, via raw/2009/reference/kommuner.csv).
const reference = parse(readFileSync(resolve(root, 'raw/2009/reference/kommuner.csv'), 'utf8'), {
  columns: true,
}) as { kommun_kod: string; kommun_namn: string; lan_kod: string }[];
const byCode = new Map(reference.map((k) => [k.kommun_kod, k]));

const kommuner = JSON.parse(readFileSync(join(sourceDir, 'kommuner.geojson'), 'utf8')) as {
  features: KommunFeature[];
};
const rows: string[] = [];
const seen = new Set<string>();
for (const f of kommuner.features) {
  const p = f.properties;
  const ref = byCode.get(p.id);
  if (!ref)
    throw new Error(`kommuner.geojson: kommun ${p.id} (${p.kom_namn}) is not in reference/kommuner.csv`);
  if (ref.lan_kod !== p.lan_code)
    throw new Error(`kommun ${p.id}: län ${p.lan_code}, reference says ${ref.lan_kod}`);
  if (seen.has(p.id)) throw new Error(`kommun ${p.id} twice`);
  seen.add(p.id);
  const [lat, lon] = p.geo_point_2d;
  // Four decimals: about 10 m, far below what a map of Sweden can show.
  rows.push(`${p.id},${ref.kommun_namn},${ref.lan_kod},${lat.toFixed(4)},${lon.toFixed(4)}`);
}
const missing = reference.filter((k) => !seen.has(k.kommun_kod));
if (missing.length) throw new Error(`no point for ${missing.map((k) => k.kommun_kod).join(', ')}`);
rows.sort();

mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'kommunpunkter.csv'),
  `kommun_kod,kommun_namn,lan_kod,lat,lon\n${rows.join('\n')}\n`,
);
copyFileSync(join(sourceDir, 'lan.geojson'), join(outDir, 'lan.geojson'));
console.log(`${outDir}: lan.geojson, kommunpunkter.csv (${rows.length} kommuner)`);
