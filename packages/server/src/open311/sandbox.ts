/**
 * The sandbox Open311 GeoReport v2 endpoint, served by the reference server itself under `/v1/sandbox/open311/v2`
 * (catalog data names it `https://sandbox.cityhub.invalid/v1/sandbox/open311/v2`; see `sandbox/origin.ts`). It plays
 * a city's issue-reporting system for every catalog binding that points there: `services.json`,
 * `services/{code}.json` (attributes from the service's form), `POST requests.json` and `requests/{id}.json`. Errors
 * use GeoReport's `[{code, description}]`. A request stays `open`; ten minutes after it came in it carries the note
 * that it was dispatched, and it is `closed` once the service's processing time has passed (3 days when it has none).
 */
import type { Context } from 'hono';
import type { CatalogService, City, ProcessingTime } from '@cityhub/schema';
import { readBodyLimited } from '../http.js';
import { chinaDay, type Store } from '../store/index.js';
import { isSandboxUrl } from '../sandbox/origin.js';
import { serviceAttributes } from './georeport.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's context type, kept opaque here
type Ctx = Context<any, any>;
type Handler = (c: Ctx) => Response | Promise<Response>;

export const SANDBOX_OPEN311_PATH = '/v1/sandbox/open311/v2';

export interface Open311SandboxKit {
  route: (path: string, handlers: { GET?: Handler; POST?: Handler }) => void;
  store: Store;
  clock: () => Date;
  /** Every city catalog's services (the sandbox serves the bindings whose Open311 endpoint is on the sandbox origin). */
  catalogs: Iterable<{ city: City; services: readonly CatalogService[] }>;
  maxBodyBytes: number;
}

interface SandboxService {
  service: CatalogService;
  serviceCode: string;
  jurisdictionId: string;
}

const DISPATCHED_AFTER_MS = 10 * 60_000;
const UNIT_MS: Record<ProcessingTime['unit'], number> = {
  instant: 0, minutes: 60_000, hours: 3_600_000, days: 86_400_000, 'working-days': 86_400_000,
};

function processingMs(time: ProcessingTime | undefined): number {
  if (!time) return 3 * UNIT_MS.days;
  return time.unit === 'instant' ? 0 : (time.value ?? 1) * UNIT_MS[time.unit];
}

const JSON_TYPE = 'application/json; charset=UTF-8';
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export function registerOpen311Sandbox(kit: Open311SandboxKit): void {
  const { route, store, clock } = kit;
  const services = new Map<string, SandboxService>();
  for (const { services: list } of kit.catalogs) {
    for (const service of list) {
      const entry = service.entry;
      if (entry.type !== 'open311' || !isSandboxUrl(entry.endpoint) || !service.form) continue;
      const jurisdictionId = entry.jurisdictionId ?? '';
      services.set(`${jurisdictionId}\n${entry.serviceCode}`, { service, serviceCode: entry.serviceCode, jurisdictionId });
    }
  }
  const jurisdictions = new Set([...services.values()].map((s) => s.jurisdictionId));

  const answer = (c: Ctx, status: number, body: unknown) =>
    c.body(JSON.stringify(body), status as 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' });
  const problem = (c: Ctx, status: number, description: string) => answer(c, status, [{ code: status, description }]);
  /** `jurisdiction_id` is needed when the endpoint serves more than one; an unknown one is 404. */
  const jurisdictionOf = (value: string | null | undefined): string | { status: number; description: string } => {
    if (value) return jurisdictions.has(value) ? value : { status: 404, description: `jurisdiction_id ${value} is not served here` };
    if (jurisdictions.size <= 1) return [...jurisdictions][0] ?? '';
    return { status: 400, description: 'jurisdiction_id is required: this endpoint serves more than one jurisdiction' };
  };
  const jsonFile = (c: Ctx) => /^(.{1,64})\.json$/.exec(c.req.param('file') ?? '')?.[1];

  route(`${SANDBOX_OPEN311_PATH}/services.json`, {
    GET: (c) => {
      const jurisdiction = jurisdictionOf(c.req.query('jurisdiction_id'));
      if (typeof jurisdiction !== 'string') return problem(c, jurisdiction.status, jurisdiction.description);
      return answer(c, 200, [...services.values()].filter((s) => s.jurisdictionId === jurisdiction).map(({ service, serviceCode }) => ({
        service_code: serviceCode,
        service_name: service.name['zh-Hans'],
        description: service.description['zh-Hans'],
        metadata: true,
        type: 'realtime',
        keywords: (service.keywords ?? []).join(','),
        group: service.categories[0] ?? '',
      })));
    },
  });

  route(`${SANDBOX_OPEN311_PATH}/services/:file`, {
    GET: (c) => {
      const jurisdiction = jurisdictionOf(c.req.query('jurisdiction_id'));
      if (typeof jurisdiction !== 'string') return problem(c, jurisdiction.status, jurisdiction.description);
      const found = services.get(`${jurisdiction}\n${jsonFile(c) ?? ''}`);
      if (!found) return problem(c, 404, 'service_code not found');
      return answer(c, 200, { service_code: found.serviceCode, attributes: serviceAttributes(found.service.form!) });
    },
  });

  route(`${SANDBOX_OPEN311_PATH}/requests.json`, {
    POST: async (c) => {
      if (!FORM_TYPE.test(c.req.header('content-type') ?? '')) return problem(c, 400, 'the body must be application/x-www-form-urlencoded');
      let params: URLSearchParams;
      try {
        params = new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(await readBodyLimited(c.req.raw, kit.maxBodyBytes)));
      } catch {
        return problem(c, 400, 'the body is not readable form data');
      }
      const jurisdiction = jurisdictionOf(params.get('jurisdiction_id'));
      if (typeof jurisdiction !== 'string') return problem(c, jurisdiction.status, jurisdiction.description);
      const code = params.get('service_code');
      if (!code) return problem(c, 400, 'service_code is required');
      const found = services.get(`${jurisdiction}\n${code}`);
      if (!found) return problem(c, 404, `service_code ${code} not found`);
      const hasPoint = params.get('lat') && params.get('long');
      if (!hasPoint && !params.get('address_string') && !params.get('address_id')) {
        return problem(c, 400, 'a location is required: lat and long, address_string or address_id');
      }
      for (const attribute of serviceAttributes(found.service.form!)) {
        const given = [...params.getAll(`attribute[${attribute.code}]`), ...params.getAll(`attribute[${attribute.code}][]`)].filter(Boolean);
        if (attribute.required && given.length === 0) return problem(c, 400, `attribute[${attribute.code}] is required`);
        const keys = attribute.values?.map((v) => v.key);
        const wrong = keys ? given.find((value) => !keys.includes(value)) : undefined;
        if (wrong !== undefined) return problem(c, 400, `attribute[${attribute.code}] has no value ${wrong}`);
      }
      const now = clock();
      const id = store.atomically(() => store.forwarding.insertSandboxRequest(
        { jurisdictionId: jurisdiction, serviceCode: code, requestedAt: now.toISOString() },
        chinaDay(now),
      ));
      return answer(c, 201, [{ service_request_id: id, service_notice: `${found.service.provider.name['zh-Hans']}已受理`, account_id: null }]);
    },
  });

  route(`${SANDBOX_OPEN311_PATH}/requests/:file`, {
    GET: (c) => {
      const request = store.forwarding.getSandboxRequest(jsonFile(c) ?? '');
      const found = request && services.get(`${request.jurisdictionId}\n${request.serviceCode}`);
      if (!request || !found) return problem(c, 404, 'service_request_id not found');
      const requested = Date.parse(request.requestedAt);
      const elapsed = clock().getTime() - requested;
      const closesAfter = processingMs(found.service.processingTime);
      const provider = found.service.provider.name['zh-Hans'];
      const [status, notes, updatedAfter] = elapsed >= closesAfter
        ? ['closed', `${provider}已办结`, closesAfter] as const
        : elapsed >= DISPATCHED_AFTER_MS
          ? ['open', `已派单至${provider}现场处置`, DISPATCHED_AFTER_MS] as const
          : ['open', null, 0] as const;
      return answer(c, 200, [{
        service_request_id: request.id,
        status,
        status_notes: notes,
        service_name: found.service.name['zh-Hans'],
        service_code: found.serviceCode,
        agency_responsible: provider,
        requested_datetime: request.requestedAt,
        updated_datetime: new Date(requested + updatedAfter).toISOString(),
        expected_datetime: new Date(requested + closesAfter).toISOString(),
      }]);
    },
  });
}
