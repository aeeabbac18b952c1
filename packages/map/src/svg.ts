import { frame, type LanShape } from './geo.ts';
import { MISSING_FILL } from './scale.ts';

/** The three kinds of initiative the report tells apart. */
export type Kind = 'lista1' | 'strategiskt' | 'transnationellt';

export interface MapLan {
  lan_kod: string;
  /** Name shown on hover and read by screen readers, e.g. "Värmland: 5 initiativ". */
  label: string;
  fill: string;
  /** A short text drawn on the län (a count), or none. */
  text?: string;
}

export interface MapPoint {
  id: string;
  name: string;
  kind: Kind;
  lon: number;
  lat: number;
  /** The initiative works in several län: drawn hollow. */
  multi: boolean;
  /** The län it works in (for the browser to highlight them). */
  lan: string[];
  href?: string;
}

export interface MapOptions {
  width: number;
  height: number;
  title: string;
  /** Gives each län and point its own link/focus target and data attributes (the web edition). */
  interactive?: boolean;
  idPrefix?: string;
}

const KIND_COLOUR: Record<Kind, string> = {
  lista1: '#b3261e',
  strategiskt: '#5b3d8f',
  transnationellt: '#1b7f5b',
};

/** Escapes text for SVG/HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** A marker's outline: circle (list 1), square (strategic network), diamond (transnational network). */
export function markerPath(kind: Kind, x: number, y: number, r: number): string {
  if (kind === 'lista1')
    return `M${n(x - r)},${n(y)}a${n(r)},${n(r)} 0 1,0 ${n(2 * r)},0a${n(r)},${n(r)} 0 1,0 ${n(-2 * r)},0Z`;
  if (kind === 'strategiskt') {
    const s = r * 0.9;
    return `M${n(x - s)},${n(y - s)}h${n(2 * s)}v${n(2 * s)}h${n(-2 * s)}Z`;
  }
  const d = r * 1.25;
  return `M${n(x)},${n(y - d)}l${n(d)},${n(d)}l${n(-d)},${n(d)}l${n(-d)},${n(-d)}Z`;
}

export function markerSvg(kind: Kind, multi: boolean, x: number, y: number, r: number, extra = ''): string {
  const c = KIND_COLOUR[kind];
  const fill = multi ? '#fff' : c;
  return `<path d="${markerPath(kind, x, y, r)}" fill="${fill}" stroke="${multi ? c : '#fff'}" stroke-width="${multi ? 1.4 : 0.6}"${extra}/>`;
}

/**
 * Sweden's län as one SVG string: each län filled, optionally with a short text (a count) at its centroid,
 * and initiatives as markers at their host kommun. Markers at the same place are spread on a small spiral so
 * that each stays visible and can be pointed at.
 */
export function mapSvg(lan: LanShape[], fills: MapLan[], points: MapPoint[], o: MapOptions): string {
  const f = frame(lan, o.width, o.height);
  const byCode = new Map(fills.map((x) => [x.lan_kod, x]));
  const pre = o.idPrefix ?? 'kk';
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" class="kk-map" role="${o.interactive ? 'group' : 'img'}" aria-labelledby="${pre}-title" font-family="Liberation Sans, DejaVu Sans, sans-serif">`,
  );
  out.push(`<title id="${pre}-title">${esc(o.title)}</title>`);
  out.push(
    `<defs><pattern id="kk-saknas" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#fff"/><line x1="0" y1="0" x2="0" y2="4" stroke="#999" stroke-width="1.2"/></pattern></defs>`,
  );
  out.push('<g class="lan">');
  for (const l of lan) {
    const v = byCode.get(l.lan_kod);
    const fill = v?.fill ?? MISSING_FILL;
    const label = esc(v?.label ?? l.lan_kod);
    if (o.interactive) {
      out.push(
        `<path d="${f.path(l)}" fill="${fill}" stroke="#fff" stroke-width="0.8" data-lan="${l.lan_kod}" tabindex="0" role="button" aria-label="${label}"><title>${label}</title></path>`,
      );
    } else {
      out.push(
        `<path d="${f.path(l)}" fill="${fill}" stroke="#fff" stroke-width="0.8"><title>${label}</title></path>`,
      );
    }
  }
  out.push('</g>');
  const texts = fills.filter((x) => x.text);
  if (texts.length) {
    out.push(
      '<g class="lan-text" font-size="8" text-anchor="middle" aria-hidden="true" pointer-events="none">',
    );
    for (const t of texts) {
      const shape = lan.find((l) => l.lan_kod === t.lan_kod);
      if (!shape) continue;
      const [x, y] = f.centroid(shape);
      // A light disc behind the number rather than a stroked outline: a stroked text is printed twice in a
      // PDF, and its text would read "44" for 4.
      out.push(
        `<circle cx="${n(x)}" cy="${n(y)}" r="5.5" fill="#fff" fill-opacity="0.85"/><text x="${n(x)}" y="${n(y + 3)}" fill="#111">${esc(t.text ?? '')}</text>`,
      );
    }
    out.push('</g>');
  }
  if (points.length) {
    // Big enough to point at on a screen; smaller in print, where the counts on the län matter more.
    const r = Math.max(2.2, o.width / (o.interactive ? 75 : 110));
    const placed = new Map<string, number>();
    out.push('<g class="initiativ">');
    for (const p of points) {
      const [x0, y0] = f.point(p.lon, p.lat);
      const key = `${n(x0)},${n(y0)}`;
      const i = placed.get(key) ?? 0;
      placed.set(key, i + 1);
      const angle = i * 2.39996;
      const dist = i === 0 ? 0 : r * 1.7 * Math.sqrt(i);
      const x = x0 + dist * Math.cos(angle);
      const y = y0 + dist * Math.sin(angle);
      const shape = markerSvg(p.kind, p.multi, x, y, r);
      if (o.interactive && p.href) {
        out.push(
          `<a href="${esc(p.href)}" class="punkt" data-id="${esc(p.id)}" data-kind="${p.kind}" data-lan="${p.lan.join(' ')}" aria-label="${esc(p.name)}">${shape}<title>${esc(p.name)}</title></a>`,
        );
      } else {
        out.push(`<g>${shape}<title>${esc(p.name)}</title></g>`);
      }
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}

/** The legend of the markers as a small SVG (the same shapes as on the map). */
export function markerLegendSvg(kind: Kind, multi: boolean): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">${markerSvg(kind, multi, 6, 6, 4)}</svg>`;
}
