import { createHash } from 'node:crypto';
import { ApiError, badRequest } from './errors.js';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every level, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** `application/json` or any `application/*+json`, with optional parameters (charset). */
export function isJsonContentType(header: string | undefined | null): boolean {
  if (!header) return false;
  const type = header.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'payload_too_large', `request body must be at most ${limit} bytes`, { headers: { Connection: 'close' } });
}

/**
 * Reads a request body, refusing it when `Content-Length` announces more than `limit` bytes and when the bytes
 * actually streamed exceed it (chunked bodies, lying headers).
 */
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared.trim())) throw badRequest('Content-Length is not a number');
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading; the adapter drains (or closes) the rest of the connection.
      reader.releaseLock();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Parses a JSON body; malformed JSON or non-UTF-8 bytes are a 400 `bad_request`. */
export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('request body is not valid UTF-8');
  }
  if (text.trim() === '') throw badRequest('request body is empty; expected JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('request body is not valid JSON');
  }
  if (depthOf(value) > MAX_JSON_DEPTH) throw badRequest(`request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  return value;
}

/** Form values are flat; this leaves room for envelopes while keeping recursive code far from stack limits. */
export const MAX_JSON_DEPTH = 32;

/** Nesting depth of parsed JSON, computed without recursion (so hostile input cannot overflow the stack). */
export function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** A strong entity tag for a content hash. */
export function strongEtag(hash: string): string {
  return `"${hash}"`;
}

/**
 * `If-None-Match` evaluation (RFC 9110 §13.1.2): weak comparison, `*` matches any current representation.
 */
export function ifNoneMatchHits(header: string | undefined | null, etag: string): boolean {
  if (!header) return false;
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return trimmed.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

/** Visible ASCII, 1–255 characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key` (reliability #2): 400 when it is malformed, and when it is missing from a request
 * that requires one (`created …` says what one key stands for).
 */
export function idempotencyKeyOf(method: string, path: string, header: string | undefined, created: string): string;
export function idempotencyKeyOf(method: string, path: string, header: string | undefined, created: string | undefined): string | undefined;
export function idempotencyKeyOf(method: string, path: string, header: string | undefined, created: string | undefined): string | undefined {
  if (header === undefined) {
    if (created !== undefined) throw badRequest(`${method} ${path} requires an Idempotency-Key header (created ${created}, reused on every retry)`);
    return undefined;
  }
  if (!IDEMPOTENCY_KEY.test(header)) throw badRequest('Idempotency-Key must be 1–255 visible ASCII characters');
  return header;
}

/** Request ids we accept from a client (anything else is replaced, so logs never carry arbitrary text). */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
