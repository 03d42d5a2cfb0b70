/**
 * LibreOffice, when installed, turns the report into a PDF exactly as it
 * prints. Found on PATH (soffice, libreoffice) or in its usual install
 * folders on Windows; each run uses its own throwaway profile, so a
 * LibreOffice the user has open is neither used nor disturbed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const WINDOWS_FOLDERS = ['ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432'];

/** The LibreOffice program, or undefined when it is not installed where we look. */
export function findLibreOffice(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string | undefined {
  const windows = platform === 'win32';
  const names = windows ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const sep = windows ? ';' : ':';
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(sep).filter((d) => d !== '')) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  if (windows) {
    for (const key of WINDOWS_FOLDERS) {
      const base = env[key];
      if (base && existsSync(path.join(base, 'LibreOffice', 'program', 'soffice.exe'))) return path.join(base, 'LibreOffice', 'program', 'soffice.exe');
    }
  }
  if (platform === 'darwin' && existsSync('/Applications/LibreOffice.app/Contents/MacOS/soffice')) return '/Applications/LibreOffice.app/Contents/MacOS/soffice';
  return undefined;
}

/** Converts a workbook to PDF; the PDF's bytes, or why it failed. */
export async function convertToPdf(soffice: string, file: string, timeoutMs = 300_000): Promise<{ ok: true; pdf: Uint8Array } | { ok: false; detail: string }> {
  const work = await mkdtemp(path.join(tmpdir(), 'parscore-pdf-'));
  try {
    const profile = pathToFileURL(path.join(work, 'profile')).href;
    const out = path.join(work, 'out');
    const result = await new Promise<{ code: number | null; stderr: string; error?: Error }>((resolve) => {
      const child = spawn(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, file], {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: timeoutMs,
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (error) => resolve({ code: null, stderr, error }));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    const pdfFile = path.join(out, `${path.basename(file).replace(/\.[^.]+$/, '')}.pdf`);
    if (result.error) return { ok: false, detail: result.error.message };
    if (result.code !== 0 || !existsSync(pdfFile)) return { ok: false, detail: (result.stderr.trim().split('\n')[0] ?? '') || `exit ${result.code}` };
    return { ok: true, pdf: new Uint8Array(await readFile(pdfFile)) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A PDF converted from a parscore workbook: LibreOffice carries the workbook's author, parscore, into it. */
export async function isParscorePdf(abs: string): Promise<boolean> {
  try {
    const text = (await readFile(abs)).toString('latin1');
    return text.startsWith('%PDF') && (text.includes('/Author<FEFF00700061007200730063006F00720065>') || text.includes('/Author(parscore)'));
  } catch {
    return false;
  }
}
