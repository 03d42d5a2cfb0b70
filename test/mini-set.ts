// The two-unit criteria set and units of test/fixtures/evidence, from which
// the form tests build, fill and read back their workbooks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCriteria, type CriteriaSet } from '../src/criteria/index.js';
import { loadUnits, type UnitList } from '../src/units/index.js';

export const MINI_DIR = path.join(import.meta.dirname, 'fixtures', 'evidence');
export const MINI = {
  criteria: path.join(MINI_DIR, 'criteria.yaml'),
  units: path.join(MINI_DIR, 'units.yaml'),
  survey: path.join(MINI_DIR, 'valid', 'survey.csv'),
};

/** The set and its units, loaded as the commands load them; both fixtures are valid. */
export function loadMiniSet(): { set: CriteriaSet; units: UnitList } {
  const set = loadCriteria('criteria.yaml', readFileSync(MINI.criteria, 'utf8')).set!;
  return { set, units: loadUnits('units.yaml', readFileSync(MINI.units, 'utf8'), set).units! };
}

/** The options naming the criteria set and units, as absolute paths (init, template). */
export const MINI_SETUP = ['--criteria', MINI.criteria, '--units', MINI.units];

/** The options naming the whole round: set, units, an evidence file of MINI_DIR (the valid forms by default) and the survey. */
export function miniRound(evidence = path.join('valid', 'evidence.csv')): string[] {
  return [...MINI_SETUP, '--evidence', path.join(MINI_DIR, evidence), '--survey', MINI.survey];
}
