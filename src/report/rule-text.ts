/** A scoring rule in words, for templates and reports. */
import { formatNumberText, type Lang } from '../i18n/index.js';
import type { RuleJson } from '../scoring/results-json.js';

const WORDS = {
  vi: {
    manual: (max: string, step?: string) => `Chấm tay từ 0 đến ${max}${step ? `, bước ${step}` : ''}`,
    proportional: (max: string) => `Điểm = ${max} × đạt được / phải đạt; nhập số liệu dạng a/b hoặc %`,
    survey: (source?: string) => `Điểm từ kết quả điều tra${source ? ` (${source})` : ''}; đơn vị không tự chấm`,
    and: ' và ',
  },
  en: {
    manual: (max: string, step?: string) => `Scored by hand, 0 to ${max}${step ? `, step ${step}` : ''}`,
    proportional: (max: string) => `Points = ${max} × achieved / required; enter a/b or a percentage`,
    survey: (source?: string) => `From the survey${source ? ` (${source})` : ''}; not self-scored`,
    and: ' and ',
  },
};

export function ruleText(rule: RuleJson | null, max: number, lang: Lang): string {
  const w = WORDS[lang];
  const n = (v: number): string => formatNumberText(String(v), lang);
  if (rule === null) return w.manual(n(max));
  switch (rule.kind) {
    case 'options':
      return rule.options.map((o) => `${o.label}: ${n(o.points)}`).join('; ');
    case 'bands':
      return rule.bands
        .map((b) => {
          const parts: string[] = [];
          if (b.gte !== null) parts.push(`≥ ${n(b.gte)}`);
          if (b.gt !== null) parts.push(`> ${n(b.gt)}`);
          if (b.lte !== null) parts.push(`≤ ${n(b.lte)}`);
          if (b.lt !== null) parts.push(`< ${n(b.lt)}`);
          return `${b.label ?? parts.join(w.and)}: ${n(b.points)}`;
        })
        .join('; ');
    case 'proportional':
      return w.proportional(n(max));
    case 'manual':
      return w.manual(n(max), rule.step !== null ? n(rule.step) : undefined);
    case 'survey':
      return w.survey(rule.source ?? undefined);
  }
}
