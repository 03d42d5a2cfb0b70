// LibreOffice, headless, for real: the tests open, recalculate and convert
// what parscore writes. CI installs it (scripts/install-system-deps.sh);
// a missing soffice fails the tests rather than skipping them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const profile = mkdtempSync(path.join(tmpdir(), 'parscore-lo-profile-'));

/** Converts `file` with LibreOffice (e.g. to "xlsx" to re-save, "pdf", "csv"); returns the new file. */
export function libreOfficeConvert(file: string, format: string, outDir = mkdtempSync(path.join(tmpdir(), 'parscore-lo-'))): string {
  const r = spawnSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw new Error(`LibreOffice (soffice) could not run: ${r.error.message}. Run scripts/install-system-deps.sh.`);
  const ext = format.split(':')[0]!;
  const out = path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.${ext}`);
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return out;
}
