// Bundles the compiled CLI into a few files. Node 20 loads an ESM graph of
// hundreds of small files (zod alone has over a hundred) noticeably slower
// than one file, and there is no compile cache before Node 22: bundling
// halves start-up. Dynamic imports become separate chunks, so heavy modules
// still load only in the commands that need them; exceljs stays external.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { parscore: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  external: ['exceljs'],
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __parscoreCreateRequire } from 'node:module'; const require = __parscoreCreateRequire(import.meta.url);" },
});
