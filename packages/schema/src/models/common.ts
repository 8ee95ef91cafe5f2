import * as z from 'zod/mini';
import { isSafeHttpsUrl } from '../url.js';

/** Version of the CityHub schema. Manifests and compiled catalogs declare the major.minor they were written for. */
export const SCHEMA_VERSION = '1.0';

/** Locales the hub renders: simplified Chinese, traditional Chinese, English. */
export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

const nonEmpty = /*#__PURE__*/ z.string().check(z.trim(), z.minLength(1));

/** Text in the hub's locales. Simplified Chinese is required; the others fall back to it. */
export const LocalizedText = z.object({
  'zh-Hans': nonEmpty,
  'zh-Hant': z.optional(nonEmpty),
  en: z.optional(nonEmpty),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A stable identifier: lowercase words joined by hyphens (`traffic-fine-payment`). */
export const Slug = /*#__PURE__*/ z.string().check(
  z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens'),
  z.maxLength(64),
);

/** A 6-digit administrative-division code (GB/T 2260), e.g. `440300` for 深圳. */
export const DivisionCode = /*#__PURE__*/ z.string().check(z.regex(/^[1-9]\d{5}$/, 'must be a 6-digit GB/T 2260 division code'));
export type DivisionCode = z.infer<typeof DivisionCode>;

/** An `https:` URL without user info (http is allowed only for localhost, for development). */
export const HttpsUrl = /*#__PURE__*/ z.string().check(
  z.maxLength(2048),
  z.refine((value) => isSafeHttpsUrl(value), 'must be https'),
);

/** An ISO 8601 timestamp with a UTC offset. */
export const Timestamp = z.iso.datetime({ offset: true });

/** Money in integer minor units (fen for CNY): never floating point. */
export const Money = z.object({
  amount: /*#__PURE__*/ z.int().check(z.gte(0), z.lte(1_000_000_000_00)),
  currency: z.literal('CNY'),
});
export type Money = z.infer<typeof Money>;

/** How much identity proof a service needs before use. */
export const IdentityRequirement = z.enum(['none', 'real-name', 'face']);
export type IdentityRequirement = z.infer<typeof IdentityRequirement>;

const IDENTITY_RANK: Readonly<Record<IdentityRequirement, number>> = { none: 0, 'real-name': 1, face: 2 };

/** Whether a user verified to `level` (`none`: not signed in) may use a service that requires `required`. */
export const meetsIdentity = (level: IdentityRequirement, required: IdentityRequirement): boolean =>
  IDENTITY_RANK[level] >= IDENTITY_RANK[required];

/** The three verbs of city services — 查、缴、办 — plus booking, reporting and plain information. */
export const SERVICE_KINDS = ['query', 'payment', 'transaction', 'booking', 'report', 'info'] as const;
export const ServiceKind = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKind>;
