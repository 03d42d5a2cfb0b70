/** Loads a units file and checks it against the criteria set. */
import { LIMITS } from '../core/limits.js';
import { normalizeText } from '../core/text.js';
import type { CriteriaNode, CriteriaSet } from '../criteria/index.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/index.js';
import { loadYamlMapping, locate, type PathSegment } from '../yaml/index.js';
import { unitsFileSchema } from './schema.js';

export interface NotApplicable {
  code: string;
  reason?: string;
}

export interface Unit {
  code: string;
  name: string;
  tags: string[];
  notApplicable: NotApplicable[];
}

export interface UnitList {
  file: string;
  units: Unit[];
  byCode: Map<string, Unit>;
}

const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function loadUnits(file: string, text: string, set?: CriteriaSet): { units?: UnitList; diagnostics: Diagnostic[] } {
  const { source, data, diagnostics } = loadYamlMapping(file, text, unitsFileSchema);
  if (!data) return { diagnostics };
  const report = (code: DiagnosticCode, severity: 'error' | 'warning', path: PathSegment[], params: Record<string, string | number>): void => {
    diagnostics.push({ code, severity, file, location: locate(source, path), params });
  };
  const units: Unit[] = [];
  const byCode = new Map<string, Unit>();
  const rawUnits = Array.isArray(data.units) ? data.units : [];
  if (rawUnits.length > LIMITS.units) {
    report('limit-units', 'error', ['units'], { count: rawUnits.length, limit: LIMITS.units });
    return { diagnostics };
  }
  rawUnits.forEach((raw: unknown, i) => {
    if (raw === null || typeof raw !== 'object') return;
    const r = raw as Record<string, unknown>;
    if (typeof r.code !== 'string' || typeof r.name !== 'string') return;
    const code = normalizeText(r.code);
    const name = normalizeText(r.name);
    if (!UNIT_CODE.test(code)) report('unit-code-format', 'error', ['units', i, 'code'], { code });
    if (name === '') report('empty-name', 'error', ['units', i, 'name'], { code });
    const tags = (Array.isArray(r.tags) ? r.tags : []).filter((t): t is string => typeof t === 'string').map(normalizeText);
    if (set) {
      tags.forEach((t, j) => {
        if (!set.tags.has(t)) report('unit-tag-unused', 'warning', ['units', i, 'tags', j], { unit: code, tag: t, known: [...set.tags].join(', ') });
      });
    }
    const notApplicable: NotApplicable[] = [];
    (Array.isArray(r.notApplicable) ? r.notApplicable : []).forEach((na: unknown, j) => {
      if (na === null || typeof na !== 'object') return;
      const n = na as Record<string, unknown>;
      if (typeof n.code !== 'string') return;
      const naCode = normalizeText(n.code);
      if (set && !set.nodes.has(naCode)) report('unknown-criterion', 'error', ['units', i, 'notApplicable', j, 'code'], { code: naCode, unit: code });
      notApplicable.push({ code: naCode, ...(typeof n.reason === 'string' ? { reason: normalizeText(n.reason) } : {}) });
    });
    const unit: Unit = { code, name, tags, notApplicable };
    if (byCode.has(code)) report('duplicate-unit', 'error', ['units', i, 'code'], { unit: code });
    else byCode.set(code, unit);
    units.push(unit);
  });
  const failed = diagnostics.some((d) => d.severity === 'error');
  return failed ? { diagnostics } : { units: { file, units, byCode }, diagnostics };
}

/** Why a unit is not assessed on a node (its own or an ancestor's entry), or undefined when it is. */
export function notApplicableReason(unit: Unit, node: CriteriaNode, set: CriteriaSet): { reason: string; via: string } | undefined {
  for (let n: CriteriaNode | undefined = node; n; n = n.parentCode !== undefined ? set.nodes.get(n.parentCode) : undefined) {
    const entry = unit.notApplicable.find((na) => na.code === n!.code);
    if (entry) return { reason: entry.reason ?? '', via: n.code };
    const tag = n.skipFor.find((t) => unit.tags.includes(t));
    if (tag !== undefined) return { reason: `skipFor: ${tag}`, via: n.code };
  }
  return undefined;
}
