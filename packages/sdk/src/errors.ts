/**
 * Typed errors of the CityHub SDK. Every error the SDK itself raises is a `CityHubError`; an aborted call
 * rejects with the caller's own abort reason (normally a `DOMException` named `AbortError`), untouched.
 */
import type { core } from 'zod/mini';
import type { ErrorBody, FieldError } from '@cityhub/schema';

/** Brand shared by every copy of the SDK (npm and CDN bundles), so the guard works across copies. */
const BRAND = Symbol.for('cityhub.sdk.error');

/** Header names whose values are never stored on errors or logged. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** What the SDK remembers about the request that failed. Secrets are already redacted. */
export interface RequestSummary {
  method: string;
  url: string;
  /** Lower-cased header names; `authorization` and cookies read `[redacted]`. */
  headers: Record<string, string>;
}

/** Copies headers for storage, replacing credential values with `[redacted]`. */
export function redactHeaders(headers: Iterable<[string, string]> | Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? '[redacted]' : value;
  }
  return out;
}

export interface CityHubErrorOptions {
  cause?: unknown;
  request?: RequestSummary;
}

/**
 * Base class of every SDK error. `code` is a stable machine-readable string: the server's error code for
 * HTTP errors (`not_found`, `validation_failed`, …), or `network`, `timeout`, `schema`, `not_submittable`, ….
 */
export class CityHubError extends Error {
  readonly code: string;
  /** The failed request (method, URL, redacted headers), when there was one. */
  readonly request?: RequestSummary;

  constructor(code: string, message: string, options: CityHubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CityHubError';
    this.code = code;
    if (options.request) this.request = options.request;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for errors raised by any copy of the CityHub SDK. */
  static is(error: unknown): error is CityHubError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** True for errors raised by any copy of the CityHub SDK (works across bundles, unlike `instanceof`). */
export const isCityHubError = (error: unknown): error is CityHubError => CityHubError.is(error);

/** The server answered with a non-success status. `body` is the parsed error body when it had the standard shape. */
export class HttpError extends CityHubError {
  readonly status: number;
  readonly body?: ErrorBody;
  /** Field-level problems the server reported (`validation_failed`), else empty. */
  readonly fields: NonNullable<ErrorBody['error']['fields']>;
  readonly requestId?: string;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said. */
  readonly retryAfter?: number;

  constructor(status: number, body: ErrorBody | undefined, options: CityHubErrorOptions & { retryAfter?: number } = {}) {
    super(body?.error.code ?? `http_${status}`, body?.error.message ?? `The server answered ${status}`, options);
    this.name = 'HttpError';
    this.status = status;
    if (body) this.body = body;
    this.fields = body?.error.fields ?? [];
    if (body?.error.requestId) this.requestId = body.error.requestId;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/** The request never got an HTTP answer (offline, DNS, connection reset, CORS). */
export class NetworkError extends CityHubError {
  constructor(message: string, options: CityHubErrorOptions = {}) {
    super('network', message, options);
    this.name = 'NetworkError';
  }
}

/**
 * No answer in time: one attempt exceeded the per-attempt `timeout` (and retries were exhausted or not
 * allowed), or all attempts together exceeded the total `deadline`.
 */
export class TimeoutError extends CityHubError {
  readonly phase: 'attempt' | 'deadline';
  /** The limit that was exceeded, in milliseconds. */
  readonly timeout: number;

  constructor(phase: 'attempt' | 'deadline', timeout: number, options: CityHubErrorOptions = {}) {
    super('timeout', phase === 'deadline' ? `No answer within the ${timeout} ms deadline` : `An attempt took longer than ${timeout} ms`, options);
    this.name = 'TimeoutError';
    this.phase = phase;
    this.timeout = timeout;
  }
}

/** The request worked but the data did not match the schema (or was not JSON). Carries zod's issues. */
export class SchemaError extends CityHubError {
  readonly issues: readonly core.$ZodIssue[];
  /** Which resource was being parsed (`cities`, `catalog:440300`, `order`, …). */
  readonly resource: string;

  constructor(resource: string, issues: readonly core.$ZodIssue[], options: CityHubErrorOptions = {}) {
    const first = issues[0];
    const where = first ? ` at /${first.path.map(String).join('/')}: ${first.message}` : '';
    super('schema', `Unexpected ${resource} data${where}`, options);
    this.name = 'SchemaError';
    this.resource = resource;
    this.issues = issues;
  }
}

/** Local form validation failed, so nothing was sent. `fields` says which values to fix and why. */
export class ValidationError extends CityHubError {
  readonly fields: readonly FieldError[];

  constructor(fields: readonly FieldError[]) {
    super('validation_failed', `Invalid values: ${fields.map((f) => f.field || '(form)').join(', ')}`);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}
