/** Test doubles and fixtures shared by the SDK tests. */
import type { CatalogService, CitiesIndex, CitiesIndexEntry, CityCatalog, Order, SubmissionResult } from '@cityhub/schema';

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  redirect: string;
  credentials: string;
  at: number;
}

export type Handler = (call: RecordedCall, n: number, signal: AbortSignal) => Response | Promise<Response>;

/**
 * A fake `fetch` that records every call (method, URL, headers, body) and answers with `handler`. It honours the
 * request's abort signal like a real fetch: rejects with `signal.reason`.
 */
export function fakeFetch(handler: Handler) {
  const calls: RecordedCall[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const signal = request.signal;
    signal.throwIfAborted();
    const call: RecordedCall = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
      redirect: request.redirect,
      credentials: request.credentials,
      at: Date.now(),
    };
    calls.push(call);
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      Promise.resolve()
        .then(() => handler(call, calls.length, signal))
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
  return { fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const errorBody = (status: number, code = 'internal', extra: Record<string, unknown> = {}) =>
  json({ error: { code, message: `status ${status}`, status, ...extra } }, status);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A promise resolved from outside (pass `resolve` as a callback). It rejects after `ms` so a callback that is
 * never called fails the test quickly instead of stalling it.
 */
export function deferred<T>(ms = 2000) {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res, reject) => {
    const timer = setTimeout(() => reject(new Error(`callback not called within ${ms} ms`)), ms);
    resolve = (value) => {
      clearTimeout(timer);
      res(value);
    };
  });
  return { promise, resolve };
}

const text = (zh: string, en?: string) => (en ? { 'zh-Hans': zh, en } : { 'zh-Hans': zh });

export function city(code = '440300', name = '深圳', pinyin = 'shenzhen'): CitiesIndexEntry {
  return {
    code,
    name: text(name),
    province: { code: '440000', name: text('广东') },
    level: 'sub-provincial',
    pinyin,
    catalog: { path: `catalogs/${code}.aaaa.json`, hash: 'aaaa', services: 2 },
  };
}

export function citiesIndex(cities: CitiesIndexEntry[] = [city(), city('440100', '广州', 'guangzhou')], hash = 'idx1'): CitiesIndex {
  return { schemaVersion: '1.0', hash, generatedAt: '2026-11-23T08:00:00Z', cities };
}

export function service(code = 'traffic-fine-payment', extra: Partial<CatalogService> = {}): CatalogService {
  return {
    code,
    name: text('交通罚款缴纳', 'Pay a traffic fine'),
    standardName: text('交通罚款缴纳'),
    description: text('缴纳交通违法罚款'),
    kind: 'payment',
    categories: ['traffic'],
    identity: 'real-name',
    entry: { type: 'form' },
    availability: { state: 'available' },
    status: { state: 'active' },
    provider: {
      id: 'sz-traffic-police',
      name: text('深圳交警'),
      classification: 'government',
      authority: { name: text('深圳市公安局交通警察局') },
    },
    popularity: 90,
    search: [{ text: '交通罚款缴纳', field: 'name', pinyin: ['jiao', 'tong', 'fa', 'kuan', 'jiao', 'na'] }],
    form: {
      fields: [
        { code: 'plate', type: 'plate', label: text('车牌号'), required: true, order: 0 },
        { code: 'mobile', type: 'mobile', label: text('手机号'), required: true, order: 1 },
      ],
    },
    ...extra,
  } as CatalogService;
}

export function catalog(cityCode = '440300', hash = 'aaaa', services: CatalogService[] = [service(), service('water-bill', { kind: 'payment' })]): CityCatalog {
  const { catalog: _c, ...c } = city(cityCode);
  return {
    schemaVersion: '1.0',
    hash,
    generatedAt: '2026-11-23T08:00:00Z',
    city: c,
    categories: [
      { id: 'traffic', name: text('交通'), order: 0, icon: 'car', path: ['traffic'], services: services.map((s) => s.code), search: [] },
    ],
    topics: [],
    services,
    synonyms: [{ terms: ['罚单'], services: ['traffic-fine-payment'] }],
    searchData: { hant: {}, pinyin: {} },
  };
}

export function order(id = 'ord_1'): Order {
  return {
    id,
    reference: 'SZ-20261123-0001',
    service: 'traffic-fine-payment',
    city: '440300',
    kind: 'payment',
    title: text('交通罚款缴纳'),
    status: 'received',
    createdAt: '2026-11-23T08:00:00Z',
    updatedAt: '2026-11-23T08:00:00Z',
    timeline: [{ status: 'received', at: '2026-11-23T08:00:00Z' }],
    submission: 'sub_1',
  };
}

export function submissionResult(): SubmissionResult {
  return {
    id: 'sub_1',
    service: 'traffic-fine-payment',
    city: '440300',
    kind: 'payment',
    status: 'completed',
    submittedAt: '2026-11-23T08:00:00Z',
    summary: text('查询到 1 条违法记录'),
    sections: [],
    bills: [],
  };
}

/** Valid form values for `service()`'s form. */
export const validValues = { plate: '粤B12345', mobile: '13812345678' };
