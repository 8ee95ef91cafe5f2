import { CitiesManifest, ProviderManifest, StandardManifest, type SynonymEntry } from '../models/manifest.js';
import type { Service } from '../models/service.js';
import { isLoopbackUrl } from '../url.js';
import { problemsFromIssues, type CatalogProblem } from './problems.js';

/** Manifests as read from files, not yet validated. `file` names them in problems. */
export interface ManifestInput {
  cities: { file: string; data: unknown };
  standard: { file: string; data: unknown };
  providers: Array<{ file: string; data: unknown }>;
}

/** Manifests that passed validation. */
export interface ManifestSet {
  cities: { file: string; manifest: CitiesManifest };
  standard: { file: string; manifest: StandardManifest };
  providers: Array<{ file: string; manifest: ProviderManifest }>;
}

export interface ValidationOutcome {
  /** Present when every manifest parsed (cross-reference errors may still be listed in `problems`). */
  set?: ManifestSet;
  problems: CatalogProblem[];
}

const SUMMARY_MAX = 20;
const DESCRIPTION_MAX = 100;

/**
 * Validates provider manifests against the schema and against each other: every city, service and category a
 * manifest names must exist, forms must exist where entries need them, and no city gets one service twice.
 */
export function validateManifests(input: ManifestInput): ValidationOutcome {
  const problems: CatalogProblem[] = [];
  const cities = CitiesManifest.safeParse(input.cities.data);
  if (!cities.success) problems.push(...problemsFromIssues(input.cities.file, cities.error.issues));
  const standard = StandardManifest.safeParse(input.standard.data);
  if (!standard.success) problems.push(...problemsFromIssues(input.standard.file, standard.error.issues));
  const providers: ManifestSet['providers'] = [];
  for (const { file, data } of input.providers) {
    const parsed = ProviderManifest.safeParse(data);
    if (parsed.success) providers.push({ file, manifest: parsed.data });
    else problems.push(...problemsFromIssues(file, parsed.error.issues));
  }
  if (!cities.success || !standard.success || providers.length !== input.providers.length) return { problems };

  const set: ManifestSet = {
    cities: { file: input.cities.file, manifest: cities.data },
    standard: { file: input.standard.file, manifest: standard.data },
    providers,
  };
  problems.push(...crossCheck(set));
  for (const { file, data } of input.providers) problems.push(...loopbackUrls(file, data));
  return { set, problems };
}

/**
 * URLs on this machine (`http://localhost`, `127.0.0.1`, `[::1]`): the URL rules let them through for development
 * against the reference server, but in a published catalog they point every citizen at their own device.
 */
function loopbackUrls(file: string, data: unknown, path = ''): CatalogProblem[] {
  if (typeof data === 'string') {
    return /^\s*https?:/i.test(data) && isLoopbackUrl(data.trim())
      ? [{ file, path, message: 'points at this machine: fine for development, never in a published catalog', severity: 'warning' }]
      : [];
  }
  if (Array.isArray(data)) return data.flatMap((item, i) => loopbackUrls(file, item, `${path}[${i}]`));
  if (data && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) => loopbackUrls(file, value, path ? `${path}.${key}` : key));
  }
  return [];
}

function duplicates<T>(items: readonly T[], key: (item: T) => string): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  items.forEach((item, index) => seen.set(key(item), [...(seen.get(key(item)) ?? []), index]));
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

function checkServiceText(file: string, path: string, service: Service, problems: CatalogProblem[]): void {
  if (service.summary && [...service.summary['zh-Hans']].length > SUMMARY_MAX) {
    problems.push({ file, path: `${path}.summary.zh-Hans`, message: `must be at most ${SUMMARY_MAX} characters`, severity: 'error' });
  }
  if ([...service.description['zh-Hans']].length > DESCRIPTION_MAX) {
    problems.push({ file, path: `${path}.description.zh-Hans`, message: `must be at most ${DESCRIPTION_MAX} characters`, severity: 'error' });
  }
  for (const locale of ['zh-Hant', 'en'] as const) {
    if (!service.name[locale]) problems.push({ file, path: `${path}.name`, message: `has no ${locale} name`, severity: 'warning' });
  }
  service.form?.fields.forEach((field, i) => {
    if (field.type === 'string' && field.pattern !== undefined) {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        problems.push({ file, path: `${path}.form.fields[${i}].pattern`, message: 'is not a valid regular expression', severity: 'error' });
      }
    }
  });
}

function crossCheck(set: ManifestSet): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const err = (file: string, path: string, message: string) => problems.push({ file, path, message, severity: 'error' });
  const { cities, standard, providers } = set;

  for (const [code, at] of duplicates(cities.manifest.cities, (c) => c.code)) err(cities.file, `cities[${at[1]}].code`, `duplicates city ${code}`);
  const cityCodes = new Set(cities.manifest.cities.map((c) => c.code));

  const categories = standard.manifest.categories;
  for (const [id, at] of duplicates(categories, (c) => c.id)) err(standard.file, `categories[${at[1]}].id`, `duplicates category "${id}"`);
  const categoryIds = new Set(categories.map((c) => c.id));
  categories.forEach((category, i) => {
    if (category.parent !== undefined && !categoryIds.has(category.parent)) err(standard.file, `categories[${i}].parent`, `unknown category "${category.parent}"`);
  });
  // Parent chains must end at a root.
  const parentOf = new Map(categories.map((c) => [c.id, c.parent]));
  categories.forEach((category, i) => {
    const seen = new Set<string>();
    for (let id: string | undefined = category.id; id !== undefined; id = parentOf.get(id)) {
      if (seen.has(id)) {
        err(standard.file, `categories[${i}].parent`, 'forms a cycle');
        break;
      }
      seen.add(id);
    }
  });

  const services = new Map<string, { service: Service; file: string; path: string }>();
  standard.manifest.services.forEach((service, i) => {
    const path = `services[${i}]`;
    if (services.has(service.code)) err(standard.file, `${path}.code`, `duplicates service "${service.code}"`);
    services.set(service.code, { service, file: standard.file, path });
  });
  for (const { file, manifest } of providers) {
    manifest.definitions?.forEach((service, i) => {
      const path = `definitions[${i}]`;
      if (services.has(service.code)) err(file, `${path}.code`, `duplicates service "${service.code}" (defined in ${services.get(service.code)!.file})`);
      else services.set(service.code, { service, file, path });
    });
  }
  for (const { service, file, path } of services.values()) {
    checkServiceText(file, path, service, problems);
    service.categories.forEach((id, j) => {
      if (!categoryIds.has(id)) err(file, `${path}.categories[${j}]`, `unknown category "${id}"`);
    });
    if (service.delivery && (service.delivery.type === 'form' || service.delivery.type === 'open311') && !service.form) {
      err(file, `${path}.delivery`, `is "${service.delivery.type}" but the service has no form`);
    }
  }

  const providerIds = duplicates(providers, (p) => p.manifest.provider.id);
  for (const [id, at] of providerIds) err(providers[at[1]!]!.file, 'provider.id', `duplicates provider "${id}" (also in ${providers[at[0]!]!.file})`);

  const offered = new Map<string, string>(); // "city/service" → where
  for (const { file, manifest } of providers) {
    manifest.services.forEach((offer, i) => {
      const known = services.get(offer.service);
      if (!known) {
        err(file, `services[${i}].service`, `unknown service "${offer.service}"`);
        return;
      }
      offer.bindings.forEach((binding, j) => {
        const path = `services[${i}].bindings[${j}]`;
        if (!cityCodes.has(binding.city)) err(file, `${path}.city`, `unknown city ${binding.city}`);
        const entry = binding.entry ?? known.service.delivery;
        if (!entry) err(file, `${path}.entry`, `is required: service "${offer.service}" has no default delivery`);
        else if ((entry.type === 'form' || entry.type === 'open311') && !known.service.form) {
          err(file, `${path}.entry`, `is "${entry.type}" but service "${offer.service}" has no form`);
        }
        const key = `${binding.city}/${offer.service}`;
        const previous = offered.get(key);
        if (previous) err(file, `${path}.city`, `city ${binding.city} already offers "${offer.service}" (${previous})`);
        else offered.set(key, `${file} ${path}`);
      });
    });
  }

  const checkSynonyms = (file: string, base: string, entries: readonly SynonymEntry[] | undefined) =>
    entries?.forEach((entry, i) => {
      entry.services?.forEach((code, j) => {
        if (!services.has(code)) err(file, `${base}[${i}].services[${j}]`, `unknown service "${code}"`);
      });
      entry.categories?.forEach((id, j) => {
        if (!categoryIds.has(id)) err(file, `${base}[${i}].categories[${j}]`, `unknown category "${id}"`);
      });
      if (!entry.services?.length && !entry.categories?.length && !entry.means?.length) {
        err(file, `${base}[${i}]`, 'must name services, categories or words it means');
      }
    });
  checkSynonyms(standard.file, 'synonyms', standard.manifest.synonyms);
  for (const { file, manifest } of providers) checkSynonyms(file, 'synonyms', manifest.synonyms);
  standard.manifest.topics?.forEach((topic, i) => {
    topic.services.forEach((code, j) => {
      if (!services.has(code)) err(standard.file, `topics[${i}].services[${j}]`, `unknown service "${code}"`);
    });
  });
  return problems;
}
