// The map of Sweden's län, drawn from raw/<year>/karta/ with d3-geo: one package for the report's figure
// (4.1) and the web edition, so both show the same data drawn by the same code.
export { aspect, frame, type LanShape, readLan } from './geo.ts';
export { type KommunPunkt, placeInitiative, readKommunpunkter } from './place.ts';
export { countClasses, lqClasses, MISSING_FILL } from './scale.ts';
export { type Kind, type MapPoint, mapSvg, markerLegendSvg } from './svg.ts';
