export { loadUnits, notApplicableReason, type Unit, type UnitList, type NotApplicable } from './load.js';
export { unitsFileSchema } from './schema.js';
