import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { compileCatalog, jsonSchemaFor, jsonSchemas, MODELS, openApiDocument } from '@cityhub/schema/node';
import { fixtureInput } from './helpers.js';

function ajv() {
  const instance = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(instance);
  return instance;
}

test('every model has a JSON Schema', () => {
  const schemas = jsonSchemas();
  assert.equal(Object.keys(schemas).length, Object.keys(MODELS).length);
  for (const [file, schema] of Object.entries(schemas)) {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', file);
    assert.ok(ajv().compile(schema), file);
  }
});

test('providers in other languages can validate with the JSON Schemas: fixtures pass, broken ones fail', () => {
  const input = fixtureInput();
  const provider = ajv().compile(jsonSchemaFor('ProviderManifest'));
  for (const { data } of input.providers) assert.ok(provider(data), JSON.stringify(provider.errors));
  assert.ok(ajv().validate(jsonSchemaFor('StandardManifest'), input.standard.data));
  assert.ok(ajv().validate(jsonSchemaFor('CitiesManifest'), input.cities.data));
  const broken = structuredClone(input.providers[0]!.data) as { provider: { classification: string } };
  broken.provider.classification = 'bureau';
  assert.equal(provider(broken), false);
});

test('compiled catalogs validate against the published CityCatalog and CitiesIndex schemas', () => {
  const compiled = compileCatalog(fixtureInput());
  const catalog = ajv().compile(jsonSchemaFor('CityCatalog'));
  for (const c of compiled.catalogs.values()) assert.ok(catalog(JSON.parse(JSON.stringify(c))), JSON.stringify(catalog.errors?.slice(0, 3)));
  assert.ok(ajv().validate(jsonSchemaFor('CitiesIndex'), compiled.index));
});

test('the OpenAPI document is 3.1, every $ref resolves, every operation has responses', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: object }>>; components: { schemas: Record<string, unknown> } };
  assert.equal(doc.openapi, '3.1.0');
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(refs.length > 20);
  for (const ref of refs) assert.ok(ref in doc.components.schemas, `dangling $ref ${ref}`);
  const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
  assert.ok(operations.length >= 6);
  for (const op of operations) assert.ok(Object.keys(op.responses).length > 0);
  assert.ok(doc.paths['/v1/cities/{city}/services/{service}/submissions']);
});

test('a result row\'s value is a plain string or localized text, in zod, the JSON Schema and OpenAPI alike', () => {
  const result = (value: unknown) => ({
    id: 'sub_1', service: 'traffic-violation-query', city: '440100', kind: 'query', status: 'completed',
    submittedAt: '2026-11-23T10:00:00+08:00', summary: { 'zh-Hans': '查询完成' }, bills: [],
    sections: [{ title: { 'zh-Hans': '违法记录 1' }, rows: [{ label: { 'zh-Hans': '处理状态', en: 'Status' }, value }] }],
  });
  const schema = ajv().compile(jsonSchemaFor('SubmissionResult'));
  const doc = openApiDocument() as { components: { schemas: Record<string, object> } };
  const openApi = ajv().addSchema({ $id: 'doc', components: doc.components }).compile({ $ref: 'doc#/components/schemas/SubmissionResult' });
  const valid = ['粤A1***5', { 'zh-Hans': '未缴款', 'zh-Hant': '未繳款', en: 'Unpaid' }, { 'zh-Hans': '未缴款' }];
  const invalid = [200, null, { en: 'Unpaid' }, { 'zh-Hans': '' }, ['未缴款']];
  for (const value of valid) {
    assert.ok(MODELS.SubmissionResult.safeParse(result(value)).success, `zod accepts ${JSON.stringify(value)}`);
    assert.ok(schema(result(value)), `JSON Schema accepts ${JSON.stringify(value)}: ${JSON.stringify(schema.errors)}`);
    assert.ok(openApi(result(value)), `OpenAPI accepts ${JSON.stringify(value)}: ${JSON.stringify(openApi.errors)}`);
  }
  for (const value of invalid) {
    assert.equal(MODELS.SubmissionResult.safeParse(result(value)).success, false, `zod rejects ${JSON.stringify(value)}`);
    assert.equal(schema(result(value)), false, `JSON Schema rejects ${JSON.stringify(value)}`);
    assert.equal(openApi(result(value)), false, `OpenAPI rejects ${JSON.stringify(value)}`);
  }
});
