import * as z from 'zod/mini';
import { Category, Topic } from './category.js';
import { City } from './city.js';
import { Provider } from './provider.js';
import { CityBinding, Service } from './service.js';
import { Slug } from './common.js';

const SchemaVersion = /*#__PURE__*/ z.string().check(z.regex(/^1\.\d+$/, 'must be a 1.x schema version'));

/**
 * A colloquial-word entry of the synonym dictionary. `terms` are what people type (罚单, 看病); they find the
 * listed services and categories, and are read as the `means` words (驾照 → 驾驶证) when matching text.
 */
export const SynonymEntry = z.object({
  terms: /*#__PURE__*/ z.array(/*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(40))).check(z.minLength(1)),
  means: z.optional(z.array(/*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(40)))),
  services: z.optional(z.array(Slug)),
  categories: z.optional(z.array(Slug)),
});
export type SynonymEntry = z.infer<typeof SynonymEntry>;

/** `cities.json`: the cities the catalog covers. */
export const CitiesManifest = z.object({
  $schema: z.optional(z.string()),
  schemaVersion: SchemaVersion,
  cities: /*#__PURE__*/ z.array(City).check(z.minLength(1)),
});
export type CitiesManifest = z.infer<typeof CitiesManifest>;

/**
 * `standard.json`: the top-level data standard every provider maps into — the category tree, life-event
 * topics, canonical services and the national synonym dictionary.
 */
export const StandardManifest = z.object({
  $schema: z.optional(z.string()),
  schemaVersion: SchemaVersion,
  categories: /*#__PURE__*/ z.array(Category).check(z.minLength(1)),
  topics: z.optional(z.array(Topic)),
  services: /*#__PURE__*/ z.array(Service).check(z.minLength(1)),
  synonyms: z.optional(z.array(SynonymEntry)),
});
export type StandardManifest = z.infer<typeof StandardManifest>;

/** One service a provider offers, and the cities it offers it in. */
export const ServiceOffer = z.object({
  /** Code of a standard service, or of one in this manifest's `definitions`. */
  service: Slug,
  bindings: /*#__PURE__*/ z.array(CityBinding).check(z.minLength(1)),
});
export type ServiceOffer = z.infer<typeof ServiceOffer>;

/** `providers/<id>.json`: what one bureau, utility or company publishes. */
export const ProviderManifest = z.object({
  $schema: z.optional(z.string()),
  schemaVersion: SchemaVersion,
  provider: Provider,
  services: /*#__PURE__*/ z.array(ServiceOffer).check(z.minLength(1)),
  /** Services this provider defines that the standard does not have yet. */
  definitions: z.optional(z.array(Service)),
  /** Extra colloquial words for this provider's services. */
  synonyms: z.optional(z.array(SynonymEntry)),
});
export type ProviderManifest = z.infer<typeof ProviderManifest>;
