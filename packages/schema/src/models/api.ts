import * as z from 'zod/mini';
import { DivisionCode, LocalizedText, Money, ServiceKind, Slug, Timestamp } from './common.js';

/** Body of `POST /v1/cities/{city}/services/{code}/submissions`. */
export const SubmissionRequest = z.object({
  values: z.record(z.string(), z.unknown()),
});
export type SubmissionRequest = z.infer<typeof SubmissionRequest>;

/** Who is paid: the payee's name and the provider that collects for it. */
export const Payee = z.object({ name: LocalizedText, provider: Slug });
export type Payee = z.infer<typeof Payee>;

/** Something owed: a utility bill, a traffic fine, a top-up. Amounts are integer fen. */
export const Bill = z.object({
  id: /*#__PURE__*/ z.string().check(z.minLength(1)),
  /** What the payee calls it: decision number, account + period, card number. */
  reference: /*#__PURE__*/ z.string().check(z.minLength(1)),
  service: Slug,
  city: DivisionCode,
  payee: Payee,
  description: LocalizedText,
  amount: Money,
  /** The payer, masked (`138****5678`, `粤B1***5`). */
  payer: z.optional(z.string()),
  dueDate: z.optional(z.iso.date()),
  status: z.enum(['unpaid', 'paid', 'expired']),
});
export type Bill = z.infer<typeof Bill>;

export const ResultRow = z.object({
  label: LocalizedText,
  /**
   * A plain string for what reads the same in every language (numbers, amounts, dates, plates, masked IDs, names);
   * localized text for words (statuses, types, descriptions), shown in the reader's locale with the usual fallback.
   */
  value: z.union([z.string(), LocalizedText]),
  /** Personal data, already masked by the provider; UIs keep it masked. */
  sensitive: z.optional(z.boolean()),
});
export type ResultRow = z.infer<typeof ResultRow>;

/** A titled block of label/value rows (one violation, one month's contributions, …). */
export const ResultSection = z.object({
  title: LocalizedText,
  rows: z.array(ResultRow),
});
export type ResultSection = z.infer<typeof ResultSection>;

export const ORDER_STATUSES = ['received', 'processing', 'completed', 'rejected', 'canceled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const TimelineEvent = z.object({
  status: OrderStatus,
  at: Timestamp,
  note: z.optional(LocalizedText),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Booking = z.object({
  date: z.iso.date(),
  timeSlot: z.string(),
  location: z.optional(LocalizedText),
});
export type Booking = z.infer<typeof Booking>;

/**
 * Where the hub sent a submission on to (a report to the provider's Open311 GeoReport v2 endpoint) and what that
 * system answered. `confirmed`: it gave its `serviceRequestId` (or a `token` to look the id up by later).
 * `unknown`: no readable answer (a timeout or a lost connection after sending, an unreadable reply), so the report
 * may or may not have arrived; the hub does not send it again.
 */
export const Forwarding = z.object({
  system: z.literal('open311'),
  /** The endpoint's host, as the citizen was told before submitting. */
  host: z.string(),
  state: z.enum(['confirmed', 'unknown']),
  serviceRequestId: z.optional(z.string()),
  token: z.optional(z.string()),
});
export type Forwarding = z.infer<typeof Forwarding>;

/** A transaction, booking or report the hub accepted, with its status timeline. */
export const Order = z.object({
  id: /*#__PURE__*/ z.string().check(z.minLength(1)),
  /** Human-readable reference the citizen quotes on the phone (`SZ-20261123-0042`). */
  reference: z.string(),
  service: Slug,
  city: DivisionCode,
  kind: ServiceKind,
  title: LocalizedText,
  status: OrderStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  timeline: /*#__PURE__*/ z.array(TimelineEvent).check(z.minLength(1)),
  booking: z.optional(Booking),
  submission: z.string(),
  forwarded: z.optional(Forwarding),
});
export type Order = z.infer<typeof Order>;

/** What a provider answered to a submission. */
export const SubmissionResult = z.object({
  id: /*#__PURE__*/ z.string().check(z.minLength(1)),
  service: Slug,
  city: DivisionCode,
  kind: ServiceKind,
  status: z.enum(['completed', 'accepted', 'rejected']),
  submittedAt: Timestamp,
  summary: LocalizedText,
  sections: z.array(ResultSection),
  bills: z.array(Bill),
  order: z.optional(Order),
});
export type SubmissionResult = z.infer<typeof SubmissionResult>;

export const OrderList = z.object({ orders: z.array(Order) });
export type OrderList = z.infer<typeof OrderList>;

export const ERROR_CODES = [
  'bad_request', 'validation_failed', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'conflict',
  'idempotency_conflict', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'service_unavailable',
  'internal',
  // A provider system the hub forwards to: refused the request (422), failed or answered unreadably (502), timed out (504).
  'provider_rejected', 'bad_gateway', 'gateway_timeout',
] as const;

/** The one error body every API error uses. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    status: /*#__PURE__*/ z.int().check(z.gte(400), z.lte(599)),
    /** Field-level problems for `validation_failed`. */
    fields: z.optional(z.array(z.object({ field: z.string(), reason: z.string(), message: z.string() }))),
    requestId: z.optional(z.string()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
export type ErrorCode = (typeof ERROR_CODES)[number];
