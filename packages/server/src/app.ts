import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import {
  SubmissionRequest,
  type CatalogService, type CityCatalog, type ErrorCode, type SubmissionResult,
} from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { ApiError, badRequest, errorBody, notFound } from './errors.js';
import {
  DEFAULT_MAX_BODY_BYTES, SAFE_REQUEST_ID, canonicalJson, idempotencyKeyOf, ifNoneMatchHits, isJsonContentType, parseJson,
  readBodyLimited, sha256, strongEtag,
} from './http.js';
import { identify, unauthorized } from './identity.js';
import { createOpen311Forwarder, isOpen311, type Open311Options } from './open311/forwarder.js';
import { registerOpen311Sandbox } from './open311/sandbox.js';
import { answerSubmission } from './sandbox/index.js';
import { createPaymentService, type PaymentOptions, type PaymentService } from './payments/service.js';
import { registerPaymentRoutes } from './payments/routes.js';
import { serveStaticFile } from './static.js';
import type { Store } from './store/index.js';
import { acceptValues, nextOrderReference, recordAnswer, storedResponse } from './submissions.js';

export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  requestId: string;
}

export interface AppOptions {
  catalog: CompiledCatalog;
  store: Store;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Largest accepted request body; default 64 KiB. */
  maxBodyBytes?: number;
  /** Extra static files served at `/` (the demo page); `index.html` for directories. */
  staticDir?: string;
  /** Called once per request. Never receives headers or bodies (tokens and personal data stay out of logs). */
  log?: (entry: AccessLogEntry) => void;
  /** Called with unexpected errors (they become 500 `internal`); defaults to `console.error`. */
  onError?: (error: unknown, requestId: string) => void;
  /** Payment settings (time limits, sandbox secret, provider timeouts). */
  payments?: PaymentOptions;
  /** A payment service to use (`startServer` passes one so it can run the sweep and the notification outbox). */
  paymentService?: PaymentService;
  /** Forwarding of reports to Open311 GeoReport v2 endpoints (time limits, answer size, host allowlist). */
  open311?: Open311Options;
  /**
   * Where this server listens (`http://127.0.0.1:8787`): catalog URLs on the reserved sandbox origin
   * (`https://sandbox.cityhub.invalid`) resolve against it. `startServer` sets it once it listens; without it,
   * services on the sandbox origin cannot be forwarded to.
   */
  sandboxBaseUrl?: () => string | undefined;
}

type Env = { Variables: { requestId: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- routes are registered through one helper
type Handler = (c: Context<Env, any>) => Response | Promise<Response>;

/** Catalogs change when the server restarts with a new build: clients revalidate after a minute. */
const API_CACHE = 'public, max-age=60, stale-while-revalidate=86400';
/** Content-hashed files never change. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const JSON_TYPE = 'application/json; charset=UTF-8';

interface Representation {
  text: string;
  etag: string;
  cacheControl: string;
}

interface CityEntry {
  catalog: CityCatalog;
  representation: Representation;
  services: Map<string, { service: CatalogService; representation: Representation }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const param = (c: Context<Env, any>, name: string): string => c.req.param(name) ?? '';

/** The Hono app: catalog API, submissions with the sandbox providers, the order ledger and static catalogs. */
export function createApp(options: AppOptions) {
  const { catalog, store } = options;
  const clock = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const reportError = options.onError ?? ((error: unknown, requestId: string) => {
    console.error(`[cityhub] request ${requestId} failed:`, error);
  });

  // Serialise everything cacheable once, at start-up.
  const index: Representation = {
    text: catalog.files.get('cities.json') ?? JSON.stringify(catalog.index),
    etag: strongEtag(catalog.index.hash),
    cacheControl: API_CACHE,
  };
  const cities = new Map<string, CityEntry>();
  for (const [code, cityCatalog] of catalog.catalogs) {
    const path = catalog.index.cities.find((c) => c.code === code)?.catalog.path;
    const services = new Map<string, { service: CatalogService; representation: Representation }>();
    for (const service of cityCatalog.services) {
      services.set(service.code, {
        service,
        representation: { text: JSON.stringify(service), etag: strongEtag(`${cityCatalog.hash}-${service.code}`), cacheControl: API_CACHE },
      });
    }
    cities.set(code, {
      catalog: cityCatalog,
      representation: {
        text: (path && catalog.files.get(path)) || JSON.stringify(cityCatalog),
        etag: strongEtag(cityCatalog.hash),
        cacheControl: API_CACHE,
      },
      services,
    });
  }
  const files = new Map<string, Representation>();
  const hashOfPath = new Map(catalog.index.cities.map((c) => [c.catalog.path, c.catalog.hash]));
  for (const [path, text] of catalog.files) {
    const known = path === 'cities.json' ? catalog.index.hash : hashOfPath.get(path);
    const hashed = path !== 'cities.json' && /\.[0-9a-f]{8,}\.json$/.test(path);
    files.set(path, {
      text,
      etag: strongEtag(known ?? sha256(text).slice(0, 16)),
      cacheControl: hashed ? IMMUTABLE_CACHE : API_CACHE,
    });
  }

  const app = new Hono<Env>();

  // --- cross-cutting: request id, logging, security headers, CORS --------------------------------------------
  app.use('*', async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    options.log?.({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), requestId });
  });
  app.use('*', cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'X-Request-Id'],
    exposeHeaders: ['ETag', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'Location'],
    maxAge: 600,
  }));

  const fail = (c: Context<Env>, status: number, code: ErrorCode, message: string, extra: { fields?: ApiError['fields']; headers?: Record<string, string> } = {}) => {
    const body = errorBody(status, code, message, c.get('requestId'), extra.fields);
    return c.body(JSON.stringify(body), status as 400, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...extra.headers });
  };

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return fail(c, error.status, error.code, error.message, { ...(error.fields ? { fields: error.fields } : {}), headers: error.headers });
    }
    reportError(error, c.get('requestId'));
    return fail(c, 500, 'internal', 'internal server error');
  });
  app.notFound((c) => fail(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));

  /** Registers handlers for a path, then a catch-all that answers other methods with 405 and `Allow`. */
  const route = (path: string, handlers: { GET?: Handler; POST?: Handler }) => {
    const allow = [...(handlers.GET ? ['GET', 'HEAD'] : []), ...(handlers.POST ? ['POST'] : []), 'OPTIONS'].join(', ');
    if (handlers.GET) app.get(path, handlers.GET);
    if (handlers.POST) app.post(path, handlers.POST);
    app.all(path, (c) => fail(c, 405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${allow}`, { headers: { Allow: allow } }));
  };

  /** Sends a cacheable representation, or 304 when the client's copy is current. */
  const cacheable = (c: Context<Env>, rep: Representation) => {
    const headers = { ETag: rep.etag, 'Cache-Control': rep.cacheControl };
    if (ifNoneMatchHits(c.req.header('if-none-match'), rep.etag)) return c.body(null, 304, headers);
    return c.body(rep.text, 200, { ...headers, 'Content-Type': JSON_TYPE });
  };
  const json = (c: Context<Env>, status: number, text: string, headers: Record<string, string> = {}) =>
    c.body(text, status as 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...headers });

  const cityOr404 = (code: string): CityEntry => {
    const entry = cities.get(code);
    if (!entry) throw notFound(`no city ${JSON.stringify(code)} in the catalog`);
    return entry;
  };
  const serviceOr404 = (entry: CityEntry, code: string) => {
    const found = entry.services.get(code);
    if (!found) throw notFound(`${entry.catalog.city.name.en ?? entry.catalog.city.name['zh-Hans']} does not offer ${JSON.stringify(code)}`);
    return found;
  };

  /** 415 / 413 / 400 before a handler sees the body. */
  const readJson = async (c: Context<Env>): Promise<unknown> => {
    if (!isJsonContentType(c.req.header('content-type'))) {
      throw new ApiError(415, 'unsupported_media_type', 'request body must be application/json');
    }
    return parseJson(await readBodyLimited(c.req.raw, maxBodyBytes));
  };

  // --- health --------------------------------------------------------------------------------------------------
  route('/v1/health', {
    GET: (c) => {
      let storeOk = false;
      try {
        storeOk = store.ping();
      } catch {
        storeOk = false;
      }
      const body = {
        status: storeOk ? 'ok' : 'degraded',
        time: clock().toISOString(),
        catalog: { schemaVersion: catalog.index.schemaVersion, hash: catalog.index.hash, cities: catalog.index.cities.length },
        store: { ok: storeOk },
      };
      if (!storeOk) return fail(c, 503, 'service_unavailable', 'the order store is not answering', { headers: { 'Retry-After': '5' } });
      return json(c, 200, JSON.stringify(body));
    },
  });

  // --- catalog -------------------------------------------------------------------------------------------------
  route('/v1/cities', { GET: (c) => cacheable(c, index) });
  route('/v1/cities/:city/catalog', { GET: (c) => cacheable(c, cityOr404(param(c, 'city')).representation) });
  route('/v1/cities/:city/services/:service', {
    GET: (c) => cacheable(c, serviceOr404(cityOr404(param(c, 'city')), param(c, 'service')).representation),
  });
  /** `catalog.path` in `cities.json` is relative to the index; this makes it resolve against `/v1/cities` too. */
  route('/v1/catalogs/:file', {
    GET: (c) => {
      const rep = files.get(`catalogs/${param(c, 'file')}`);
      if (!rep) throw notFound('no such catalog file');
      return cacheable(c, rep);
    },
  });
  route('/catalog/*', {
    GET: (c) => {
      const rep = files.get(c.req.path.slice('/catalog/'.length));
      if (!rep) throw notFound('no such catalog file');
      return cacheable(c, rep);
    },
  });

  // --- submissions ---------------------------------------------------------------------------------------------
  const open311 = createOpen311Forwarder({ store, clock, sandboxBaseUrl: options.sandboxBaseUrl ?? (() => undefined) }, options.open311);
  route('/v1/cities/:city/services/:service/submissions', {
    POST: async (c) => {
      const identity = identify(c.req.header('authorization'));
      const key = idempotencyKeyOf(c.req.method, c.req.path, c.req.header('idempotency-key'), 'once per submission');
      const body = await readJson(c);
      const parsed = SubmissionRequest.safeParse(body);
      if (!parsed.success) throw badRequest('request body must be {"values": {…}}');
      const entry = cityOr404(param(c, 'city'));
      const { service } = serviceOr404(entry, param(c, 'service'));
      const city = entry.catalog.city;
      const owner = identity?.owner ?? null;
      const path = c.req.path;
      const request = { owner, key, path, requestHash: sha256(canonicalJson({ method: 'POST', path, owner, body: parsed.data })) };

      const outcome = isOpen311(service)
        // Reports on an Open311 endpoint go there; the endpoint's answer is the provider's answer.
        ? await open311.submit({ city, service, identity, values: parsed.data.values, request })
        : store.atomically(() => {
          const prior = storedResponse(store, request);
          if (prior) return { ...prior, replayed: true };
          const now = clock();
          const values = acceptValues(service, identity, parsed.data.values, now);
          const orderReference = nextOrderReference(store, city.code, city, now);
          // A bill the hub's ledger already has as paid is reported paid (and the answer says so), whatever the provider's data says.
          const isPaid = (id: string) => store.payments.getBill(id)?.bill.status === 'paid';
          const answer = answerSubmission({ city, service, values, now, orderReference, isPaid });
          return { ...recordAnswer(store, { city, service, request, values, now, orderReference }, answer), replayed: false };
        });

      const headers: Record<string, string> = {};
      if (outcome.replayed) headers['Idempotent-Replayed'] = 'true';
      const orderId = (JSON.parse(outcome.body) as SubmissionResult).order?.id;
      if (orderId) headers.Location = `/v1/orders/${orderId}`;
      return json(c, outcome.status, outcome.body, headers);
    },
  });
  registerOpen311Sandbox({ route, store, clock, catalogs: [...cities.values()].map((c) => c.catalog), maxBodyBytes });

  // --- orders --------------------------------------------------------------------------------------------------
  route('/v1/orders', {
    GET: (c) => {
      const identity = identify(c.req.header('authorization'));
      if (!identity) throw unauthorized('sign in to see your orders');
      const limitParam = c.req.query('limit');
      let limit = 50;
      if (limitParam !== undefined) {
        if (!/^\d{1,3}$/.test(limitParam) || Number(limitParam) < 1 || Number(limitParam) > 100) throw badRequest('limit must be 1–100');
        limit = Number(limitParam);
      }
      return json(c, 200, JSON.stringify({ orders: store.listOrders(identity.owner, limit) }), { Vary: 'Authorization' });
    },
  });
  route('/v1/orders/:id', {
    GET: async (c) => {
      const identity = identify(c.req.header('authorization'));
      const id = param(c, 'id');
      const visible = () => {
        const stored = store.getOrder(id);
        // Orders of anonymous submissions are reachable by their unguessable id alone; others only by their owner.
        if (!stored || (stored.owner !== null && stored.owner !== identity?.owner)) throw notFound('no such order');
        return stored;
      };
      visible();
      // A report sent on to Open311: its status comes from the city's system (a failed check changes nothing).
      await open311.refresh(id).catch((error: unknown) => reportError(error, c.get('requestId')));
      return json(c, 200, JSON.stringify(visible().order), { Vary: 'Authorization' });
    },
  });

  // --- payments --------------------------------------------------------------------------------------------------
  const payments = options.paymentService ?? createPaymentService({
    store,
    clock,
    cityOf: (code) => cities.get(code)?.catalog.city,
    serviceName: (city, code) => cities.get(city)?.services.get(code)?.service.name,
    onError: (error) => reportError(error, 'payments'),
  }, options.payments);
  registerPaymentRoutes({ route, json, readJson, payments, maxBodyBytes });

  // --- demo page and other static files ----------------------------------------------------------------------
  if (options.staticDir) {
    const root = options.staticDir;
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/v1/') || c.req.path.startsWith('/catalog/')) return next();
      const response = await serveStaticFile(root, c.req.path, c.req.header('if-none-match'));
      if (!response) return next();
      return response;
    });
  }

  return app;
}
