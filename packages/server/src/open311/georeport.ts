/**
 * The Open311 GeoReport v2 wire format, shared by the forwarder (the hub's side) and the sandbox endpoint (a city's
 * side): how a hub form becomes a `POST requests.json` body, how a form becomes a service definition, and zod models
 * of what an endpoint answers. Everything an endpoint sends is untrusted: it is parsed with these models only.
 *
 * Field mapping (form field code → GeoReport v2 parameter). Single-valued fields with these codes are sent as the
 * standard parameter; every other field is an attribute, `attribute[<code>]=<value>`, and a `multivaluelist` field
 * is one `attribute[<code>][]=<key>` per chosen key. List fields send their option keys; numbers and amounts (fen)
 * their decimal digits; dates `YYYY-MM-DD`; date-times ISO 8601. Empty values are left out.
 *
 * | form field code                   | GeoReport v2     |
 * | --------------------------------- | ---------------- |
 * | `location`, `address`             | `address_string` |
 * | `description`                     | `description`    |
 * | `lat`, `latitude`                 | `lat`            |
 * | `long`, `lng`, `longitude`        | `long`           |
 * | `email`                           | `email`          |
 * | `firstName` / `lastName`          | `first_name` / `last_name` |
 * | `mobile`, `phone`                 | `phone`          |
 * | `mediaUrl`                        | `media_url`      |
 *
 * A Chinese `name` is not split into first and last names (there is no reliable split); it stays an attribute.
 */
import * as z from 'zod';
import { orderedFields, type FieldType, type FormDefinition, type FormField, type FormValues } from '@cityhub/schema';

export type StandardParameter =
  | 'address_string' | 'description' | 'lat' | 'long' | 'email' | 'first_name' | 'last_name' | 'phone' | 'media_url';

/** Form field codes that are GeoReport standard parameters (see the table above). */
export const STANDARD_FIELDS: Readonly<Record<string, StandardParameter>> = {
  location: 'address_string',
  address: 'address_string',
  description: 'description',
  lat: 'lat',
  latitude: 'lat',
  long: 'long',
  lng: 'long',
  longitude: 'long',
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  mobile: 'phone',
  phone: 'phone',
  mediaUrl: 'media_url',
};

/**
 * Where each field of a form goes: its standard parameter, or `undefined` for an attribute. The first field that
 * claims a standard parameter gets it (in display order); a second one is an attribute.
 */
export function fieldPlacement(form: FormDefinition): Map<FormField, StandardParameter | undefined> {
  const taken = new Set<StandardParameter>();
  const placement = new Map<FormField, StandardParameter | undefined>();
  for (const field of orderedFields(form)) {
    const standard = field.type === 'multivaluelist' ? undefined : STANDARD_FIELDS[field.code];
    if (standard && !taken.has(standard)) {
      taken.add(standard);
      placement.set(field, standard);
    } else {
      placement.set(field, undefined);
    }
  }
  return placement;
}

export interface ServiceTarget {
  serviceCode: string;
  jurisdictionId?: string;
}

/** The `application/x-www-form-urlencoded` body of `POST requests.json` for validated form values. */
export function serviceRequestBody(form: FormDefinition, values: FormValues, target: ServiceTarget): URLSearchParams {
  const body = new URLSearchParams();
  body.set('service_code', target.serviceCode);
  if (target.jurisdictionId) body.set('jurisdiction_id', target.jurisdictionId);
  for (const [field, standard] of fieldPlacement(form)) {
    const value = values[field.code];
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const key of value) body.append(`attribute[${field.code}][]`, key);
    } else {
      body.append(standard ?? `attribute[${field.code}]`, String(value));
    }
  }
  return body;
}

/** GeoReport attribute datatypes for the hub's field types. */
const DATATYPES: Record<FieldType, 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'> = {
  string: 'string',
  text: 'text',
  number: 'number',
  datetime: 'datetime',
  date: 'string',
  singlevaluelist: 'singlevaluelist',
  multivaluelist: 'multivaluelist',
  'id-card': 'string',
  mobile: 'string',
  plate: 'string',
  amount: 'number',
};

export interface ServiceAttribute {
  variable: true;
  code: string;
  datatype: (typeof DATATYPES)[FieldType];
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

/** The attributes of a GeoReport service definition (`services/{code}.json`) for a hub form. */
export function serviceAttributes(form: FormDefinition): ServiceAttribute[] {
  return [...fieldPlacement(form)].filter(([, standard]) => standard === undefined).map(([field], index) => ({
    variable: true,
    code: field.code,
    datatype: DATATYPES[field.type],
    required: field.required,
    datatype_description: field.help?.['zh-Hans'] ?? null,
    order: index + 1,
    description: field.label['zh-Hans'],
    ...(field.type === 'singlevaluelist' || field.type === 'multivaluelist'
      ? { values: field.values.map((v) => ({ key: v.key, name: v.name['zh-Hans'] })) }
      : {}),
  }));
}

// --- what endpoints answer (untrusted) ---------------------------------------------------------------------------

/** Ids and tokens go into URLs and the citizen's receipt: visible ASCII, at most 64 characters. */
const Identifier = z.union([
  z.string().regex(/^[\x21-\x7e]{1,64}$/),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String),
]);

/** Free text from the endpoint, control characters blanked and cut to what a receipt shows. */
const Notice = z.string().transform((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim().slice(0, 500));

/** `POST requests.json` → `[{service_request_id | token, service_notice?, account_id?}]`. */
export const CreatedServiceRequests = z.array(
  z.object({
    service_request_id: Identifier.nullish(),
    token: Identifier.nullish(),
    service_notice: Notice.nullish(),
  }).refine((r) => r.service_request_id != null || r.token != null, 'has neither service_request_id nor token'),
).min(1).max(20);

/** Errors: `[{code, description}]`. */
export const GeoReportErrors = z.array(z.object({ code: z.union([z.number(), z.string()]), description: Notice })).min(1).max(20);

/** `GET requests/{id}.json` → `[{service_request_id, status, status_notes?, updated_datetime?, …}]`. */
export const ServiceRequestStatuses = z.array(
  z.object({
    service_request_id: Identifier,
    status: z.enum(['open', 'closed']),
    status_notes: Notice.nullish(),
    updated_datetime: z.iso.datetime({ offset: true }).nullish().catch(undefined),
  }),
).min(1).max(20);

/** `GET tokens/{token}.json` → `[{service_request_id, token}]` (the id is absent until the city has one). */
export const TokenLookups = z.array(z.object({ service_request_id: Identifier.nullish(), token: Identifier.nullish() })).min(1).max(20);

/** The endpoint's own words for an error answer, or `undefined` when it did not send the GeoReport error shape. */
export function errorDescription(body: unknown): string | undefined {
  const parsed = GeoReportErrors.safeParse(body);
  if (!parsed.success) return undefined;
  const text = parsed.data.map((e) => e.description).filter(Boolean).join('; ');
  return text ? text.slice(0, 500) : undefined;
}
