import { geoArea, geoCentroid, geoContains, geoPath, geoTransverseMercator } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** One län's boundary, keyed by its two-digit county code. */
export interface LanShape {
  lan_kod: string;
  feature: Feature<Polygon | MultiPolygon>;
}

/**
 * The län of raw/<year>/karta/lan.geojson. The file follows GeoJSON's right-hand rule (exterior rings
 * counter-clockwise); d3-geo works on the sphere and reads such a ring as "everything but the län", so a
 * ring whose area is over a hemisphere is turned round.
 */
export function readLan(geojsonText: string): LanShape[] {
  const fc = JSON.parse(geojsonText) as FeatureCollection<Polygon | MultiPolygon, { l_id: number }>;
  return fc.features
    .map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const fixed = polygons.map((rings) =>
        rings.map((ring) => {
          const area = geoArea({ type: 'Polygon', coordinates: [ring] });
          return area > 2 * Math.PI ? [...ring].reverse() : ring;
        }),
      );
      const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: fixed };
      return {
        lan_kod: String(f.properties.l_id).padStart(2, '0'),
        feature: { type: 'Feature', properties: {}, geometry } as Feature<MultiPolygon>,
      };
    })
    .sort((a, b) => a.lan_kod.localeCompare(b.lan_kod));
}

/** Projected drawing helpers for one frame size. */
type Frame = ReturnType<typeof makeFrame>;

// The web edition draws some ninety maps of the same län at two sizes: each frame is projected once per set of
// län and size, and each län's outline drawn once per frame (a tenth of a second per build).
const frames = new WeakMap<LanShape[], Map<string, Frame>>();

/** Projected drawing helpers for one frame size: SWEREF 99 TM is transverse Mercator on 15° E. */
export function frame(lan: LanShape[], width: number, height: number, pad = 4): Frame {
  const sizes = frames.get(lan) ?? new Map<string, Frame>();
  frames.set(lan, sizes);
  const key = `${width} ${height} ${pad}`;
  const f = sizes.get(key) ?? makeFrame(lan, width, height, pad);
  sizes.set(key, f);
  return f;
}

function makeFrame(lan: LanShape[], width: number, height: number, pad: number) {
  const all: FeatureCollection = { type: 'FeatureCollection', features: lan.map((l) => l.feature) };
  const projection = geoTransverseMercator()
    .rotate([-15, 0])
    .fitExtent(
      [
        [pad, pad],
        [width - pad, height - pad],
      ],
      all,
    );
  const path = geoPath(projection).digits(1);
  const outlines = new Map<LanShape, string>();
  const centroids = new Map<LanShape, [number, number]>();
  return {
    path: (l: LanShape) => {
      const d = outlines.get(l) ?? path(l.feature) ?? '';
      outlines.set(l, d);
      return d;
    },
    centroid: (l: LanShape) => {
      const c = centroids.get(l) ?? path.centroid(l.feature);
      centroids.set(l, c);
      return c;
    },
    point: (lon: number, lat: number) => projection([lon, lat]) ?? [0, 0],
    /** The län a point lies in (by boundary), if any. */
    lanAt: (lon: number, lat: number) => lan.find((l) => geoContains(l.feature, [lon, lat]))?.lan_kod,
    sphericalCentroid: (l: LanShape) => geoCentroid(l.feature),
  };
}

/** Width over height of the map of all län in the projection (to size a frame). */
export function aspect(lan: LanShape[]): number {
  const all: FeatureCollection = { type: 'FeatureCollection', features: lan.map((l) => l.feature) };
  const path = geoPath(geoTransverseMercator().rotate([-15, 0]).fitSize([1000, 1000], all));
  const [[x0, y0], [x1, y1]] = path.bounds(all);
  return (x1 - x0) / (y1 - y0);
}
