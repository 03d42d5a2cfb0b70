import { createRequire } from 'node:module';

/** The version in package.json (dist/version.js sits one folder below it). */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
export const TOOL_NAME = 'parscore';
