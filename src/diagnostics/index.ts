export * from './diagnostic.js';
export { formatDiagnostics, DIAGNOSTIC_FORMATS, type DiagnosticFormat, type FormatOptions } from './formatters.js';
