/**
 * @cityhub/schema — the standard city-service schema. Browser-safe: zod/mini models, form compilation,
 * Chinese-format validators and `safeUrl`. Node-only parts (catalog compiler, CLI) live in `@cityhub/schema/node`.
 *
 * Tree-shaking: the models give every `….check(…)` call a `__PURE__` annotation because bundlers cannot tell that
 * zod's `check()` has no side effects; without the mark, every model that contains one ships in every browser bundle,
 * used or not (manifests, payments, server-only bodies). A top-level property read (`Bill.shape.payee`) keeps a
 * model for the same reason: share a part as a model of its own (`Payee`) instead.
 */
export * from './models/common.js';
export * from './models/city.js';
export * from './models/category.js';
export * from './models/provider.js';
export * from './models/service.js';
export * from './models/manifest.js';
export * from './models/catalog.js';
export * from './models/api.js';
export * from './models/payment.js';
export * from './forms/definition.js';
export * from './forms/compile.js';
export * from './forms/chinese.js';
export * from './url.js';
export { MODELS, jsonSchemaFor, jsonSchemas, openApiDocument, type ModelName } from './openapi.js';
