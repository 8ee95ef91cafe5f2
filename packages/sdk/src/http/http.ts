import type { KyInstance } from 'ky';
import type { core } from 'zod/mini';
import {
  CityHubError, HttpError, isCityHubError, NetworkError, redactHeaders, SchemaError, TimeoutError, type RequestSummary,
} from '../errors.js';
import { parseErrorBody } from '../parse.js';
import { createKy, type FetchFn } from './ky.js';
import { isRetryableMethod, parseRetryAfter, RETRY_AFTER_STATUSES, RETRY_STATUSES, retryPolicy, type RetryOptions } from './retry.js';

/** Who the user is, as the host app knows it. The token is sent only to the configured API origin. */
export interface Identity {
  token: string;
  /** How strongly the host verified the user (实名 / 刷脸). */
  level?: 'none' | 'real-name' | 'face';
}

/** Asked before each authenticated request; `null` when nobody is signed in. */
export type IdentityProvider = () => Promise<Identity | null>;

export interface HttpOptions {
  fetch?: FetchFn;
  /** Per-attempt timeout in ms. Default 10 000. */
  timeout?: number;
  retry?: RetryOptions;
  /** The only origin (`https://api.example.cn`) that may receive credentials. */
  apiOrigin?: string;
  identity?: IdentityProvider;
  /** Random source for backoff jitter. */
  random?: () => number;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: string | URL;
  headers?: Record<string, string>;
  /** JSON body (POST). */
  json?: unknown;
  /** Makes a POST retryable; sent as `Idempotency-Key` on every attempt. */
  idempotencyKey?: string;
  /** Attach the identity token. Only allowed for URLs on the API origin. */
  auth?: boolean;
  signal?: AbortSignal;
  /** Names the resource in schema errors. */
  resource?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` for an empty body (304, 204, HEAD). */
  body: unknown;
  url: string;
}

export interface Http {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** The underlying ky instance (per-attempt timeout and retry policy applied). */
  readonly ky: KyInstance;
}

interface Flight {
  promise: Promise<HttpResponse>;
  controller: AbortController;
  waiters: number;
}

const MAX_TIMER = 2_147_483_647;
const noop = () => undefined;

const notJson = (input: string): core.$ZodIssue[] =>
  [{ code: 'custom', message: 'Response body is not JSON', path: [], input: input.slice(0, 64) } as core.$ZodIssue];

/**
 * Creates the HTTP layer: ky with the retry policy, a total deadline across attempts, per-call `AbortSignal`,
 * coalescing of identical concurrent GET/HEAD requests (same URL, same identity, same validators), credentials
 * only for the API origin, and errors mapped to the SDK's error classes.
 */
export function createHttp(options: HttpOptions = {}): Http {
  const policy = retryPolicy(options.retry);
  const timeout = options.timeout ?? 10_000;
  const api = createKy({ fetch: options.fetch, timeout, policy, random: options.random });
  const flights = new Map<string, Flight>();

  async function mapError(error: unknown, summary: RequestSummary): Promise<unknown> {
    if (isCityHubError(error)) return error;
    const e = error as { name?: string; response?: Response; data?: unknown; message?: string } | null;
    if (e?.name === 'HTTPError' && e.response) {
      let data = e.data; // ky 2 pre-parses error bodies
      if (data === undefined) {
        try {
          const text = await e.response.text();
          data = text ? JSON.parse(text) : undefined;
        } catch {
          data = undefined;
        }
      }
      const retryAfter = parseRetryAfter(e.response.headers.get('retry-after'));
      return new HttpError(e.response.status, parseErrorBody(data), {
        request: summary,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      });
    }
    if (e?.name === 'TimeoutError') return new TimeoutError('attempt', timeout, { cause: error, request: summary });
    return new NetworkError(e?.message ?? 'Network request failed', { cause: error, request: summary });
  }

  async function execute(url: URL, init: RequestInit, summary: RequestSummary, retryPost: boolean, outer: AbortSignal, resource: string): Promise<HttpResponse> {
    const deadline = new AbortController();
    const deadlineAt = Date.now() + policy.deadline;
    const timer = setTimeout(() => deadline.abort(new TimeoutError('deadline', policy.deadline, { request: summary })), Math.min(policy.deadline, MAX_TIMER));
    const signal = AbortSignal.any([outer, deadline.signal]);
    let lastError: unknown;
    const shouldRetry = ({ error }: { error: unknown }): boolean | undefined => {
      if (signal.aborted) return false;
      lastError = error;
      const e = error as { name?: string; response?: Response };
      if (e?.name === 'HTTPError' && e.response) {
        const { status } = e.response;
        if (!RETRY_STATUSES.includes(status)) return false;
        if (RETRY_AFTER_STATUSES.includes(status)) {
          const after = parseRetryAfter(e.response.headers.get('retry-after'));
          // Honour Retry-After exactly, or give up when it is beyond the cap or the deadline: retrying earlier
          // than the server asked would only be refused again.
          if (after !== undefined && (after > policy.cap || Date.now() + after >= deadlineAt)) return false;
        }
        return undefined; // ky's defaults: Retry-After or jittered backoff
      }
      if (e?.name === 'AbortError') return false;
      return undefined; // network error or per-attempt timeout: retry
    };
    try {
      const response = await api(url, {
        ...init,
        signal,
        retry: { ...(retryPost ? { methods: ['post'] } : {}), shouldRetry },
      });
      const text = init.method === 'HEAD' || response.status === 304 ? '' : await response.text();
      let body: unknown;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw new SchemaError(resource, notJson(text), { request: summary });
        }
      }
      return { status: response.status, headers: response.headers, body, url: response.url || url.href };
    } catch (error) {
      if (outer.aborted) throw outer.reason;
      if (deadline.signal.aborted) {
        // The cause is the last answer or failure before time ran out (a 503, a network error), when there was one.
        const cause = lastError === undefined || lastError === deadline.signal.reason ? undefined : await mapError(lastError, summary);
        throw new TimeoutError('deadline', policy.deadline, { ...(cause === undefined ? {} : { cause }), request: summary });
      }
      throw await mapError(error, summary);
    } finally {
      clearTimeout(timer);
    }
  }

  function join(flight: Flight, key: string | undefined, signal: AbortSignal | undefined): Promise<HttpResponse> {
    flight.waiters++;
    return new Promise<HttpResponse>((resolve, reject) => {
      const onAbort = () => {
        reject(signal?.reason);
        if (--flight.waiters === 0) {
          if (key !== undefined && flights.get(key) === flight) flights.delete(key);
          flight.controller.abort(signal?.reason);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    });
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    req.signal?.throwIfAborted();
    const url = new URL(req.url);
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    // Credentials are attached here and nowhere else.
    delete headers.authorization;
    delete headers.cookie;
    const toApi = options.apiOrigin !== undefined && url.origin === options.apiOrigin;
    let token = '';
    if (req.auth) {
      if (!toApi) throw new CityHubError('credentials_refused', `Credentials are only sent to the API origin, not ${url.origin}`);
      const identity = await options.identity?.();
      if (identity?.token) {
        token = identity.token;
        headers.authorization = `Bearer ${token}`;
      }
    }
    if (req.json !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    req.signal?.throwIfAborted();

    const method = req.method;
    const summary: RequestSummary = { method, url: url.href, headers: redactHeaders(headers) };
    const init: RequestInit = {
      method,
      headers,
      // Cookies only to the API origin; a token-bearing request never follows a redirect elsewhere.
      credentials: toApi ? 'same-origin' : 'omit',
      redirect: token ? 'manual' : 'follow',
      ...(req.json === undefined ? {} : { body: JSON.stringify(req.json) }),
    };
    const coalesce = method === 'GET' || method === 'HEAD';
    const key = coalesce ? JSON.stringify([method, url.href, token, headers['if-none-match'] ?? '', headers.accept]) : undefined;
    let flight = key === undefined ? undefined : flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const retryPost = method === 'POST' && isRetryableMethod(method, Boolean(req.idempotencyKey));
      const promise = execute(url, init, summary, retryPost, controller.signal, req.resource ?? url.pathname);
      const created: Flight = { promise, controller, waiters: 0 };
      flight = created;
      promise.catch(noop);
      if (key !== undefined) {
        flights.set(key, created);
        promise.then(noop, noop).finally(() => {
          if (flights.get(key) === created) flights.delete(key);
        });
      }
    }
    return join(flight, key, req.signal);
  }

  return { request, ky: api };
}
