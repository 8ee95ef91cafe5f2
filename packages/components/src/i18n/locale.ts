import { LOCALES, type Locale, type LocalizedText } from '@cityhub/schema';

export { LOCALES, type Locale, type LocalizedText };

/** The locale used when neither the element nor the page says which language it is in. */
export const DEFAULT_LOCALE: Locale = 'zh-Hans';

/** BCP 47 tags handed to `Intl` for each hub locale (region picks the conventional number and date style). */
export const INTL_TAGS: Record<Locale, string> = { 'zh-Hans': 'zh-Hans-CN', 'zh-Hant': 'zh-Hant-TW', en: 'en' };

/**
 * Maps a BCP 47 language tag to a hub locale: `zh-TW`, `zh-HK`, `zh-MO` and `zh-Hant-*` → `zh-Hant`; any other
 * `zh*` → `zh-Hans`; `en*` → `en`. Other languages read English (a reader of French is likelier to read English
 * than Chinese); an empty or missing tag gives `undefined` so the caller keeps looking.
 */
export function normalizeLocale(tag: string | null | undefined): Locale | undefined {
  const value = tag?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'zh' || value.startsWith('zh-') || value.startsWith('zh_')) {
    return /(^|[-_])(hant|tw|hk|mo)($|[-_])/.test(value) ? 'zh-Hant' : 'zh-Hans';
  }
  return 'en';
}

/**
 * The locale an element renders in: its own `lang`, else the closest ancestor's `[lang]` — crossing shadow
 * roots up to `<html lang>` — else {@link DEFAULT_LOCALE}.
 */
export function localeOf(element: Element): Locale {
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) {
      const locale = normalizeLocale(withLang.getAttribute('lang'));
      if (locale) return locale;
      // `lang=""` means "unknown": keep looking above it.
      node = withLang.parentElement ?? hostOf(withLang);
      continue;
    }
    node = hostOf(node);
  }
  return DEFAULT_LOCALE;
}

function hostOf(node: Node): Element | null {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Order in which a locale falls back when the text has no translation. */
const FALLBACKS: Record<Locale, readonly Locale[]> = {
  'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
  'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  en: ['en', 'zh-Hans', 'zh-Hant'],
};

/** Which locale {@link localized} will actually use for `text` (so the UI can mark fallback text with `lang`). */
export function localizedLocale(text: Partial<LocalizedText> | undefined, locale: Locale): Locale {
  for (const candidate of FALLBACKS[locale]) if (text?.[candidate]) return candidate;
  return locale;
}

/** The text in `locale`, falling back to simplified Chinese (always present) and then the other locales. */
export function localized(text: Partial<LocalizedText> | undefined, locale: Locale): string {
  if (!text) return '';
  return text[localizedLocale(text, locale)] ?? '';
}

/** `lang` attribute value for text rendered in `locale` inside an element whose locale is `pageLocale`. */
export function langAttr(textLocale: Locale, pageLocale: Locale): string | undefined {
  return textLocale === pageLocale ? undefined : textLocale;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats integer fen as yuan: `12345` → `¥123.45`; with `wholeYuan`, `5000` → `¥50` (decimals only when needed). */
export function formatMoney(fen: number, locale: Locale, options: { wholeYuan?: boolean } = {}): string {
  const whole = options.wholeYuan === true && fen % 100 === 0;
  const key = `${locale}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAGS[locale], {
      style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format.format(fen / 100);
}

/** Formats a number in the locale (grouping, digits). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_TAGS[locale]).format(value);
}

/** Formats an instant; default medium date + short time in the user's time zone. */
export function formatDateTime(
  value: Date | string | number,
  locale: Locale,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(INTL_TAGS[locale], options).format(date);
}

/** Formats a calendar day (`YYYY-MM-DD`) without shifting it through UTC. */
export function formatDate(day: string, locale: Locale, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(INTL_TAGS[locale], options).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
