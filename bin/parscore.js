#!/usr/bin/env node
// Only calls main() and hands its exit code to the process: main owns every exit code.
import { main, stdoutFailureMessage } from '../dist/bundle/parscore.mjs';

const argv = process.argv.slice(2);
// A closed pipe (`parscore schema | head`) is not an error; a full disk
// (`> /dev/full`) is, said plainly, with exit code 2.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`${stdoutFailureMessage(argv, process.env, err.code ?? String(err))}\n`);
  process.exit(2);
});

const code = await main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  // Touched only by `validate -`: opening stdin early costs start-up time.
  get stdin() {
    return process.stdin;
  },
});
process.exitCode = code;
