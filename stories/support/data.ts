/**
 * Sample data for the stories: the components' fixture catalogs (compiled from test/fixtures/manifests with the real
 * catalog compiler, see packages/components/test/fixtures/build.ts), imported as static JSON and parsed with the
 * schema so a stale fixture fails loudly. No server is involved.
 */
import { CitiesIndex, CityCatalog, type CatalogService, type City } from '@cityhub/schema';
import shenzhen from '../../packages/components/test/fixtures/catalogs/440300.json' with { type: 'json' };
import beijing from '../../packages/components/test/fixtures/catalogs/110000.json' with { type: 'json' };
import guangzhou from '../../packages/components/test/fixtures/catalogs/440100.json' with { type: 'json' };
import hangzhou from '../../packages/components/test/fixtures/catalogs/330100.json' with { type: 'json' };
import shanghai from '../../packages/components/test/fixtures/catalogs/310000.json' with { type: 'json' };
import changsha from '../../packages/components/test/fixtures/catalogs/430100.json' with { type: 'json' };
import cities from '../../packages/components/test/fixtures/cities.json' with { type: 'json' };

export { violationResult } from '../../packages/components/test/helpers/results.js';

/** Every sample catalog, by city code. Changsha (430100) has no services: the natural empty state. */
export const CATALOGS: ReadonlyMap<string, CityCatalog> = new Map(
  [shenzhen, beijing, guangzhou, hangzhou, shanghai, changsha].map((json) => {
    const catalog = CityCatalog.parse(json);
    return [catalog.city.code, catalog] as const;
  }),
);

/** The sample city index (13 cities; only some have catalogs here). */
export const CITIES: CitiesIndex = CitiesIndex.parse(cities);

export const SHENZHEN = '440300';
export const EMPTY_CITY = '430100';

/** City codes offered as a select control in stories, with labels. */
export const CITY_OPTIONS: Record<string, string> = Object.fromEntries(
  [...CATALOGS.values()].map((c) => [`${c.city.name['zh-Hans']} ${c.city.name.en ?? ''} (${c.city.code}, ${c.services.length})`.trim(), c.city.code]),
);

export function catalogOf(code: string): CityCatalog {
  const catalog = CATALOGS.get(code);
  if (!catalog) throw new Error(`no sample catalog for ${code}`);
  return catalog;
}

export function serviceOf(code: string, city = SHENZHEN): CatalogService {
  const service = catalogOf(city).services.find((s) => s.code === code);
  if (!service) throw new Error(`no service ${code} in the sample catalog of ${city}`);
  return service;
}

/** Codes of the sample services that have a form, for a select control. */
export const FORM_SERVICES: string[] = catalogOf(SHENZHEN).services.filter((s) => s.form).map((s) => s.code);

export function cityList(): readonly City[] {
  return CITIES.cities;
}
