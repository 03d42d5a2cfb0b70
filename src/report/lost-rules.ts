/** For `rank --unit`: each leaf where the unit lost points, with its rule in words and what the unit entered. */
import type { Lang } from '../core/lang.js';
import { ruleText } from '../criteria/rule-text.js';
import type { ResultsModel, UnitView } from './model.js';

const LOST_TITLE = { vi: 'Cách chấm các tiêu chí bị mất điểm:', en: 'How the criteria that lost points are scored:' };

export function lostRuleLines(model: ResultsModel, u: UnitView, lang: Lang): string[] {
  const lines: string[] = [];
  for (const l of u.json.leaves) {
    const node = model.tree.byCode.get(l.code);
    // Bonus and penalty items are not points lost: only criteria are listed.
    if (node?.part !== 'area' || !node.rule || !l.applicable || l.points === null || !(l.points < l.max)) continue;
    const entered = l.measure ?? l.option;
    const text = ruleText(node.rule, l.max, lang);
    lines.push(`  ${l.code}  ${text}${entered !== null && entered !== '' ? ` — ${lang === 'vi' ? 'đã nhập' : 'entered'}: ${entered}` : ''}`);
  }
  return lines.length > 0 ? [LOST_TITLE[lang], ...lines] : [];
}
