export * from './lang.js';
export { diagnosticMessage, DIAGNOSTIC_CODES, SEVERITY_LABEL } from './diagnostics.js';
