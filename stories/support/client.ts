/**
 * An in-memory `HubClient` for stories: the components' own test double (`FakeHubClient`, over the static sample
 * catalogs) plus a network latency, and named scenarios for each state a story shows. Search runs the SDK's real
 * engine (`createSearchIndex`: pinyin, initials, traditional characters, synonyms) over the same catalogs, as the
 * SDK client does in a browser. No server, no fetch.
 */
import type { CatalogService, CitiesIndex, CityCatalog, FormValues, OrderList, SubmissionResult } from '@cityhub/schema';
import { SubmissionResult as SubmissionResultSchema } from '@cityhub/schema';
import type { CachedResult, LoadOptions, SearchOptions, SearchResults, SubmitOptions } from '@cityhub/components';
import { createSearchIndex, type SearchIndex } from '@cityhub/sdk';
import { FakeHttpError, FakeHubClient } from '../../packages/components/test/helpers/fake-client.js';
import { CATALOGS, CITIES, SHENZHEN, violationResult } from './data.js';

export { FakeHttpError };

/**
 * - `ready`: answers from the sample data (after `latency` ms).
 * - `loading`: never answers, so the loading state stays on screen.
 * - `error`: the first `failures` calls fail with HTTP 503; Retry then works.
 * - `offline`: answers with cached data marked stale ("last updated …" notice), as the SDK does when offline.
 * - `refresh`: answers stale from the cache, then a background refresh brings fresh data after `refreshAfter` ms.
 * - `empty`: the server knows no cities and no services.
 */
export type Scenario = 'ready' | 'loading' | 'error' | 'offline' | 'refresh' | 'empty';

export interface StoryClientOptions {
  scenario?: Scenario;
  /** Delay of every answer in ms (default 0 for deterministic screenshots; the "slow network" stories raise it). */
  latency?: number;
  /** For `error`: how many calls fail before the next one works (default 1). */
  failures?: number;
  /** For `refresh`: when the background refresh arrives (ms after the first answer, default 2500). */
  refreshAfter?: number;
  /** What `submit()` answers (default: a plausible result for the service). */
  submit?: (city: string, code: string, values: FormValues) => SubmissionResult | Promise<SubmissionResult>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

const EMPTY_INDEX = (index: CitiesIndex): CitiesIndex => ({ ...index, cities: [] });

/** The story client. Inspect `calls` (inherited) in the browser console: `document.querySelector('city-service-grid').client.calls`. */
export class StoryHubClient extends FakeHubClient {
  latency: number;
  private readonly refreshAfter: number;
  private readonly scenario: Scenario;

  constructor(options: StoryClientOptions = {}) {
    const scenario = options.scenario ?? 'ready';
    const catalogs = scenario === 'empty' ? [] : [...CATALOGS.values()];
    super(catalogs, scenario === 'empty' ? EMPTY_INDEX(CITIES) : CITIES);
    this.scenario = scenario;
    this.latency = options.latency ?? 0;
    this.refreshAfter = options.refreshAfter ?? 2500;
    if (scenario === 'loading') this.gate = new Promise<void>(() => {});
    if (scenario === 'error') this.failNext = options.failures ?? 1;
    if (scenario === 'offline' || scenario === 'refresh') {
      this.stale = true;
      this.updatedAt = new Date(Date.now() - 3 * 60 * 60 * 1000);
    }
    this.submitHandler = options.submit ?? ((city, code, values) => sampleResult(city, code, values));
  }

  override async cities(options: LoadOptions<CitiesIndex> = {}): Promise<CachedResult<CitiesIndex>> {
    await sleep(this.latency, options.signal);
    return super.cities(options);
  }

  override async catalog(city: string, options: LoadOptions<CityCatalog> = {}): Promise<CachedResult<CityCatalog>> {
    await sleep(this.latency, options.signal);
    if (this.scenario === 'empty' && !this.gate && this.failNext === 0) {
      // A city the server knows but that has no services yet.
      const template = CATALOGS.get(city) ?? [...CATALOGS.values()][0]!;
      return { data: { ...template, services: [], categories: [] }, stale: false, updatedAt: this.updatedAt, source: 'network' };
    }
    const answer = await super.catalog(city, options);
    if (this.scenario === 'refresh' && options.onUpdate) {
      const onUpdate = options.onUpdate;
      const data = answer.data;
      void sleep(this.refreshAfter, options.signal).then(
        () => onUpdate({ data, stale: false, updatedAt: new Date(), source: 'network' }),
        () => {},
      );
    }
    return answer;
  }

  override async search(query: string, options: SearchOptions): Promise<SearchResults> {
    await sleep(this.latency, options.signal);
    // The fake's bookkeeping, gate and failures first; then the SDK's engine instead of the fake's substring search.
    await super.search(query, options);
    const catalog = this.catalogs.get(options.city);
    if (!catalog) return { query, services: [], categories: [], total: 0 };
    return searchIndexOf(catalog).search(query, options.limit === undefined ? {} : { limit: options.limit });
  }

  override async submit(city: string, code: string, values: FormValues, options?: SubmitOptions): Promise<SubmissionResult> {
    await sleep(this.latency, options?.signal);
    return super.submit(city, code, values, options);
  }

  /** The user's applications (what `<city-hub>` shows under "my applications"; the SDK's `orders()`). */
  async orders(options: { signal?: AbortSignal } = {}): Promise<OrderList> {
    await sleep(this.latency, options.signal);
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new FakeHttpError(503);
    }
    if (this.scenario === 'empty') return { orders: [] };
    const orders = [
      violationResult().order,
      sampleResult(SHENZHEN, 'vehicle-inspection-booking', { plate: '粤B12345', date: '2026-12-01' }).order,
      sampleResult(SHENZHEN, 'city-management-report', { description: '夜间施工噪音' }).order,
    ];
    return { orders: orders.filter((o): o is NonNullable<typeof o> => o !== undefined) };
  }
}

const indexes = new WeakMap<CityCatalog, SearchIndex>();

function searchIndexOf(catalog: CityCatalog): SearchIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = createSearchIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

export function storyClient(options: StoryClientOptions = {}): StoryHubClient {
  return new StoryHubClient(options);
}

/** Like a network failure (`fetch` rejecting): no HTTP status, so the UI says "could not submit" and offers Retry. */
export class OfflineError extends TypeError {
  constructor() {
    super('Failed to fetch');
  }
}

/** The server's `validation_failed` answer for one field, as the SDK surfaces it (`fields`). */
export function validationError(field: string, message: string): FakeHttpError {
  return new FakeHttpError(422, [{ field, reason: 'provider_rejected', message }]);
}

/** A plausible provider answer for any sample service (the traffic-violation query gets the full example). */
export function sampleResult(city: string, code: string, values: FormValues, service?: CatalogService): SubmissionResult {
  if (code === 'traffic-violation-query') return violationResult({ city });
  const catalog = CATALOGS.get(city);
  const known = service ?? catalog?.services.find((s) => s.code === code);
  const kind = known?.kind ?? 'query';
  const name = known?.name ?? { 'zh-Hans': code };
  const now = new Date('2026-11-23T09:30:00+08:00').toISOString();
  const fen = typeof values['amount'] === 'number' ? values['amount'] : 10000;
  const rows = Object.entries(values).slice(0, 4).map(([key, value]) => {
    const field = known?.form?.fields.find((f) => f.code === key);
    return { label: field?.label ?? { 'zh-Hans': key }, value: String(value), sensitive: field?.type === 'id-card' || field?.type === 'mobile' || field?.type === 'plate' };
  });
  return SubmissionResultSchema.parse({
    id: `sub-${code}`,
    service: code,
    city,
    kind,
    status: kind === 'query' ? 'completed' : 'accepted',
    submittedAt: now,
    summary: kind === 'query'
      ? { 'zh-Hans': `${name['zh-Hans']}：查询成功`, 'zh-Hant': `${name['zh-Hant'] ?? name['zh-Hans']}：查詢成功`, en: `${name.en ?? code}: found` }
      : { 'zh-Hans': `${name['zh-Hans']}：已受理`, 'zh-Hant': `${name['zh-Hant'] ?? name['zh-Hans']}：已受理`, en: `${name.en ?? code}: accepted` },
    sections: rows.length ? [{ title: { 'zh-Hans': '办理信息', 'zh-Hant': '辦理資訊', en: 'Details' }, rows }] : [],
    bills: kind === 'payment' ? [{
      id: `bill-${code}`, reference: `${city}-2026-11`, service: code, city,
      payee: { name: known?.provider.name ?? { 'zh-Hans': '服务商' }, provider: known?.provider.id ?? 'provider' },
      description: name, amount: { amount: fen, currency: 'CNY' }, status: 'unpaid', dueDate: '2026-12-15',
    }] : [],
    ...(kind === 'booking' || kind === 'transaction' || kind === 'report' ? {
      order: {
        id: `ord-${code}`, reference: `SZ-20261123-${String(code.length).padStart(4, '0')}`, service: code, city, kind,
        title: name, status: 'received', createdAt: now, updatedAt: now,
        timeline: [{ status: 'received', at: now, note: { 'zh-Hans': '已提交至服务商', 'zh-Hant': '已提交至服務商', en: 'Sent to the provider' } }],
        ...(kind === 'booking' ? { booking: { date: '2026-12-01', timeSlot: '09:00–12:00' } } : {}),
        submission: `sub-${code}`,
      },
    } : {}),
  });
}
