export * from './diagnostic.js';
export { diagnosticMessage, DIAGNOSTIC_CODES, SEVERITY_LABEL } from './messages.js';
