// The documentation's examples are real: the complete example in
// docs/criteria.md validates clean.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import { ROOT } from './helpers.js';

describe('docs', () => {
  it('the complete example in docs/criteria.md is a valid criteria set', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'criteria.md'), 'utf8');
    const block = /```yaml\n(# yaml-language-server[^\n]*\nid:[\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const { set, diagnostics } = loadCriteria('docs/criteria.md', block!);
    expect(diagnostics).toEqual([]);
    expect(set?.leaves.map((l) => l.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '3.1', 'TH.1', 'TR.1']);
  });

  it('the sample set has the published shape', () => {
    const text = readFileSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), 'utf8');
    const { set } = loadCriteria('so-nganh-mau.yaml', text);
    expect(set?.areas.map((a) => a.max.toString())).toEqual(['11', '9', '12', '5', '8.5', '5.5', '13', '36']);
    const criteria = set!.areas.flatMap((a) => a.children);
    expect(criteria.length).toBeGreaterThanOrEqual(35);
    expect(criteria.length).toBeLessThanOrEqual(45);
    const areaLeaves = set!.leaves.filter((l) => l.part === 'area');
    expect(areaLeaves.length).toBeGreaterThanOrEqual(80);
    expect(new Set(set!.leaves.map((l) => l.rule?.kind))).toEqual(new Set(['options', 'bands', 'proportional', 'manual', 'survey']));
    expect(set!.adjustments.map((p) => p.kind)).toEqual(['bonus', 'penalty']);
  });
});
