/**
 * The single owner of exit codes: main(argv, io) → 0 | 1 | 2.
 * 0 success; 1 the run worked and found problems; 2 usage, unreadable input
 * or failure. Commands return a code; nothing else exits or prints a stack.
 */
import { Writable } from 'node:stream';
import { Command, CommanderError, Option } from 'commander';
import { isLang, type Lang } from '../core/lang.js';
import type { Palette } from '../report/diagnostics.js';
import { PLAIN } from '../report/diagnostics.js';
import { examplesText, strings, type Strings } from './strings.js';
import { VERSION } from '../core/version.js';
import { escapeForTerminal } from '../core/text.js';
import { NO_PROGRESS, terminalProgress } from './progress.js';
import { registerCommands } from './commands/index.js';
import { UsageError, chunkText, type CommandContext, type Io, type Writer } from './context.js';

export { UsageError, writeChunks, type CommandContext, type Io, type Writer } from './context.js';

/** Finds --lang before commander runs, so help text is already in the right language. */
function detectLang(argv: readonly string[], env: Io['env']): { lang: Lang; invalid?: string } {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') value = argv[i + 1];
    else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
  }
  if (value === undefined) {
    const fromEnv = env.PARSCORE_LANG?.trim().toLowerCase();
    return { lang: isLang(fromEnv) ? fromEnv : 'vi' };
  }
  return isLang(value) ? { lang: value } : { lang: 'vi', invalid: value };
}

function wantsColor(argv: readonly string[], io: Io): boolean {
  if (argv.includes('--no-color')) return false;
  // FORCE_COLOR (as chalk and Node read it) wins over the terminal test: CI logs show colour.
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTTY;
}

/** chalk is loaded only when colour is on: plain runs (CI, pipes) skip it. */
async function makePalette(color: boolean): Promise<Palette> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, green: c.green, dim: c.dim, bold: c.bold };
}

function commanderMessage(err: CommanderError, s: Strings): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'commander.unknownCommand':
      return s.unknownCommand(quoted);
    case 'commander.unknownOption':
      return s.unknownOption(quoted);
    case 'commander.missingArgument':
      return s.missingArgument(quoted);
    case 'commander.optionMissingArgument':
      return s.optionMissingArgument(quoted);
    case 'commander.excessArguments':
      return s.excessArguments();
    case 'commander.invalidArgument': {
      const m = /Allowed choices are (.+)\.$/.exec(err.message);
      const value = /argument '([^']+)'/.exec(err.message)?.[1] ?? quoted;
      if (m) return s.invalidChoice(value, m[1]!);
      // Our own parsers' messages follow commander's English preamble.
      return err.message.split(' is invalid. ')[1] ?? err.message.replace(/^error: /, '');
    }
    default:
      return err.message.replace(/^error: /, '');
  }
}

function buildProgram(ctx: CommandContext): Command {
  const { s, io } = ctx;
  const program = new Command('parscore');
  program
    .description(s.programDescription)
    .version(VERSION, '-V, --version', s.optVersion)
    .helpOption('-h, --help', s.optHelp)
    .helpCommand('help [command]', s.helpCommand)
    .addOption(new Option('--lang <lang>', s.optLang).choices(['vi', 'en']))
    .option('--no-color', s.optNoColor)
    .option('--debug', s.optDebug)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (str) => io.stdout.write(str),
      writeErr: (str) => io.stderr.write(str),
      outputError: () => {
        // main() prints usage errors itself, in the user's language.
      },
    })
    .configureHelp({
      styleTitle: (title) => s.titles[title] ?? title,
      // Our descriptions already name the choices and defaults, in the user's language.
      optionDescription: (option) => option.description,
      showGlobalOptions: true,
    });
  program.addHelpText('after', `${examplesText(s, s.programExamples)}\n${s.exitCodes}\n`);
  registerCommands(program, ctx);
  for (const cmd of program.commands) {
    cmd.helpOption('-h, --help', s.optHelp);
    cmd.exitOverride();
    cmd.configureOutput(program.configureOutput());
    cmd.configureHelp(program.configureHelp());
  }
  return program;
}

/** What to say when standard output cannot be written (`> /dev/full`): bin prints it and exits 2. */
export function stdoutFailureMessage(argv: readonly string[], env: Io['env'], reason: string): string {
  return strings(detectLang(argv, env).lang).stdoutFailed(reason);
}

/**
 * The safety net under every printed line: controls that could clear a
 * screen, move the cursor or reorder text are shown as \uXXXX, whatever
 * reporter printed them. Only parscore's own colour sequences pass. Text
 * already escaped so by its maker (writeTerminalSafe: the results JSON, tested
 * to be its own escapeForTerminal) is not scanned twice.
 */
function escapingWriter(w: Writer): Writer {
  const out: Writer & Partial<Pick<NodeJS.WritableStream, 'once'>> = {
    write: (text: string) => w.write(escapeForTerminal(text)),
    // A stream takes bytes as they are; any other writer (a test's) is handed text.
    writeTerminalSafe: (text: string | Uint8Array) => (typeof text !== 'string' && w instanceof Writable ? w.write(text) : w.write(chunkText(text))),
  };
  const stream = w as Partial<NodeJS.WritableStream>;
  if (typeof stream.once === 'function') out.once = stream.once.bind(stream) as NodeJS.WritableStream['once'];
  return out;
}

export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  const io: Io = { ...rawIo, stdout: escapingWriter(rawIo.stdout), stderr: escapingWriter(rawIo.stderr) };
  const { lang, invalid } = detectLang(argv, io.env);
  const s = strings(lang);
  const color = wantsColor(argv, io);
  // Progress writes \r and ESC [K itself (its file names are escaped), so it gets the raw stderr.
  const progress = rawIo.stderrIsTTY === true ? terminalProgress((text) => rawIo.stderr.write(text), s) : NO_PROGRESS;
  const ctx: CommandContext = { io, lang, s, palette: await makePalette(color), color, exitCode: 0, progress };
  const debug = argv.includes('--debug');
  if (invalid !== undefined) {
    io.stderr.write(`${s.usageError(s.invalidLang(invalid))}\n`);
    return 2;
  }
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    progress.done();
    return ctx.exitCode;
  } catch (err) {
    progress.done();
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
      const command = argv.find((a) => !a.startsWith('-')) ?? '';
      const known = program.commands.some((c) => c.name() === command);
      io.stderr.write(`${s.usageError(commanderMessage(err, s))}\n${s.seeHelp(known ? `parscore ${command}` : 'parscore')}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`${s.usageError(err.message)}\n`);
      return 2;
    }
    io.stderr.write(`${s.unexpected}\n`);
    if (debug) io.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}
