/**
 * The parts of accepting a submission that every provider path shares (the sandbox answering in-process, and
 * reports sent on to an Open311 endpoint): the idempotency replay (payments use it too), the service's
 * open/identity checks and form validation, the human order reference, and turning a provider's answer into the
 * stored result and order.
 * Functions that read or write the store run inside `store.atomically`.
 */
import { randomBytes } from 'node:crypto';
import {
  validateForm,
  type CatalogService, type City, type FormValues, type Forwarding, type Order, type SubmissionResult,
} from '@cityhub/schema';
import { ApiError, idempotencyConflict } from './errors.js';
import { canonicalJson, sha256 } from './http.js';
import { satisfies, unauthorized, type Identity } from './identity.js';
import { cityPrefix } from './sandbox/context.js';
import type { SandboxAnswer } from './sandbox/index.js';
import { chinaDay, type Store } from './store/index.js';

export const newId = (prefix: string) => `${prefix}_${randomBytes(15).toString('base64url')}`;

/** One keyed POST (a submission, a payment), as its idempotency key scopes it. */
export interface SubmissionRequestInfo {
  owner: string | null;
  key: string;
  path: string;
  /** SHA-256 of method, path, owner and canonical body. */
  requestHash: string;
}

/** The stored response for a replayed key; 422 when the key was used for another request. */
export function storedResponse(store: Store, request: SubmissionRequestInfo): { status: number; body: string } | undefined {
  const prior = store.findIdempotencyKey(request.owner ?? '', request.key);
  if (!prior) return undefined;
  if (prior.requestHash !== request.requestHash) throw idempotencyConflict();
  return { status: prior.status, body: prior.responseBody };
}

/** 409 when the service cannot take submissions in this city, 401 when it needs an identity we lack, 400 for bad values. */
export function acceptValues(service: CatalogService, identity: Identity | undefined, values: Record<string, unknown>, now: Date): FormValues {
  assertOpen(service, identity, now);
  const validation = validateForm(service.form!, values, { now: () => now });
  if (!validation.ok) throw new ApiError(400, 'validation_failed', 'some values are not valid', { fields: validation.errors });
  return validation.values;
}

function assertOpen(service: CatalogService, identity: Identity | undefined, now: Date): void {
  if (service.status.state === 'maintenance') {
    const headers: Record<string, string> = {};
    if (service.status.until) {
      const seconds = Math.ceil((Date.parse(service.status.until) - now.getTime()) / 1000);
      if (seconds > 0) headers['Retry-After'] = String(seconds);
    }
    throw new ApiError(409, 'conflict', `${service.code} is under maintenance: ${service.status.message.en ?? service.status.message['zh-Hans']}`, { headers });
  }
  if (service.status.state === 'retired') {
    throw new ApiError(409, 'conflict', `${service.code} has been retired${service.status.replacedBy ? `; use ${service.status.replacedBy}` : ''}`);
  }
  if (service.availability.state !== 'available') {
    throw new ApiError(409, 'conflict', `${service.code} is not available through the hub in this city`);
  }
  if ((service.entry.type !== 'form' && service.entry.type !== 'open311') || !service.form) {
    throw new ApiError(409, 'conflict', `${service.code} is not submitted through the hub (its entry is ${service.entry.type})`);
  }
  if (!satisfies(identity, service.identity)) {
    // Nobody signed in: 401 (sign in). Signed in, but not verified far enough (face): 403 (verify further).
    if (!identity) throw unauthorized(`${service.code} needs a ${service.identity} verified identity`);
    throw new ApiError(403, 'forbidden', `${service.code} needs ${service.identity} verification; this identity is ${identity.verified} verified`);
  }
}

/**
 * The reference the next order of a city gets on the China day of `at` (`SZ-20261123-0042`; `CH-…` for a city code
 * the catalog does not have).
 */
export function nextOrderReference(store: Store, cityCode: string, city: City | undefined, at: Date): string {
  const day = chinaDay(at);
  return `${city ? cityPrefix(city) : 'CH'}-${day}-${String(store.countOrdersOnDay(cityCode, day) + 1).padStart(4, '0')}`;
}

export interface Submission {
  city: City;
  service: CatalogService;
  request: SubmissionRequestInfo;
  values: FormValues;
  now: Date;
  orderReference: string;
}

/**
 * Turns a provider's answer into the `SubmissionResult` (and its order), saves them with the idempotency key, and
 * returns the response to send (and to replay), with the order's id. 201 when an order was made (202 when `accepted`:
 * the order exists but the provider's part is not confirmed), else 200.
 */
export function recordAnswer(
  store: Store,
  submission: Submission,
  answer: SandboxAnswer,
  extra: { forwarded?: Forwarding; accepted?: boolean } = {},
): { status: number; body: string; orderId?: string } {
  const { city, service, request, now } = submission;
  const submittedAt = now.toISOString();
  const submissionId = newId('sub');
  let order: Order | undefined;
  if (answer.order) {
    const timeline = answer.order.timeline.map((event) => ({
      status: event.status,
      at: new Date(now.getTime() + (event.afterMinutes ?? 0) * 60_000).toISOString(),
      ...(event.note ? { note: event.note } : {}),
    }));
    order = {
      id: newId('ord'),
      reference: submission.orderReference,
      service: service.code,
      city: city.code,
      kind: service.kind,
      title: service.name,
      status: answer.order.status,
      createdAt: submittedAt,
      updatedAt: timeline.at(-1)!.at,
      timeline,
      ...(answer.order.booking ? { booking: answer.order.booking } : {}),
      submission: submissionId,
      ...(extra.forwarded ? { forwarded: extra.forwarded } : {}),
    };
  }
  const result: SubmissionResult = {
    id: submissionId,
    service: service.code,
    city: city.code,
    kind: service.kind,
    status: answer.status,
    submittedAt,
    summary: answer.summary,
    sections: answer.sections,
    bills: answer.bills,
    ...(order ? { order } : {}),
  };
  const response = { status: order ? (extra.accepted ? 202 : 201) : 200, body: JSON.stringify(result) };
  store.saveSubmission({
    owner: request.owner,
    valuesHash: sha256(canonicalJson(submission.values)),
    result,
    response,
    idempotency: { key: request.key, method: 'POST', path: request.path, requestHash: request.requestHash },
  });
  return order ? { ...response, orderId: order.id } : response;
}
