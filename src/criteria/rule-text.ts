/** A scoring rule in words, for templates and reports. */
import { formatNumberText, type Lang } from '../core/lang.js';
import type { RuleJson } from './rule-json.js';

type BandJson = Extract<RuleJson, { kind: 'bands' }>['bands'][number];
type IfNoneJson = 'full' | 'zero' | 'not-assessed' | null | undefined;

const WORDS = {
  vi: {
    manual: (max: string, step?: string) => `Chấm tay từ 0 đến ${max}${step ? `, bước ${step}` : ''}`,
    proportional: (max: string) => `Điểm = ${max} × đạt được / phải đạt; nhập số liệu dạng a/b hoặc %`,
    target: (max: string, target: string) => `Điểm = ${max} × tỷ lệ đạt / chỉ tiêu ${target}%; đạt từ ${target}% trở lên: ${max}; nhập số liệu dạng a/b hoặc %`,
    zeroBelow: (v: string) => `; dưới ${v}%: 0`,
    survey: (source?: string) => `Điểm từ kết quả điều tra${source ? ` (${source})` : ''}; đơn vị không tự chấm`,
    perItem: (each: string, cap: string) => `Mỗi trường hợp ${each} điểm, tối đa ${cap}; nhập số trường hợp`,
    deduct: (max: string, each: string, cap: string) => `Điểm tối đa ${max}; mỗi trường hợp trừ ${each}, trừ tối đa ${cap}; nhập số trường hợp`,
    checklist: (n: number) => `Số nội dung đã thực hiện (trong ${n})`,
    checklistProportional: (max: string, n: number) => `Điểm = ${max} × số nội dung đã thực hiện / ${n}`,
    items: 'Nội dung: ',
    overAchievement: ' (tỷ lệ được vượt 100%)',
    none: { full: 'không phát sinh: điểm tối đa', zero: 'không phát sinh: 0 điểm', 'not-assessed': 'không phát sinh: không đánh giá' },
    enterDate: '; nhập ngày dạng 31/01/2024',
    dateFrom: 'từ ngày',
    dateAfter: 'sau ngày',
    dateTo: 'đến ngày',
    dateBefore: 'trước ngày',
    and: ' và ',
  },
  en: {
    manual: (max: string, step?: string) => `Scored by hand, 0 to ${max}${step ? `, step ${step}` : ''}`,
    proportional: (max: string) => `Points = ${max} × achieved / required; enter a/b or a percentage`,
    target: (max: string, target: string) => `Points = ${max} × rate / target ${target} %; at or above ${target} %: ${max}; enter a/b or a percentage`,
    zeroBelow: (v: string) => `; below ${v} %: 0`,
    survey: (source?: string) => `From the survey${source ? ` (${source})` : ''}; not self-scored`,
    perItem: (each: string, cap: string) => `${each} per item, at most ${cap}; enter the number of items`,
    deduct: (max: string, each: string, cap: string) => `${max} less ${each} per item, at most ${cap} off; enter the number of items`,
    checklist: (n: number) => `Items done (of ${n})`,
    checklistProportional: (max: string, n: number) => `Points = ${max} × items done / ${n}`,
    items: 'Items: ',
    overAchievement: ' (the rate may exceed 100 %)',
    none: { full: 'nothing arose: full points', zero: 'nothing arose: 0 points', 'not-assessed': 'nothing arose: not assessed' },
    enterDate: '; enter a date such as 31/01/2024',
    dateFrom: 'from',
    dateAfter: 'after',
    dateTo: 'until',
    dateBefore: 'before',
    and: ' and ',
  },
};

/** "2024-01-31" → "31/01/2024", as decisions print dates. */
function printedDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function bandsText(bands: readonly BandJson[], lang: Lang, date: boolean): string {
  const w = WORDS[lang];
  const n = (v: number | string): string => (typeof v === 'string' ? printedDate(v) : formatNumberText(String(v), lang));
  return bands
    .map((b) => {
      const parts: string[] = [];
      if (date) {
        if (b.gte !== null) parts.push(`${w.dateFrom} ${n(b.gte)}`);
        if (b.gt !== null) parts.push(`${w.dateAfter} ${n(b.gt)}`);
        if (b.lte !== null) parts.push(`${w.dateTo} ${n(b.lte)}`);
        if (b.lt !== null) parts.push(`${w.dateBefore} ${n(b.lt)}`);
        return `${b.label ?? parts.join(' ')}: ${n(b.points)}`;
      }
      if (b.gte !== null) parts.push(`≥ ${n(b.gte)}`);
      if (b.gt !== null) parts.push(`> ${n(b.gt)}`);
      if (b.lte !== null) parts.push(`≤ ${n(b.lte)}`);
      if (b.lt !== null) parts.push(`< ${n(b.lt)}`);
      return `${b.label ?? parts.join(w.and)}: ${n(b.points)}`;
    })
    .join('; ');
}

function noneText(ifNone: IfNoneJson, lang: Lang): string {
  return ifNone ? `; ${WORDS[lang].none[ifNone]}` : '';
}

export function ruleText(rule: RuleJson | null, max: number, lang: Lang): string {
  const w = WORDS[lang];
  const n = (v: number): string => formatNumberText(String(v), lang);
  if (rule === null) return w.manual(n(max));
  switch (rule.kind) {
    case 'options':
      return rule.options.map((o) => `${o.label}: ${n(o.points)}`).join('; ');
    case 'bands':
      return bandsText(rule.bands, lang, rule.measure === 'date') + (rule.overAchievement ? w.overAchievement : '') + noneText(rule.ifNone, lang) + (rule.measure === 'date' ? w.enterDate : '');
    case 'proportional': {
      const base = rule.target != null ? w.target(n(max), n(rule.target)) : w.proportional(n(max));
      return base + (rule.zeroBelow != null ? w.zeroBelow(n(rule.zeroBelow)) : '') + noneText(rule.ifNone, lang);
    }
    case 'per-item': {
      const cap = n(Math.min(rule.cap ?? max, max));
      return rule.deduct ? w.deduct(n(max), n(rule.each), cap) : w.perItem(n(rule.each), cap);
    }
    case 'checklist': {
      const count = rule.items.length;
      const scoring = rule.bands ? `${w.checklist(count)}: ${bandsText(rule.bands, lang, false)}` : w.checklistProportional(n(max), count);
      return `${scoring}. ${w.items}${checklistItemsText(rule.items)}`;
    }
    case 'manual':
      return w.manual(n(max), rule.step !== null ? n(rule.step) : undefined);
    case 'survey':
      return w.survey(rule.source ?? undefined);
  }
}

/** A checklist's items numbered for the form, where the unit counts what it did: "(1) …; (2) …". */
function checklistItemsText(items: readonly string[]): string {
  return items.map((t, i) => `(${i + 1}) ${t}`).join('; ');
}
