/**
 * @cityhub/server — the reference hub server: compiled catalogs over HTTP, sandbox providers that answer
 * submissions deterministically, and a durable SQLite order ledger with idempotency keys.
 */
export { createApp, type AppOptions, type AccessLogEntry } from './app.js';
export { startServer, loadCatalog, type StartServerOptions, type RunningServer } from './server.js';
export {
  openStore, chinaDay, DATABASE_FILE, type Store, type StoreStats, type StoredOrder, type IdempotencyRecord, type SubmissionRecord,
  type PaymentStore, type PaymentStats, type ChargeRecord, type SandboxTrade, type ForwardingStore, type ForwardedRequest,
} from './store/index.js';
export { createPaymentService, type PaymentService, type PaymentOptions } from './payments/service.js';
export { MAGIC_FEN, POLLS_TO_SUCCESS, scenarioFor, signNotification, type SandboxScenario } from './payments/sandbox-provider.js';
export { answerSubmission, sandboxRuleFor, SANDBOX_RULES, type SandboxRequest, type SandboxRule, type SandboxAnswer } from './sandbox/index.js';
export { createOpen311Forwarder, type Open311Forwarder, type Open311Options } from './open311/forwarder.js';
export { STANDARD_FIELDS, serviceRequestBody, serviceAttributes } from './open311/georeport.js';
export { SANDBOX_OPEN311_PATH } from './open311/sandbox.js';
export { SANDBOX_ORIGIN, resolveSandboxUrl } from './sandbox/origin.js';
export { ApiError } from './errors.js';
export { DEFAULT_MAX_BODY_BYTES } from './http.js';
