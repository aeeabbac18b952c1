// The SVG helpers live with the charts (@kk/charts), which the web edition shares.
export { esc, n } from '@kk/charts';
