// LibreOffice, headless, for real: the tests open, recalculate and convert
// what parscore writes. CI installs it (scripts/install-system-deps.sh);
// a missing soffice fails the tests rather than skipping them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const profile = mkdtempSync(path.join(tmpdir(), 'parscore-lo-profile-'));
// Recalculate every formula on load (LibreOffice otherwise trusts the values
// saved in an .xlsx), so the tests compare against LibreOffice's own results.
mkdirSync(path.join(profile, 'user'), { recursive: true });
writeFileSync(
  path.join(profile, 'user', 'registrymodifications.xcu'),
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
);

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
