export type Lang = 'vi' | 'en';

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/** Decimal text ("88.52") as users read it: "88,52" in Vietnamese, "88.52" in English. */
export function formatNumberText(text: string, lang: Lang): string {
  return lang === 'vi' && /^-?\d+\.\d+$/.test(text) ? text.replace('.', ',') : text;
}
