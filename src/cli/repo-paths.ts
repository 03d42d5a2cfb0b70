/**
 * Where GitHub annotations and SARIF results attach: a file's path in the
 * repository, whatever the working folder. Shared by validate and check.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DiagnosticFormat } from '../report/diagnostics.js';
import type { CommandContext } from './context.js';

/** The folder paths in GitHub annotations and SARIF are relative to: GITHUB_WORKSPACE, else the folder holding .git, else the working folder. */
export function repositoryRoot(ctx: CommandContext): string {
  const workspace = ctx.io.env.GITHUB_WORKSPACE;
  if (workspace) return path.resolve(ctx.io.cwd, workspace);
  for (let dir = path.resolve(ctx.io.cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return ctx.io.cwd;
  }
}

/**
 * For the formats that attach to files in a repository (github, sarif): a
 * shown path made relative to the repository root, with forward slashes; a
 * path outside it stays as shown. Other formats keep every path as shown.
 */
export function repoPathFor(ctx: CommandContext, format: DiagnosticFormat, root: string): (file: string) => string {
  if (format !== 'github' && format !== 'sarif') return (file) => file;
  return (file) => {
    const rel = path.relative(root, path.resolve(ctx.io.cwd, file));
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  };
}
