import { scaleBand, scaleLinear } from 'd3-scale';
import { esc, n } from './svg.ts';

export interface Bar {
  label: string;
  value: number;
  highlight?: boolean;
}

/** A horizontal bar chart as an SVG string, one labelled bar per item, value printed at its end. */
export function barChartSvg(bars: Bar[], title: string, width = 440): string {
  const rowHeight = 13;
  const left = 120;
  const right = 24;
  const top = 4;
  const height = top + bars.length * rowHeight + 18;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, width - left - right]);
  const y = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([top, top + bars.length * rowHeight])
    .padding(0.22);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" font-family="Liberation Sans, DejaVu Sans, sans-serif">`,
  );
  out.push(`<title>${esc(title)}</title>`);
  bars.forEach((b, i) => {
    const yy = y(i) ?? 0;
    const h = y.bandwidth();
    out.push(
      `<text x="${left - 6}" y="${n(yy + h / 2 + 3)}" text-anchor="end" font-size="8.5" fill="#222">${esc(b.label)}</text>`,
    );
    out.push(
      `<rect x="${left}" y="${n(yy)}" width="${n(x(b.value))}" height="${n(h)}" fill="${b.highlight ? '#1f4e79' : '#8fb3d3'}"/>`,
    );
    out.push(
      `<text x="${n(left + x(b.value) + 4)}" y="${n(yy + h / 2 + 3)}" font-size="8.5" fill="#222">${esc(String(b.value))}</text>`,
    );
  });
  const ticks = x.ticks(Math.min(max, 6)).filter((t) => Number.isInteger(t));
  const axisY = top + bars.length * rowHeight + 2;
  out.push(
    `<line x1="${left}" y1="${axisY}" x2="${n(left + x(max))}" y2="${axisY}" stroke="#888" stroke-width="0.6"/>`,
  );
  for (const t of ticks) {
    out.push(
      `<text x="${n(left + x(t))}" y="${axisY + 11}" text-anchor="middle" font-size="7.5" fill="#555">${t}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
