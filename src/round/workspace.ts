/** Reads parscore.yaml and resolves its paths. */
import path from 'node:path';
import { normalizeText } from '../core/text.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { loadYamlMapping, locate } from '../yaml/index.js';
import { unitStatusOf, workspaceSchema, type UnitStatus } from './workspace-schema.js';

export interface Workspace {
  file: string;
  dir: string;
  year: number;
  title?: string;
  province?: string;
  office?: string;
  /** The annex layout (`annex:`), text normalised. */
  annex?: WorkspaceAnnex;
  /** Units whose status is set in the file, by code as written (submitted when absent). */
  status: Map<string, { status: UnitStatus; location?: import('../diagnostics/index.js').SourceLocation }>;
  /** Absolute paths, and the paths as written (for messages). */
  paths: Partial<Record<PathKey, { abs: string; shown: string }>>;
}

interface WorkspaceAnnex {
  issuer?: string;
  decision?: string;
  date?: string;
  place?: string;
  signerTitle?: string;
  signerName?: string;
}

export const PATH_KEYS = ['criteria', 'units', 'evidence', 'survey', 'previous', 'appraisal'] as const;
export type PathKey = (typeof PATH_KEYS)[number];

/** Paths written on Windows (`..\\2020\\results.json`) work everywhere. */
export function portablePath(p: string): string {
  return p.replace(/\\/g, '/');
}

/** `absFile` is the workspace file's absolute path; `shownFile` how to name it; `cwd` for relative display. */
export function loadWorkspace(absFile: string, shownFile: string, text: string, cwd: string): { workspace?: Workspace; diagnostics: Diagnostic[] } {
  const { source, data, diagnostics } = loadYamlMapping(shownFile, text, workspaceSchema);
  if (!data || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const dir = path.dirname(absFile);
  const paths: Workspace['paths'] = {};
  for (const key of PATH_KEYS) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    if (value.trim() === '') {
      diagnostics.push({ code: 'empty-name', severity: 'error', file: shownFile, location: locate(source, [key]), params: { code: key } });
      continue;
    }
    const abs = path.resolve(dir, portablePath(value.trim()));
    paths[key] = { abs, shown: path.relative(cwd, abs) || '.' };
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? normalizeText(v) : undefined);
  const status: Workspace['status'] = new Map();
  for (const [code, word] of Object.entries(data.status ?? {})) {
    const location = locate(source, ['status', code]);
    status.set(normalizeText(code), { status: unitStatusOf(word), location });
  }
  const workspace: Workspace = { file: shownFile, dir, year: data.year as number, status, paths };
  const title = str(data.title);
  const province = str(data.province);
  const office = str(data.office);
  if (title !== undefined) workspace.title = title;
  if (province !== undefined) workspace.province = province;
  if (office !== undefined) workspace.office = office;
  if (data.annex && typeof data.annex === 'object') {
    const given = data.annex as Record<string, unknown>;
    const annex: WorkspaceAnnex = {};
    for (const key of ['issuer', 'decision', 'date', 'place', 'signerTitle', 'signerName'] as const) {
      // Line breaks are kept in a signer's title ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"): each line normalised.
      const v = given[key];
      if (typeof v === 'string' && v.trim() !== '')
        annex[key] = v
          .split(/\r?\n/)
          .map((line) => normalizeText(line))
          .filter((line) => line !== '')
          .join('\n');
    }
    workspace.annex = annex;
  }
  return { workspace, diagnostics };
}
