/**
 * @cityhub/server — the reference hub server: compiled catalogs over HTTP, sandbox providers that answer
 * submissions deterministically, and a durable SQLite order ledger with idempotency keys.
 */
export { createApp, type AppOptions, type AccessLogEntry } from './app.js';
export { startServer, loadCatalog, type StartServerOptions, type RunningServer } from './server.js';
export {
  openStore, chinaDay, DATABASE_FILE, type Store, type StoreStats, type StoredOrder, type IdempotencyRecord, type SubmissionRecord,
  type PaymentStore, type PaymentStats, type ChargeRecord, type SandboxTrade,
} from './store/index.js';
export { createPaymentService, type PaymentService, type PaymentOptions } from './payments/service.js';
export { MAGIC_FEN, POLLS_TO_SUCCESS, scenarioFor, signNotification, type SandboxScenario } from './payments/sandbox-provider.js';
export { answerSubmission, sandboxRuleFor, SANDBOX_RULES, type SandboxRequest, type SandboxRule, type SandboxAnswer } from './sandbox/index.js';
export { ApiError } from './errors.js';
export { DEFAULT_MAX_BODY_BYTES } from './http.js';
