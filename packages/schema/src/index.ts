/**
 * @cityhub/schema — the standard city-service schema. Browser-safe: zod/mini models, form compilation,
 * Chinese-format validators and `safeUrl`. Node-only parts (catalog compiler, CLI) live in `@cityhub/schema/node`.
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
