/** Loads just the criteria set and the units (for template and init). */
import path from 'node:path';
import { loadCriteria, type CriteriaSet } from '../criteria/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { LIMITS } from '../core/limits.js';
import { readTextInput } from '../io/read-text.js';
import { loadUnits, type UnitList } from '../units/index.js';
import { roundSizeProblem } from '../units/size.js';
import { portablePath } from './workspace.js';
import { append } from '../core/append.js';

export interface Setup {
  set: CriteriaSet;
  units: UnitList;
  criteriaAbs: string;
  unitsAbs: string;
}

export async function loadSetup(cwd: string, criteria: string, units: string): Promise<{ setup?: Setup; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const criteriaAbs = path.resolve(cwd, portablePath(criteria));
  const unitsAbs = path.resolve(cwd, portablePath(units));
  const c = await readTextInput(criteriaAbs, criteria, LIMITS.yamlBytes);
  const u = await readTextInput(unitsAbs, units, LIMITS.yamlBytes);
  if (!c.ok) diagnostics.push(c.diagnostic);
  if (!u.ok) diagnostics.push(u.diagnostic);
  if (!c.ok || !u.ok) return { diagnostics };
  const loaded = loadCriteria(criteria, c.text);
  append(diagnostics, loaded.diagnostics);
  const unitList = loadUnits(units, u.text, loaded.set);
  append(diagnostics, unitList.diagnostics);
  if (!loaded.set || !unitList.units) return { diagnostics };
  const tooBig = roundSizeProblem(loaded.set, unitList.units);
  if (tooBig) return { diagnostics: [...diagnostics, tooBig] };
  return { setup: { set: loaded.set, units: unitList.units, criteriaAbs, unitsAbs }, diagnostics };
}
