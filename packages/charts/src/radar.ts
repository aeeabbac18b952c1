import { scaleLinear } from 'd3-scale';
import { curveLinearClosed, lineRadial } from 'd3-shape';
import { esc, n } from './svg.ts';

export interface RadarSeries {
  /** One value 0–1 per axis; null where unknown (drawn at 0, axis label marked). */
  values: (number | null)[];
  className: string;
  label: string;
  /** Drawing attributes written on the path itself (fill, stroke …), for a series the stylesheet does not know. */
  attributes?: Record<string, string>;
}

export interface RadarOptions {
  axes: string[];
  series: RadarSeries[];
  size?: number;
  title: string;
  /** Wrap long axis labels at this many characters. */
  wrap?: number;
  /** A legend under the chart: one line per series, with its label (only where given). */
  legend?: boolean;
}

function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const LABEL_SIZE = 8.5;
/** Average advance of a Liberation Sans character, in ems (generous, so that an estimate errs wide). */
const CHAR_WIDTH = 0.56;

const attributes = (a?: Record<string, string>) =>
  a
    ? Object.entries(a)
        .map(([k, v]) => ` ${k}="${esc(v)}"`)
        .join('')
    : '';

/** A radar (spider) chart as an SVG string: one axis per criterion, rings at 0.25 steps. */
export function radarSvg(o: RadarOptions): string {
  const size = o.size ?? 320;
  const margin = 78;
  const r = size / 2 - margin;
  const cx = size / 2;
  const cy = size / 2;
  const k = o.axes.length;
  const angle = (i: number) => (2 * Math.PI * i) / k;
  const radius = scaleLinear().domain([0, 1]).range([0, r]);
  const parts: string[] = [];
  // Each axis label is placed once: at the axis tip, anchored away from the centre.
  const labels = o.axes.map((label, i) => {
    const x = Math.sin(angle(i));
    const y = -Math.cos(angle(i));
    const anchor = Math.abs(x) < 0.2 ? 'middle' : x > 0 ? 'start' : 'end';
    return { x, y, anchor, lines: wrapText(label, o.wrap ?? 22) };
  });
  // The side labels may reach past the square: the view box is widened to hold the longest of them
  // (estimated from its length), so no label is cut off.
  let left = 0;
  let right = size;
  for (const { x, anchor, lines } of labels) {
    const tip = cx + x * (r + 10);
    const width = Math.max(...lines.map((l) => l.length)) * LABEL_SIZE * CHAR_WIDTH;
    const from = anchor === 'middle' ? tip - width / 2 : anchor === 'start' ? tip : tip - width;
    left = Math.min(left, from - 4);
    right = Math.max(right, from + width + 4);
  }
  // The legend takes rows under the square; without one the chart is exactly as before.
  const legendHeight = o.legend ? o.series.length * 12 + 4 : 0;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(left)} 0 ${n(right - left)} ${size + legendHeight}" role="img" aria-label="${esc(o.title)}">`,
  );
  parts.push(`<title>${esc(o.title)}</title>`);
  parts.push(
    `<g transform="translate(${n(cx)},${n(cy)})" font-family="Liberation Sans, DejaVu Sans, sans-serif">`,
  );
  for (const level of [0.25, 0.5, 0.75, 1]) {
    const pts = o.axes.map((_, i) => {
      const a = angle(i);
      return `${n(Math.sin(a) * radius(level))},${n(-Math.cos(a) * radius(level))}`;
    });
    parts.push(`<polygon points="${pts.join(' ')}" fill="none" stroke="#c8c8c8" stroke-width="0.6"/>`);
  }
  for (const { x, y, anchor, lines } of labels) {
    parts.push(`<line x1="0" y1="0" x2="${n(x * r)}" y2="${n(y * r)}" stroke="#999" stroke-width="0.6"/>`);
    const lx = x * (r + 10);
    const ly = y * (r + 10);
    const dy = y < -0.2 ? -(lines.length - 1) * 10 - 2 : y > 0.2 ? 8 : -((lines.length - 1) * 10) / 2 + 3;
    parts.push(
      `<text x="${n(lx)}" y="${n(ly + dy)}" text-anchor="${anchor}" font-size="${LABEL_SIZE}" fill="#222">${lines
        .map((l, j) => `<tspan x="${n(lx)}" dy="${j === 0 ? 0 : 10}">${esc(l)}</tspan>`)
        .join('')}</text>`,
    );
  }
  const line = lineRadial<number>()
    .angle((_, i) => angle(i))
    .radius((v) => radius(v))
    .curve(curveLinearClosed);
  for (const s of o.series) {
    const d = line(s.values.map((v) => v ?? 0)) ?? '';
    parts.push(
      `<path class="${esc(s.className)}"${attributes(s.attributes)} d="${d.replace(/(\d+\.\d{3,})/g, (m) => n(Number(m)))}"/>`,
    );
  }
  parts.push('</g>');
  if (o.legend) {
    o.series.forEach((s, i) => {
      const y = size + 2 + i * 12;
      parts.push(
        `<g transform="translate(${n(left + 8)},${n(y)})" font-family="Liberation Sans, DejaVu Sans, sans-serif"><path class="${esc(s.className)}"${attributes(s.attributes)} d="M0,0h16v7h-16z"/><text x="22" y="7" font-size="${LABEL_SIZE}" fill="#222">${esc(s.label)}</text></g>`,
      );
    });
  }
  parts.push('</svg>');
  return parts.join('');
}
