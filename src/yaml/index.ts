export { parseYamlSource, locate, nodeAt, sourceTextAt, offsetToLocation } from './source.js';
export type { YamlSource, PathSegment } from './source.js';
export { zodIssuesToDiagnostics, quoteNumericCodes, valueAt } from './shape.js';
export { loadYamlMapping, type ShapedYaml } from './load.js';
