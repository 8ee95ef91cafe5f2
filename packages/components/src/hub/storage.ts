import { LOCALES, type Locale } from '../i18n/index.js';
import { readJson, writeJson } from '../internal/storage.js';
import { isCityCode, isSlug } from './router.js';

/**
 * What the hub keeps in `localStorage` — and nothing else: service codes with their city codes, the elder-mode
 * switch and text size, and the language chosen in the header. No names, no form values, no identity. Everything
 * read back is validated (storage is writable by any script on the origin) and capped.
 */
export const FAVOURITES_KEY = 'cityhub:favourites';
export const RECENT_SERVICES_KEY = 'cityhub:recent-services';
export const MODE_KEY = 'cityhub:mode';
export const TEXT_SIZE_KEY = 'cityhub:elder-text-size';
export const LOCALE_KEY = 'cityhub:locale';

/** The elder-mode text sizes a user can choose, in px (适老化: ≥ 18 pt, adjustable up to ≥ 30). */
export const ELDER_TEXT_SIZES = [24, 28, 32] as const;
export type ElderTextSize = (typeof ELDER_TEXT_SIZES)[number];

export const MAX_FAVOURITES = 50;
export const MAX_RECENT = 8;

/** A service in a city: the only shape stored for favourites and recently used services. */
export interface ServiceRef {
  city: string;
  service: string;
}

export function readRefs(key: string, max: number): ServiceRef[] {
  const stored = readJson(key);
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const refs: ServiceRef[] = [];
  for (const item of stored) {
    const { city, service } = (item ?? {}) as Partial<ServiceRef>;
    if (!isCityCode(city) || !isSlug(service)) continue;
    const id = `${city}/${service}`;
    if (seen.has(id)) continue;
    seen.add(id);
    refs.push({ city, service });
    if (refs.length >= max) break;
  }
  return refs;
}

export function writeRefs(key: string, refs: readonly ServiceRef[]): void {
  writeJson(key, refs.map(({ city, service }) => ({ city, service })));
}

/** `refs` with `ref` moved (or added) to the front, at most `max` long. */
export function withFirst(refs: readonly ServiceRef[], ref: ServiceRef, max: number): ServiceRef[] {
  return [ref, ...refs.filter((r) => r.city !== ref.city || r.service !== ref.service)].slice(0, max);
}

export function without(refs: readonly ServiceRef[], ref: ServiceRef): ServiceRef[] {
  return refs.filter((r) => r.city !== ref.city || r.service !== ref.service);
}

export function readMode(): 'elder' | 'standard' | undefined {
  const mode = readJson(MODE_KEY);
  return mode === 'elder' || mode === 'standard' ? mode : undefined;
}

export function writeMode(mode: 'elder' | 'standard'): void {
  writeJson(MODE_KEY, mode);
}

export function readTextSize(): ElderTextSize | undefined {
  const size = readJson(TEXT_SIZE_KEY);
  return ELDER_TEXT_SIZES.find((s) => s === size);
}

export function writeTextSize(size: ElderTextSize): void {
  writeJson(TEXT_SIZE_KEY, size);
}

export function readLocale(): Locale | undefined {
  const locale = readJson(LOCALE_KEY);
  return LOCALES.find((l) => l === locale);
}

export function writeLocale(locale: Locale): void {
  writeJson(LOCALE_KEY, locale);
}
