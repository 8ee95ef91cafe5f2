import * as z from 'zod/mini';
import { SCHEMA_VERSION } from './models/common.js';
import { City } from './models/city.js';
import { Category, Topic } from './models/category.js';
import { Provider } from './models/provider.js';
import { Availability, CityBinding, Entry, Service, ServiceStatus } from './models/service.js';
import { CitiesManifest, ProviderManifest, StandardManifest, SynonymEntry } from './models/manifest.js';
import { CatalogService, CitiesIndex, CityCatalog } from './models/catalog.js';
import { Bill, ErrorBody, Order, OrderList, SubmissionRequest, SubmissionResult } from './models/api.js';
import { CreatePaymentRequest, Payment, PaymentList, PaymentNotification } from './models/payment.js';
import { FormDefinition, FormField } from './forms/definition.js';

/** Every model with a published JSON Schema, by name. */
export const MODELS = {
  City, Category, Topic, Provider, Service, Entry, ServiceStatus, Availability, CityBinding, FormField, FormDefinition,
  SynonymEntry, CitiesManifest, StandardManifest, ProviderManifest, CitiesIndex, CityCatalog, CatalogService,
  SubmissionRequest, SubmissionResult, Bill, Order, OrderList, ErrorBody,
  Payment, CreatePaymentRequest, PaymentList, PaymentNotification,
} as const;
export type ModelName = keyof typeof MODELS;

const JSON_SCHEMA_BASE = 'https://cityhub.dev/schema/v1';

/** A standalone JSON Schema (draft 2020-12) for one model. */
export function jsonSchemaFor(name: ModelName): Record<string, unknown> {
  const schema = z.toJSONSchema(MODELS[name], { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: `${JSON_SCHEMA_BASE}/${name}.json`, title: name };
}

/** Every model's JSON Schema, keyed `<Name>.json`. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries((Object.keys(MODELS) as ModelName[]).map((name) => [`${name}.json`, jsonSchemaFor(name)]));
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const errorResponse = (description: string) => ({ description, content: json('ErrorBody') });
const cityParam = { name: 'city', in: 'path', required: true, description: 'GB/T 2260 division code', schema: { type: 'string', pattern: '^[1-9]\\d{5}$' } };
const serviceParam = { name: 'service', in: 'path', required: true, description: 'Canonical service code', schema: { type: 'string' } };
const etagHeaders = { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } };
const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } };
const paymentIdParam = { name: 'id', in: 'path', required: true, description: 'Payment id', schema: { type: 'string' } };
const requiredIdempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: true,
  description: 'Created by the client before the first send and reused on every retry with the identical body. ' +
    'Same key and body returns the same payment (Idempotent-Replayed: true); same key with a different body is 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};
const noStore = { 'Cache-Control': { description: 'Always no-store: payment status is never cached', schema: { type: 'string', const: 'no-store' } } };
const paymentAction = (operationId: string, summary: string, extra: Record<string, unknown> = {}) => ({
  post: {
    operationId, summary, parameters: [paymentIdParam, extra.keyRequired ? requiredIdempotencyKey : idempotencyKey], security: [{}, { bearer: [] }],
    responses: {
      200: { description: 'The payment after the action (server truth)', headers: noStore, content: json('Payment') },
      404: errorResponse('Unknown payment'),
      409: errorResponse('Not allowed in the payment\'s current status'),
      422: errorResponse('Idempotency key reused with a different request'),
      ...(extra.responses as object | undefined),
    },
  },
});
const idempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: false,
  description: 'Reuse on every retry. Same key and body replays the first response; same key with a different body is 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

/** The OpenAPI 3.1 document of the hub API, components generated from the zod models. */
export function openApiDocument(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [name, model] of Object.entries(MODELS)) registry.add(model, { id: name });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    delete schema.$id;
    delete schema.$schema;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CityHub API',
      version: SCHEMA_VERSION,
      description: 'City-service catalogs, submissions and orders. Every error has the ErrorBody shape.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8787', description: 'Reference hub server (npm start)' }],
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Citizen identity token from the host app' } },
    },
    paths: {
      '/v1/cities': {
        get: {
          operationId: 'listCities', summary: 'The cities index',
          parameters: [ifNoneMatch],
          responses: { 200: { description: 'Cities', headers: etagHeaders, content: json('CitiesIndex') }, 304: { description: 'Not modified' } },
        },
      },
      '/v1/cities/{city}/catalog': {
        get: {
          operationId: 'getCityCatalog', summary: "A city's compiled catalog", parameters: [cityParam, ifNoneMatch],
          responses: {
            200: { description: 'Catalog', headers: etagHeaders, content: json('CityCatalog') },
            304: { description: 'Not modified' },
            404: errorResponse('Unknown city'),
          },
        },
      },
      '/v1/cities/{city}/services/{service}': {
        get: {
          operationId: 'getService', summary: 'One service as the city offers it', parameters: [cityParam, serviceParam],
          responses: { 200: { description: 'Service', content: json('CatalogService') }, 404: errorResponse('Unknown city or service') },
        },
      },
      '/v1/cities/{city}/services/{service}/submissions': {
        post: {
          operationId: 'submit', summary: 'Submit a service form (query, transaction, booking, report)',
          description: 'Reports whose city binding is an `open311` entry are sent on to `{endpoint}/requests.json` (GeoReport v2); ' +
            'the order carries the endpoint\'s answer in `forwarded`.',
          parameters: [cityParam, serviceParam, {
            ...requiredIdempotencyKey,
            description: 'Created by the client before the first send and reused on every retry with the identical body. ' +
              'Same key and body replays the first response (Idempotent-Replayed: true) and never sends a report on twice; ' +
              'same key with a different body is 422.',
          }],
          security: [{}, { bearer: [] }],
          requestBody: { required: true, content: json('SubmissionRequest') },
          responses: {
            200: { description: 'Answered', content: json('SubmissionResult') },
            201: { description: 'Answered and an order was created', content: json('SubmissionResult') },
            202: { description: 'Sent on to the provider\'s Open311 endpoint, which gave no readable answer: the order is recorded with forwarded.state "unknown" and the report is not sent again', content: json('SubmissionResult') },
            400: errorResponse('No Idempotency-Key, or invalid values (validation_failed lists the fields)'),
            401: errorResponse('Identity required'),
            404: errorResponse('Unknown city or service'),
            409: errorResponse('Service not available for submissions'),
            413: errorResponse('Body too large'),
            415: errorResponse('Not JSON'),
            422: errorResponse('Idempotency key reused with a different body, or the Open311 endpoint refused the report (provider_rejected)'),
            502: errorResponse('The Open311 endpoint failed or could not be reached; nothing was recorded, retry with the same key (bad_gateway)'),
            503: errorResponse('The Open311 endpoint is busy (with Retry-After when it said); retry with the same key'),
            504: errorResponse('The Open311 endpoint could not be reached in time; nothing was sent (gateway_timeout)'),
          },
        },
      },
      '/v1/orders': {
        get: {
          operationId: 'listOrders', summary: "The citizen's orders, newest first", security: [{ bearer: [] }],
          responses: { 200: { description: 'Orders', content: json('OrderList') }, 401: errorResponse('Identity required') },
        },
      },
      '/v1/payments': {
        post: {
          operationId: 'createPayment',
          summary: 'Create the payment of a bill (or return the bill\'s live or succeeded payment: never a second charge)',
          parameters: [requiredIdempotencyKey], security: [{}, { bearer: [] }],
          requestBody: { required: true, content: json('CreatePaymentRequest') },
          responses: {
            201: { description: 'Created', headers: noStore, content: json('Payment') },
            200: { description: 'The bill already has a live or succeeded payment, or the key was replayed', headers: noStore, content: json('Payment') },
            400: errorResponse('Missing or malformed Idempotency-Key, or a malformed body'),
            404: errorResponse('Unknown bill'),
            409: errorResponse('The bill is paid elsewhere or expired'),
            422: errorResponse('Idempotency key reused with a different body'),
          },
        },
        get: {
          operationId: 'listPayments', summary: 'The caller\'s payments of one bill, newest first', security: [{}, { bearer: [] }],
          parameters: [{ name: 'billId', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Payments', headers: noStore, content: json('PaymentList') }, 400: errorResponse('billId missing') },
        },
      },
      '/v1/payments/{id}': {
        get: {
          operationId: 'getPayment', summary: 'The payment as the server knows it (queries the provider when undecided; never cached)',
          parameters: [paymentIdParam], security: [{}, { bearer: [] }],
          responses: { 200: { description: 'Payment', headers: noStore, content: json('Payment') }, 404: errorResponse('Unknown payment') },
        },
      },
      '/v1/payments/{id}/confirm': paymentAction('confirmPayment', 'The client says the user authorised; the payment moves to processing and the provider decides'),
      '/v1/payments/{id}/cancel': paymentAction('cancelPayment', 'Cancel an unpaid payment (the provider is asked first: a paid one becomes succeeded)'),
      '/v1/payments/{id}/extend': paymentAction('extendPayment', 'Extend the time limit of an unpaid payment (WCAG 2.2.1)', { keyRequired: true }),
      '/v1/payments/notify/{provider}': {
        post: {
          operationId: 'paymentNotification', summary: 'Signed asynchronous notification from the payment provider (idempotent on its id)',
          parameters: [
            { name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: ['sandbox', 'wechat', 'alipay', 'redirect'] } },
            { name: 'Sandbox-Signature', in: 'header', required: true, description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: json('PaymentNotification') },
          responses: {
            200: { description: 'Received (also for duplicates and stale notifications)' },
            400: errorResponse('Malformed notification'),
            401: errorResponse('Bad or missing signature'),
            404: errorResponse('Unknown payment or provider'),
          },
        },
      },
      '/v1/sandbox/wallet/{tradeNo}': {
        post: {
          operationId: 'sandboxWallet', tags: ['sandbox'],
          summary: 'Reference server only: the user acts in the sandbox wallet ({"action":"pay"|"cancel"}); answers what a wallet tells the client (not proof of payment)',
          parameters: [{ name: 'tradeNo', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: '{tradeNo, paymentId, state, result: ok|cancel|fail}' }, 404: errorResponse('Unknown trade'), 409: errorResponse('Trade closed') },
        },
      },
      '/v1/sandbox/pay/{tradeNo}': {
        get: {
          operationId: 'sandboxCheckout', tags: ['sandbox'], summary: 'Reference server only: the hosted checkout page of the redirect provider (HTML)',
          parameters: [{ name: 'tradeNo', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, 404: errorResponse('Unknown trade') },
        },
      },
      '/v1/sandbox/open311/v2/requests.json': {
        post: {
          operationId: 'sandboxOpen311Request', tags: ['sandbox'],
          summary: 'Reference server only: the sandbox Open311 GeoReport v2 endpoint (catalog URL https://sandbox.cityhub.invalid/v1/sandbox/open311/v2); ' +
            'also GET services.json, services/{code}.json and requests/{id}.json',
          requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
          responses: {
            201: { description: 'GeoReport [{service_request_id, service_notice}]' },
            400: { description: 'GeoReport [{code, description}]: no location, a missing or unknown attribute value' },
            404: { description: 'GeoReport [{code, description}]: unknown service_code or jurisdiction_id' },
          },
        },
      },
      '/v1/orders/{id}': {
        get: {
          operationId: 'getOrder', summary: 'One order with its timeline', security: [{ bearer: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Order', content: json('Order') }, 401: errorResponse('Identity required'), 404: errorResponse('Unknown order') },
        },
      },
    },
  };
}
