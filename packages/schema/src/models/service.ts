import * as z from 'zod/mini';
import { FormDefinition } from '../forms/definition.js';
import { HttpsUrl, IdentityRequirement, LocalizedText, Money, ServiceKind, Slug, Timestamp } from './common.js';

/**
 * Where the user continues. `form`: the hub renders the service's form and submits it to the hub API
 * (or the provider `endpoint`). `h5`: an external web page. `mini-program` / `app`: another app, which the
 * user is told about before leaving. `open311`: an Open311 GeoReport v2 endpoint for reports. `info`: the
 * service page itself is the service.
 */
export const Entry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('form'), endpoint: z.optional(HttpsUrl) }),
  z.object({ type: z.literal('h5'), url: HttpsUrl }),
  z.object({
    type: z.literal('mini-program'),
    platform: z.enum(['wechat', 'alipay']),
    appId: /*#__PURE__*/ z.string().check(z.regex(/^[A-Za-z0-9_]{4,40}$/, 'must be a mini-program app id')),
    path: z.optional(/*#__PURE__*/ z.string().check(z.maxLength(500))),
    /** Where users outside the platform continue. */
    fallbackUrl: z.optional(HttpsUrl),
  }),
  z.object({
    type: z.literal('app'),
    /** An app deep link (`alipays://…`, `weixin://…`, `bankabc://…`); never javascript:/data:. */
    url: /*#__PURE__*/ z.string().check(
      z.regex(/^[a-z][a-z0-9+.-]{1,30}:\/\/[^\s]+$/, 'must be an app deep link'),
      z.refine((u) => !/^(javascript|data|vbscript|file|blob):/i.test(u), 'must not be a script or data URL'),
    ),
    appName: LocalizedText,
    fallbackUrl: z.optional(HttpsUrl),
  }),
  z.object({
    type: z.literal('open311'),
    endpoint: HttpsUrl,
    serviceCode: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)),
    jurisdictionId: z.optional(/*#__PURE__*/ z.string().check(z.maxLength(64))),
  }),
  z.object({ type: z.literal('info') }),
]);
export type Entry = z.infer<typeof Entry>;
export type EntryType = Entry['type'];

export const ServiceStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('active') }),
  z.object({ state: z.literal('maintenance'), message: LocalizedText, until: z.optional(Timestamp) }),
  z.object({ state: z.literal('retired'), replacedBy: z.optional(Slug) }),
]);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const RequiredDocument = z.object({
  name: LocalizedText,
  required: z.boolean(),
  note: z.optional(LocalizedText),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

export const Cost = z.object({
  description: LocalizedText,
  /** Fixed fee; absent when the amount depends on the bill (utilities, fines). */
  amount: z.optional(Money),
});
export type Cost = z.infer<typeof Cost>;

export const ProcessingTime = z.object({
  unit: z.enum(['instant', 'minutes', 'hours', 'days', 'working-days']),
  /** Omitted for `instant`. */
  value: z.optional(/*#__PURE__*/ z.int().check(z.gte(1))),
  note: z.optional(LocalizedText),
});
export type ProcessingTime = z.infer<typeof ProcessingTime>;

/**
 * A canonical service (like GOV.UK's local-service codes): "pay a traffic fine" is one service, whatever city
 * offers it. Cities offer it through bindings.
 */
export const Service = z.object({
  code: Slug,
  name: LocalizedText,
  /** Function summary, ≤ 20 characters (Alipay onboarding). */
  summary: z.optional(LocalizedText),
  /** ≤ 100 characters in zh-Hans. */
  description: LocalizedText,
  kind: ServiceKind,
  categories: /*#__PURE__*/ z.array(Slug).check(z.minLength(1)),
  /** Words that should find the service (社保卡, 公积金). */
  keywords: z.optional(z.array(/*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(40)))),
  /** Colloquial ways people ask for it (交水费, 罚单). */
  synonyms: z.optional(z.array(/*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(40)))),
  identity: IdentityRequirement,
  documents: z.optional(z.array(RequiredDocument)),
  costs: z.optional(z.array(Cost)),
  processingTime: z.optional(ProcessingTime),
  status: z.optional(ServiceStatus),
  /** Default delivery; a city binding may override it. */
  delivery: z.optional(Entry),
  /** The form the hub renders for `form` and `open311` entries. */
  form: z.optional(FormDefinition),
  /** National popularity 0–100 (Alipay's top-10 are near 100); ranking tie-breaker. */
  popularity: z.optional(/*#__PURE__*/ z.int().check(z.gte(0), z.lte(100))),
});
export type Service = z.infer<typeof Service>;

export const Availability = z.discriminatedUnion('state', [
  z.object({ state: z.literal('available') }),
  z.object({ state: z.literal('unavailable'), reason: z.optional(LocalizedText) }),
  z.object({ state: z.literal('alternative'), url: HttpsUrl, note: z.optional(LocalizedText) }),
]);
export type Availability = z.infer<typeof Availability>;

/** A service as offered in one city, by the provider whose manifest holds the binding. */
export const CityBinding = z.object({
  city: /*#__PURE__*/ z.string().check(z.regex(/^[1-9]\d{5}$/, 'must be a 6-digit GB/T 2260 division code')),
  /** The local name citizens know (羊城通充值 vs 深圳通充值). */
  localName: z.optional(LocalizedText),
  /** Local words that should find it (羊城通). */
  keywords: z.optional(z.array(/*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(40)))),
  entry: z.optional(Entry),
  availability: z.optional(Availability),
  /** A city-level status override (maintenance in one city only). */
  status: z.optional(ServiceStatus),
  popularity: z.optional(/*#__PURE__*/ z.int().check(z.gte(0), z.lte(100))),
});
export type CityBinding = z.infer<typeof CityBinding>;
