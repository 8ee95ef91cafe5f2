import * as z from 'zod/mini';
import { LocalizedText, Slug } from './common.js';

/** A node of the category tree (公安, 交通 › 交通违法, …). Services may sit in several categories. */
export const Category = z.object({
  id: Slug,
  name: LocalizedText,
  /** Parent category id; absent for top-level domains. */
  parent: z.optional(Slug),
  order: /*#__PURE__*/ z.int().check(z.gte(0)),
  /** Icon key resolved by the UI's icon set (never a URL or markup). */
  icon: Slug,
  description: z.optional(LocalizedText),
  /** Extra words that should find this category (社保 for 社会保障). */
  keywords: z.optional(z.array(/*#__PURE__*/ z.string().check(z.minLength(1)))),
});
export type Category = z.infer<typeof Category>;

/** A life-event or topic grouping (生儿育女, 开车出行) that cuts across categories. */
export const Topic = z.object({
  id: Slug,
  name: LocalizedText,
  description: z.optional(LocalizedText),
  icon: Slug,
  order: /*#__PURE__*/ z.int().check(z.gte(0)),
  services: /*#__PURE__*/ z.array(Slug).check(z.minLength(1)),
});
export type Topic = z.infer<typeof Topic>;
