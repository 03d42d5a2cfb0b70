export { loadCriteria, type LoadedCriteria } from './load.js';
export { criteriaJsonSchema, criteriaSetSchema } from './schema.js';
export * from './model.js';
