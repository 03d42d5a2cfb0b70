import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { countBySeverity, type Diagnostic } from '../../diagnostics/index.js';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, type DiagnosticFormat } from '../../report/diagnostics.js';
import { DIAGNOSTIC_CODES } from '../../diagnostics/index.js';
import { expandFiles, MAX_STARS_PER_SEGMENT } from '../../io/expand-files.js';
import { LIMITS } from '../../core/limits.js';
import { readBytesInput, type BytesInput, sha256 } from '../../io/read-text.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { nonNegativeInt } from '../options.js';
import { examplesText } from '../strings.js';
import { append } from '../../core/append.js';
import { VERSION } from '../../core/version.js';
import { repoPathFor, repositoryRoot } from '../repo-paths.js';
import { applyRuleControl, CONFIG_NAMES, inlineDisables, parseRuleConfig, type RuleConfig } from '../rule-control.js';

interface ValidateOptions {
  format: DiagnosticFormat;
  maxWarnings?: number;
  quiet?: boolean;
  output?: string;
  force?: boolean;
  stdinFilename?: string;
  errorOnUnmatchedPattern: boolean;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  program
    .command('validate')
    .description(s.validateDescription)
    .argument('<files...>', s.validateFiles)
    .addOption(new Option('-f, --format <format>', s.optFormat).choices(DIAGNOSTIC_FORMATS).default('stylish'))
    .option('--max-warnings <n>', s.optMaxWarnings, nonNegativeInt(s))
    .option('-q, --quiet', s.optQuiet)
    .option('-o, --output <file>', s.optReportOutput2)
    .option('--force', s.optForce)
    .option('--stdin-filename <name>', s.optStdinFilename)
    .option('--no-error-on-unmatched-pattern', s.optNoErrorOnUnmatched)
    .addHelpText('after', `${examplesText(s, s.validateExamples)}\n${s.exitCodes}\n`)
    .action(async (args: string[], opts: ValidateOptions) => {
      ctx.exitCode = await runValidate(ctx, args, opts);
    });
}

/** Zip (xlsx, ods) and OLE2 (xls) signatures: a workbook, not a YAML file. */
function isWorkbook(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

async function readStdin(ctx: CommandContext, file: string): Promise<BytesInput> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin ?? []) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    if (size > LIMITS.yamlBytes) {
      return {
        ok: false,
        diagnostic: { code: 'file-too-large', severity: 'error', file, params: { size: (size / 1048576).toFixed(1), limit: String(Math.round(LIMITS.yamlBytes / 1048576)) }, fatal: true },
      };
    }
    chunks.push(buf);
  }
  const bytes = Buffer.concat(chunks);
  return { ok: true, bytes, sha256: sha256(bytes) };
}

/** Finds `.parscorerc.yaml` upward from a folder, stopping at the repository root; reads each once. */
class ConfigFinder {
  private readonly byDir = new Map<string, Promise<{ config?: RuleConfig; diagnostics: Diagnostic[] }>>();
  constructor(
    private readonly cwd: string,
    private readonly stopAt: string,
  ) {}

  find(dir: string): Promise<{ config?: RuleConfig; diagnostics: Diagnostic[] }> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = this.load(dir);
      this.byDir.set(dir, found);
    }
    return found;
  }

  private async load(dir: string): Promise<{ config?: RuleConfig; diagnostics: Diagnostic[] }> {
    for (const name of CONFIG_NAMES) {
      const abs = path.join(dir, name);
      let text: string;
      try {
        text = await readFile(abs, 'utf8');
      } catch {
        continue;
      }
      const shown = path.relative(this.cwd, abs) || name;
      return parseRuleConfig(shown, text, new Set(DIAGNOSTIC_CODES));
    }
    const parent = path.dirname(dir);
    if (dir === this.stopAt || parent === dir) return { diagnostics: [] };
    return this.find(parent);
  }
}

/** A report file written by parscore before (safe to replace without --force). */
async function isParscoreReport(abs: string): Promise<boolean> {
  try {
    const text = await readFile(abs, 'utf8');
    const head = text.slice(0, 4096);
    // stylish ends with its summary line: "✔ …" when clean, "✖ …" otherwise.
    const last = text.trimEnd().split('\n').at(-1) ?? '';
    return head.includes('"name": "parscore"') || head.includes('<testsuites name="parscore') || head.includes('title=parscore') || /^\[\s*(\]|\{\s*"file")/.test(head) || /^[✔✖] /.test(last);
  } catch {
    return false;
  }
}

async function runValidate(ctx: CommandContext, args: readonly string[], opts: ValidateOptions): Promise<number> {
  const { s } = ctx;
  const stdinCount = args.filter((a) => a === '-').length;
  if (stdinCount > 1) throw new UsageError(s.stdinTwice);
  const {
    files: found,
    unmatched,
    tooComplex,
  } = await expandFiles(
    args.filter((a) => a !== '-'),
    ctx.io.cwd,
  );
  if (tooComplex.length > 0) throw new UsageError(s.patternTooComplex(tooComplex.join(', '), MAX_STARS_PER_SEGMENT));
  if (unmatched.length > 0 && (opts.errorOnUnmatchedPattern || (found.length === 0 && stdinCount === 0))) throw new UsageError(s.unmatchedPattern(unmatched.join(', ')));
  const stdinName = opts.stdinFilename ?? '<stdin>';
  const files = stdinCount > 0 ? [...found, stdinName] : found;
  const outputAbs = opts.output !== undefined ? path.resolve(ctx.io.cwd, opts.output) : undefined;

  // Loaded here, not at start-up: `--help` never pays for zod. A clean set
  // passes the quick check; only a set with findings loads the precise parser.
  const { quickLoadCriteria } = await import('../../criteria/quick.js');
  let loadCriteria: typeof import('../../criteria/load.js').loadCriteria | undefined;
  const root = repositoryRoot(ctx);
  const configs = new ConfigFinder(ctx.io.cwd, root);
  const known = new Set(DIAGNOSTIC_CODES);
  const diagnostics: Diagnostic[] = [];
  const seconds = new Map<string, number>();
  const configProblems = new Map<string, Diagnostic>();
  for (const file of files) {
    const started = performance.now();
    const fromStdin = stdinCount > 0 && file === stdinName && !found.includes(file);
    const abs = path.resolve(ctx.io.cwd, file);
    const input = fromStdin ? await readStdin(ctx, file) : await readBytesInput(abs, file, LIMITS.yamlBytes);
    const own: Diagnostic[] = [];
    if (!input.ok) {
      own.push(input.diagnostic);
    } else if (isWorkbook(input.bytes)) {
      own.push({ code: 'criteria-is-workbook', severity: 'error', file, params: {}, fatal: true });
    } else {
      let text: string | undefined;
      try {
        // TextDecoder drops a leading BOM, as Windows editors write one.
        text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
      } catch {
        own.push({ code: 'file-not-utf8', severity: 'error', file, params: {}, fatal: true });
      }
      if (text !== undefined) {
        const { config, diagnostics: bad } = await configs.find(path.dirname(abs));
        for (const d of bad) configProblems.set(`${d.file}:${d.location?.line}:${d.location?.column}:${d.code}`, d);
        const disables = inlineDisables(file, text, known);
        let found: Diagnostic[] = [];
        if (!quickLoadCriteria(file, text)) {
          loadCriteria ??= (await import('../../criteria/load.js')).loadCriteria;
          found = loadCriteria(file, text).diagnostics;
        }
        append(own, applyRuleControl([...found, ...disables.diagnostics], config, disables));
      }
    }
    append(diagnostics, own);
    seconds.set(file, (performance.now() - started) / 1000);
  }
  append(diagnostics, [...configProblems.values()]);

  const shown = opts.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  // Annotations and code scanning attach to files by their path in the repository.
  const inRepo = repoPathFor(ctx, opts.format, root);
  const toRepo = (file: string): string => (fileIsStdin(file) && !opts.stdinFilename ? file : inRepo(file));
  const fileIsStdin = (file: string): boolean => stdinCount > 0 && file === stdinName;
  const text = formatDiagnostics(
    opts.format,
    shown.map((d) => ({ ...d, file: toRepo(d.file) })),
    {
      lang: ctx.lang,
      // A report written to a file carries no colour codes.
      palette: outputAbs ? undefined : ctx.palette,
      files: files.map(toRepo),
      tool: 'parscore validate',
      seconds: new Map([...seconds].map(([f, t]) => [toRepo(f), t])),
      version: VERSION,
    },
  );

  if (outputAbs && opts.output !== undefined) {
    const { checkOutput, writeOutput } = await import('../../io/output.js');
    const inputs = files.filter((f) => !fileIsStdin(f)).map((f) => path.resolve(ctx.io.cwd, f));
    const failed = (await checkOutput({ abs: outputAbs, shown: opts.output, force: opts.force ?? false, inputs, madeByUs: isParscoreReport })) ?? (await writeOutput(outputAbs, opts.output, text));
    if (failed) {
      ctx.io.stderr.write(formatDiagnostics('stylish', [failed], { lang: ctx.lang, palette: ctx.palette, files: [] }));
      return 2;
    }
  } else {
    ctx.io.stdout.write(text);
  }

  const { errors, warnings } = countBySeverity(diagnostics);
  if (diagnostics.some((d) => d.fatal)) return 2;
  if (errors > 0) return 1;
  if (!opts.quiet && opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    ctx.io.stderr.write(`${s.tooManyWarnings(warnings, opts.maxWarnings)}\n`);
    return 1;
  }
  return 0;
}
