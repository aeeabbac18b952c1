export { type RadarOptions, type RadarSeries, radarSvg } from './radar.ts';
export { esc, n } from './svg.ts';
