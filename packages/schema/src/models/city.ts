import * as z from 'zod/mini';
import { DivisionCode, LocalizedText } from './common.js';

/** Administrative level: 直辖市, 副省级市, 地级市 or county-level city. */
export const CityLevel = z.enum(['municipality', 'sub-provincial', 'prefecture', 'county']);
export type CityLevel = z.infer<typeof CityLevel>;

export const Province = z.object({
  code: DivisionCode,
  name: LocalizedText,
});
export type Province = z.infer<typeof Province>;

/** A city the hub serves, keyed by its GB/T 2260 code. */
export const City = z.object({
  code: DivisionCode,
  name: LocalizedText,
  province: Province,
  level: CityLevel,
  /** Full pinyin without tones or spaces (`shenzhen`); drives the A–Z picker and pinyin search. */
  pinyin: /*#__PURE__*/ z.string().check(z.regex(/^[a-z]+$/, 'must be lowercase pinyin letters')),
  /** Approximate centre, for "nearest city" with the user's consent. */
  location: z.optional(
    z.object({ lat: /*#__PURE__*/ z.number().check(z.gte(-90), z.lte(90)), lng: /*#__PURE__*/ z.number().check(z.gte(-180), z.lte(180)) }),
  ),
  /** Shown in the picker's "popular cities" row. */
  popular: z.optional(z.boolean()),
});
export type City = z.infer<typeof City>;

/** Upper-case A–Z letter a city is listed under in the picker. */
export function cityInitial(city: Pick<City, 'pinyin'>): string {
  return city.pinyin.charAt(0).toUpperCase();
}
