#!/usr/bin/env node
// Only calls main() and hands its exit code to the process: main owns every exit code.
import { main } from '../dist/bundle/parscore.mjs';

// A closed pipe (`parscore schema | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
