/**
 * Parsing at the boundary. Every response goes through one of these parsers. Lists are parsed item by item:
 * valid items are kept in order, each invalid one is dropped and reported; a wrong top-level shape throws a
 * `SchemaError`.
 */
import * as z from 'zod/mini';
import {
  CatalogCategory, CatalogService, CitiesIndex, CitiesIndexEntry, CityCatalog, ErrorBody, Order, OrderList,
  SubmissionResult, SynonymEntry, Topic,
} from '@cityhub/schema';
import { SchemaError } from './errors.js';

/** One list item that was dropped because it did not match the schema. */
export interface InvalidItemReport {
  /** The resource being parsed: `cities`, `catalog:440300`, `orders`. */
  resource: string;
  /** The item's position in the list as received. */
  index: number;
  /** JSON Pointer of the first problem, from the document root (`/services/3/name/zh-Hans`). */
  path: string;
  /** zod's issue code (`invalid_type`, `too_small`, `invalid_format`, …). */
  code: string;
}

export type InvalidItemHandler = (report: InvalidItemReport) => void;

const pointer = (segments: readonly PropertyKey[]) =>
  segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * The one item-by-item list parser: returns the items that match `schema`, in order, and calls `onDrop` with
 * the index and first zod issue of each one that does not. Never throws on bad items.
 */
export function parseItems<T>(
  items: readonly unknown[],
  schema: z.ZodMiniType<T>,
  onDrop: (index: number, issue: z.core.$ZodIssue | undefined) => void,
): T[] {
  const kept: T[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) kept.push(result.data);
    else onDrop(index, result.error.issues[0]);
  });
  return kept;
}

// zod/mini object schemas with a `shape`; kept loose because the list schemas are swapped for unknown[].
type ObjectSchema = z.ZodMiniObject<z.core.$ZodLooseShape>;

/**
 * Builds a parser for a document whose named lists are parsed item by item. The document's other fields are
 * parsed strictly (wrong shape → `SchemaError`); each list must be an array, its items are checked one by one.
 */
export function documentParser<T>(
  model: z.ZodMiniType<T>,
  lists: Record<string, z.ZodMiniType<unknown>>,
): (input: unknown, resource: string, onInvalid?: InvalidItemHandler) => T {
  const shell = z.extend(model as unknown as ObjectSchema, Object.fromEntries(Object.keys(lists).map((k) => [k, z.array(z.unknown())])));
  return (input, resource, onInvalid) => {
    const parsed = shell.safeParse(input);
    if (!parsed.success) throw new SchemaError(resource, parsed.error.issues);
    const out: Record<string, unknown> = { ...parsed.data };
    for (const [key, itemSchema] of Object.entries(lists)) {
      out[key] = parseItems(parsed.data[key] as unknown[], itemSchema, (index, issue) => {
        onInvalid?.({ resource, index, path: pointer([key, index, ...(issue?.path ?? [])]), code: issue?.code ?? 'invalid' });
      });
    }
    return out as T;
  };
}

/** Parses a whole value strictly: `SchemaError` unless it matches. */
export function strictParser<T>(model: z.ZodMiniType<T>): (input: unknown, resource: string) => T {
  return (input, resource) => {
    const parsed = model.safeParse(input);
    if (!parsed.success) throw new SchemaError(resource, parsed.error.issues);
    return parsed.data;
  };
}

/** `cities.json` / `GET /v1/cities`; `cities` item by item. */
export const parseCitiesIndex = documentParser<CitiesIndex>(CitiesIndex, { cities: CitiesIndexEntry });
/** A city catalog; `categories`, `topics`, `services` and `synonyms` item by item. */
export const parseCityCatalog = documentParser<CityCatalog>(CityCatalog, {
  categories: CatalogCategory,
  topics: Topic,
  services: CatalogService,
  synonyms: SynonymEntry,
});
/** `GET /v1/orders`; `orders` item by item. */
export const parseOrderList = documentParser<OrderList>(OrderList, { orders: Order });
export const parseOrder = strictParser<Order>(Order);
export const parseCatalogService = strictParser<CatalogService>(CatalogService);
export const parseSubmissionResult = strictParser<SubmissionResult>(SubmissionResult);

/** The standard error body, or `undefined` when the server sent something else. */
export function parseErrorBody(input: unknown): ErrorBody | undefined {
  const parsed = ErrorBody.safeParse(input);
  return parsed.success ? parsed.data : undefined;
}
