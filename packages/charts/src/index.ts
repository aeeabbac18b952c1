export { radarSvg } from './radar.ts';
export { esc, n } from './svg.ts';
