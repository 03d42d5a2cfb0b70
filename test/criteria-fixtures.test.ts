// One fixture folder per diagnostic: criteria.yaml and the expected findings
// (line:col severity code), worked out by hand in make-criteria-fixtures.py.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import { sortDiagnostics } from '../src/diagnostics/index.js';
import { diagnosticMessage } from '../src/diagnostics/index.js';

const root = path.join(import.meta.dirname, 'fixtures', 'criteria');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('criteria fixtures', () => {
  it('has a fixture for every behaviour', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (name) => {
    const text = readFileSync(path.join(root, name, 'criteria.yaml'), 'utf8');
    const expected = readFileSync(path.join(root, name, 'expected.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const { diagnostics, set } = loadCriteria(`${name}.yaml`, text);
    const got = sortDiagnostics(diagnostics).map((d) => `${d.location?.line}:${d.location?.column} ${d.severity} ${d.code}`);
    expect(got).toEqual(expected);
    expect(set === undefined).toBe(expected.some((e) => e.includes(' error ')));
    // Where the words matter (issue 15), the whole Vietnamese message is checked too.
    const messagesFile = path.join(root, name, 'messages.txt');
    if (existsSync(messagesFile)) {
      const messages = readFileSync(messagesFile, 'utf8').split('\n').filter(Boolean);
      expect(sortDiagnostics(diagnostics).map((d) => diagnosticMessage(d, 'vi'))).toEqual(messages);
    }
  });
});
