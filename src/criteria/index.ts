export { loadCriteria, type LoadedCriteria } from './load.js';
export { criteriaSetSchema } from './schema.js';
export * from './model.js';
