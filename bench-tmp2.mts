import { readFileSync } from 'node:fs';
import { readWorkbookBytes } from '/work/wt/reader/src/io/workbook-read.ts';
const bytes = readFileSync('/tmp/reader-bench-long.xlsx');
let t = Date.now(); let n = 0;
const p = await readWorkbookBytes(bytes, () => ({ row() { n++; }, end() {} }));
console.log('raw read', n, p, Date.now() - t, 'ms');
