/**
 * The Open311 GeoReport v2 forwarder: a report-type service whose city binding has an `open311` entry is sent on
 * to `{endpoint}/requests.json`, and the citizen's order carries what the city's system answered.
 *
 * A GeoReport POST has no idempotency key, so the hub's own key is what keeps a report from arriving twice:
 * - Before the POST goes out, the key is recorded as `sending` (durably). Duplicates of the key that arrive
 *   meanwhile join the one send in progress; after a restart, a `sending` key means the outcome is unknown, and it
 *   is recorded so — never sent again.
 * - When nothing can have reached the endpoint (no connection), or it said it did not take the report (4xx, 429,
 *   503), the record is removed and the error returned: the same key may send it again (502/503/504 are retried by
 *   the SDK; 422 is final).
 * - When the endpoint may have processed it but gave no readable answer (a timeout or a lost connection after
 *   sending, an unreadable 2xx, a 5xx other than 503, a 3xx, a 408), the order is recorded with
 *   `forwarded.state: 'unknown'` and answered with 202.
 * The hub itself never re-sends a POST: the client, which holds the key, retries what is safe to retry.
 */
import {
  safeUrl,
  type CatalogService, type City, type Entry, type FormValues, type Forwarding, type Order, type TimelineEvent,
} from '@cityhub/schema';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { Identity } from '../identity.js';
import { exchange, retryAfterSeconds, type Exchange, type OutboundLimits, type OutboundRequest } from '../outbound.js';
import { resolveSandboxUrl } from '../sandbox/origin.js';
import { same, text } from '../sandbox/context.js';
import type { ForwardedRequest, Store } from '../store/index.js';
import {
  acceptValues, newId, nextOrderReference, recordAnswer, storedResponse, type SubmissionRequestInfo,
} from '../submissions.js';
import {
  CreatedServiceRequests, ServiceRequestStatuses, TokenLookups, errorDescription, serviceRequestBody,
} from './georeport.js';
import { forwardReceipt, type ForwardOutcome } from './receipt.js';

export type Open311Entry = Extract<Entry, { type: 'open311' }>;

export interface Open311Options {
  /** Time to connect to an endpoint. Default 3 s. */
  connectTimeoutMs?: number;
  /** Time for one whole `POST requests.json`. Default 8 s, so the hub answers before the SDK's 10 s attempt limit. */
  timeoutMs?: number;
  /** Time for one status check (`GET requests/{id}.json`); a check makes at most two attempts. Default 2 s. */
  statusTimeoutMs?: number;
  /** Largest answer read from an endpoint. Default 64 KiB. */
  maxResponseBytes?: number;
  /** When set, endpoints must be on these hosts or their subdomains (as `safeUrl`'s allowlist). */
  allowedHosts?: readonly string[];
  /**
   * Allow endpoints on this machine or a private network, and plain `http:` on loopback (tests; a hub inside a
   * government network). Default false: catalog data must not make the hub call internal services (SSRF). The
   * reserved sandbox origin, resolved to this server itself, is always allowed.
   */
  allowPrivateNetwork?: boolean;
  /** How long a status check is good for before reading an order asks the endpoint again. Default 30 s. */
  statusMaxAgeMs?: number;
}

export interface Open311Deps {
  store: Store;
  clock: () => Date;
  /** Where this server listens, for endpoints on the reserved sandbox origin; `undefined` until known. */
  sandboxBaseUrl: () => string | undefined;
}

export interface ForwardInput {
  city: City;
  service: CatalogService;
  identity: Identity | undefined;
  /** The submitted values, before validation. */
  values: Record<string, unknown>;
  request: SubmissionRequestInfo;
}

type Response = { status: number; body: string };
const FINAL: readonly Order['status'][] = ['completed', 'rejected', 'canceled'];
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

export const isOpen311 = (service: CatalogService): service is CatalogService & { entry: Open311Entry } => service.entry.type === 'open311';

function parseJsonText(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function createOpen311Forwarder(deps: Open311Deps, options: Open311Options = {}) {
  const { store, clock } = deps;
  const limits: OutboundLimits = {
    connectTimeoutMs: options.connectTimeoutMs ?? 3000,
    timeoutMs: options.timeoutMs ?? 8000,
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024,
  };
  const statusLimits: OutboundLimits = { ...limits, timeoutMs: options.statusTimeoutMs ?? 2000 };
  const statusMaxAgeMs = options.statusMaxAgeMs ?? 30_000;
  const inFlight = new Map<string, Promise<Response>>();
  const refreshing = new Map<string, Promise<void>>();

  const privateNetwork = options.allowPrivateNetwork === true;

  /** `{endpoint}/{path}` as this hub may call it, or `undefined` when the outbound rules refuse it. */
  function endpointUrl(endpoint: string, path: string): string | undefined {
    if (!safeUrl(endpoint, { allowedHosts: options.allowedHosts ?? [], allowLocalHttp: privateNetwork })) return undefined;
    const resolved = resolveSandboxUrl(endpoint, deps.sandboxBaseUrl());
    return resolved === undefined ? undefined : (safeUrl(`${resolved.replace(/\/+$/, '')}/${path}`) ?? undefined);
  }

  /** One exchange with an endpoint: public addresses only, unless it is this server's sandbox or private ones are allowed. */
  function call(url: string, init: OutboundRequest, lim: OutboundLimits): Promise<Exchange> {
    const sandbox = deps.sandboxBaseUrl();
    const own = sandbox !== undefined && new URL(url).origin === new URL(sandbox).origin;
    return exchange(url, init, { ...lim, publicOnly: !privateNetwork && !own });
  }

  // --- submitting ----------------------------------------------------------------------------------------------

  async function submit(input: ForwardInput): Promise<Response & { replayed: boolean }> {
    const { service, request } = input;
    const entry = service.entry as Open311Entry;
    const owner = request.owner ?? '';
    const flight = `${owner}\n${request.key}`;
    const step = store.atomically(() => {
      const prior = storedResponse(store, request);
      if (prior) return { kind: 'done' as const, response: prior };
      const pending = store.forwarding.find(owner, request.key);
      if (pending && pending.requestHash !== request.requestHash) throw idempotencyConflict();
      const running = inFlight.get(flight);
      if (pending && running) return { kind: 'join' as const, running };
      const now = clock();
      const values = acceptValues(service, input.identity, input.values, now);
      // A send that an earlier run of the server began and never finished: nobody knows whether it arrived.
      if (pending) return { kind: 'done' as const, response: settle(pending.id, input, values, { state: 'unknown', reason: 'interrupted' }) };
      const url = endpointUrl(entry.endpoint, 'requests.json');
      if (!url) throw new ApiError(409, 'conflict', `${service.code} cannot be sent to its Open311 endpoint from this hub (outbound URL rules)`);
      const id = newId('fwd');
      store.forwarding.begin(
        { id, owner, key: request.key, requestHash: request.requestHash, city: input.city.code, service: service.code, endpoint: entry.endpoint },
        now.toISOString(),
      );
      return { kind: 'send' as const, id, url, values };
    });
    if (step.kind === 'done') return { ...step.response, replayed: true };
    if (step.kind === 'join') return { ...(await step.running), replayed: true };

    const running = send(step.id, step.url, input, step.values);
    inFlight.set(flight, running);
    try {
      return { ...(await running), replayed: false };
    } finally {
      if (inFlight.get(flight) === running) inFlight.delete(flight);
    }
  }

  async function send(id: string, url: string, input: ForwardInput, values: FormValues): Promise<Response> {
    const entry = input.service.entry as Open311Entry;
    const body = serviceRequestBody(input.service.form!, values, {
      serviceCode: entry.serviceCode,
      ...(entry.jurisdictionId ? { jurisdictionId: entry.jurisdictionId } : {}),
    });
    const answer = await call(url, { method: 'POST', headers: { 'content-type': FORM, accept: 'application/json' }, body: body.toString() }, limits);
    let outcome: ForwardOutcome;
    try {
      outcome = interpret(answer, input.service);
    } catch (error) {
      store.atomically(() => store.forwarding.forget(id));
      throw error;
    }
    return store.atomically(() => settle(id, input, values, outcome));
  }

  /** Inside a transaction: records the order for a confirmed (or unknown) send and settles its key. */
  function settle(id: string, input: ForwardInput, values: FormValues, outcome: ForwardOutcome): Response {
    const entry = input.service.entry as Open311Entry;
    const now = clock();
    const orderReference = nextOrderReference(store, input.city.code, input.city, now);
    const host = new URL(entry.endpoint).host;
    const ids = outcome.state === 'confirmed'
      ? { ...(outcome.serviceRequestId ? { serviceRequestId: outcome.serviceRequestId } : {}), ...(outcome.token ? { token: outcome.token } : {}) }
      : {};
    const forwarded: Forwarding = { system: 'open311', host, state: outcome.state, ...ids };
    const answer = forwardReceipt({ service: input.service, values, orderReference, host, outcome, timeoutMs: limits.timeoutMs });
    const { orderId, ...response } = recordAnswer(
      store,
      { city: input.city, service: input.service, request: input.request, values, now, orderReference },
      answer,
      { forwarded, accepted: outcome.state === 'unknown' },
    );
    store.forwarding.settle(id, { state: outcome.state, orderId: orderId!, ...ids }, now.toISOString());
    return response;
  }

  /** What an exchange means for the report: confirmed, unknown, or an `ApiError` (nothing recorded at the endpoint). */
  function interpret(answer: Exchange, service: CatalogService): ForwardOutcome {
    const entry = service.entry as Open311Entry;
    const who = `${service.provider.name.en ?? service.provider.name['zh-Hans']} (${new URL(entry.endpoint).host})`;
    if (answer.kind === 'no-answer') return { state: 'unknown', reason: answer.reason };
    if (answer.kind === 'not-sent') {
      throw answer.reason === 'timeout'
        ? new ApiError(504, 'gateway_timeout', `${who} could not be reached in time; nothing was sent, so it is safe to try again`)
        : new ApiError(502, 'bad_gateway', `${who} could not be reached; nothing was sent, so it is safe to try again`);
    }
    const { status } = answer;
    const data = parseJsonText(answer.body);
    if (status >= 200 && status < 300) {
      const created = CreatedServiceRequests.safeParse(data);
      if (created.success) {
        const first = created.data[0]!;
        return {
          state: 'confirmed',
          ...(first.service_request_id ? { serviceRequestId: first.service_request_id } : {}),
          ...(first.token ? { token: first.token } : {}),
          ...(first.service_notice ? { notice: first.service_notice } : {}),
        };
      }
      const refused = errorDescription(data);
      if (refused) throw new ApiError(422, 'provider_rejected', `${who} did not accept the report: ${refused}`);
      return { state: 'unknown', reason: 'unreadable' };
    }
    const description = errorDescription(data);
    if (status === 429 || status === 503) {
      const retryAfter = retryAfterSeconds(answer.headers);
      throw new ApiError(503, 'service_unavailable', `${who} is busy (HTTP ${status})${description ? `: ${description}` : ''}; nothing was recorded, try again later`, {
        headers: retryAfter ? { 'Retry-After': retryAfter } : {},
      });
    }
    if (status >= 400 && status < 500 && status !== 408) {
      throw new ApiError(422, 'provider_rejected', `${who} did not accept the report: ${description ?? `HTTP ${status}`}`);
    }
    // Any other answer to a POST that was sent (500, 502, 504, 408, a 3xx "see other") does not say the report was
    // not stored — a gateway timeout or a failure after the write often means it was. Reliability #3: not a failure
    // to retry, an unknown outcome (recorded, answered 202, never sent again).
    return { state: 'unknown', reason: 'failed' };
  }

  // --- status ----------------------------------------------------------------------------------------------------

  /** A GET that is safe to repeat: at most two attempts, the second after a short pause. */
  async function getJson(url: string): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const answer = await call(url, { method: 'GET', headers: { accept: 'application/json' } }, statusLimits);
      const retriable = answer.kind !== 'answered' || answer.status === 429 || answer.status >= 500;
      if (!retriable) return answer.status >= 200 && answer.status < 300 ? parseJsonText(answer.body) : undefined;
      if (attempt >= 2) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }

  async function check(request: ForwardedRequest, order: Order): Promise<void> {
    let found = request.serviceRequestId ?? undefined;
    if (!found && request.token) {
      const url = endpointUrl(request.endpoint, `tokens/${encodeURIComponent(request.token)}.json`);
      const lookup = TokenLookups.safeParse(url ? await getJson(url) : undefined);
      found = lookup.success ? (lookup.data.find((t) => t.service_request_id)?.service_request_id ?? undefined) : undefined;
    }
    const url = found ? endpointUrl(request.endpoint, `requests/${encodeURIComponent(found)}.json`) : undefined;
    const statuses = ServiceRequestStatuses.safeParse(url ? await getJson(url) : undefined);
    const current = statuses.success ? (statuses.data.find((s) => s.service_request_id === found) ?? undefined) : undefined;
    store.atomically(() => {
      const now = clock();
      store.forwarding.checked(request.id, now.toISOString(), request.serviceRequestId ? undefined : found);
      const latest = store.getOrder(order.id)?.order;
      if (!latest || FINAL.includes(latest.status)) return;
      const events: TimelineEvent[] = [];
      if (found && !request.serviceRequestId) {
        events.push({ status: latest.status, at: now.toISOString(), note: text(`Open311 编号 ${found}`, `Open311 編號 ${found}`, `Open311 number ${found}`) });
      }
      // `open` with notes: someone works on it; `closed`: done. A bare `open` says nothing new.
      const status: Order['status'] | undefined = current?.status === 'closed' ? 'completed' : current?.status_notes ? 'processing' : undefined;
      if (current && status) {
        const note = current.status_notes ? same(current.status_notes) : text('已办结', '已辦結', 'Closed');
        const last = [...latest.timeline, ...events].at(-1)!;
        if (status !== last.status || note['zh-Hans'] !== last.note?.['zh-Hans']) {
          const at = current.updated_datetime && Date.parse(current.updated_datetime) <= now.getTime()
            ? new Date(current.updated_datetime).toISOString()
            : now.toISOString();
          events.push({ status, at: at < last.at ? last.at : at, note });
        }
      }
      for (const event of events) store.addOrderEvent(order.id, event);
    });
  }

  /**
   * Brings a forwarded order up to date with the endpoint (`GET requests/{id}.json`, or `tokens/{token}.json` first
   * when only a token is known): at most once per `statusMaxAgeMs`, one check at a time per order. A check that
   * fails changes nothing.
   */
  function refresh(orderId: string): Promise<void> {
    const running = refreshing.get(orderId);
    if (running) return running;
    const request = store.forwarding.ofOrder(orderId);
    const order = store.getOrder(orderId)?.order;
    if (!request || request.state !== 'confirmed' || !order || FINAL.includes(order.status)) return Promise.resolve();
    if (!request.serviceRequestId && !request.token) return Promise.resolve();
    if (request.checkedAt && clock().getTime() - Date.parse(request.checkedAt) < statusMaxAgeMs) return Promise.resolve();
    const promise = check(request, order).finally(() => refreshing.delete(orderId));
    refreshing.set(orderId, promise);
    return promise;
  }

  return { submit, refresh };
}

export type Open311Forwarder = ReturnType<typeof createOpen311Forwarder>;
