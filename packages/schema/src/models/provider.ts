import * as z from 'zod/mini';
import { HttpsUrl, LocalizedText, Slug } from './common.js';

/** Government bureau, public utility, or third party (bank, telecom, app). */
export const ProviderClassification = z.enum(['government', 'public-utility', 'third-party']);
export type ProviderClassification = z.infer<typeof ProviderClassification>;

export const AuthorityLevel = z.enum(['national', 'provincial', 'municipal', 'district']);
export type AuthorityLevel = z.infer<typeof AuthorityLevel>;

export const Organization = z.object({
  name: LocalizedText,
  level: z.optional(AuthorityLevel),
});
export type Organization = z.infer<typeof Organization>;

export const Contact = z.object({
  /** Service hotline, e.g. 12345 or 95598. */
  phone: z.optional(/*#__PURE__*/ z.string().check(z.regex(/^[0-9+\-() ]{3,20}$/, 'must be a phone number'))),
  email: z.optional(z.email()),
  website: z.optional(HttpsUrl),
  address: z.optional(LocalizedText),
  hours: z.optional(LocalizedText),
});
export type Contact = z.infer<typeof Contact>;

/**
 * Who publishes services into the catalog. Following CPSV-AP, the competent `authority` owns the service
 * and the `operator` runs it (they are often the same body). `integration` follows UMANG's tiers:
 * `api` services are transacted through the hub; `directory` services link out.
 */
export const Provider = z.object({
  id: Slug,
  name: LocalizedText,
  classification: ProviderClassification,
  authority: Organization,
  operator: z.optional(Organization),
  integration: z.enum(['api', 'directory']),
  contact: z.optional(Contact),
});
export type Provider = z.infer<typeof Provider>;
