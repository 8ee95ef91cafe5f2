import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileForm, FormDefinition, idCardCheckChar, orderedFields, validateForm, type FormDefinition as Form } from '@cityhub/schema';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const now = () => NOW;
const label = { 'zh-Hans': '字段' };

const form: Form = FormDefinition.parse({
  fields: [
    { code: 'plate', type: 'plate', required: true, order: 1, label },
    { code: 'idNumber', type: 'id-card', required: true, order: 2, label },
    { code: 'mobile', type: 'mobile', required: false, order: 3, label },
    { code: 'amount', type: 'amount', required: false, order: 4, min: 1000, max: 50000, label },
    { code: 'date', type: 'date', required: false, order: 5, minDaysFromToday: 1, maxDaysFromToday: 14, label },
    { code: 'timeSlot', type: 'singlevaluelist', required: false, order: 6, values: [{ key: 'am', name: label }, { key: 'pm', name: label }], label },
    { code: 'tags', type: 'multivaluelist', required: false, order: 7, maxSelected: 2, values: [{ key: 'a', name: label }, { key: 'b', name: label }, { key: 'c', name: label }], label },
    { code: 'account', type: 'string', required: false, order: 8, pattern: '[0-9]{8,12}', label },
    { code: 'note', type: 'text', required: false, order: 9, maxLength: 5, label },
    { code: 'count', type: 'number', required: false, order: 10, min: 1, max: 3, integer: true, label },
  ],
});
const ID = '44030519900101123' + idCardCheckChar('44030519900101123');

test('valid values pass and come back normalised', () => {
  const result = validateForm(form, {
    plate: ' 粤b·12345 ', idNumber: ID.toLowerCase(), mobile: '+86 138 1234 5678', amount: '5000', date: '2026-11-25',
    timeSlot: 'am', tags: ['a', 'a', 'b'], account: '12345678', note: '你好', count: 2,
  }, { now });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.values, {
    plate: '粤B12345', idNumber: ID.toUpperCase(), mobile: '13812345678', amount: 5000, date: '2026-11-25', timeSlot: 'am',
    tags: ['a', 'b'], account: '12345678', note: '你好', count: 2,
  });
});

test('errors name the field and say why', () => {
  const result = validateForm(form, {
    plate: '粤BI2345', idNumber: ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0'), mobile: '12345', amount: 99.5,
    date: '2026-11-23', timeSlot: 'night', tags: ['a', 'b', 'c'], account: '12ab', note: '六个字太长了', count: 7, extra: 1,
  }, { now });
  assert.equal(result.ok, false);
  const reasons = Object.fromEntries(!result.ok ? result.errors.map((e) => [e.field, e.reason]) : []);
  assert.deepEqual(reasons, {
    plate: 'plate', idNumber: 'id_card_checksum', mobile: 'mobile', amount: 'not_integer', date: 'too_small', timeSlot: 'option',
    tags: 'too_many', account: 'pattern', note: 'too_long', count: 'too_big', extra: 'unknown_field',
  });
});

test('required fields: missing, empty and whitespace are all "required"; optional empties are dropped', () => {
  for (const plate of [undefined, '', '   ', null]) {
    const result = validateForm(form, { plate, idNumber: ID }, { now });
    assert.ok(!result.ok && result.errors[0]?.field === 'plate' && result.errors[0].reason === 'required');
  }
  const ok = validateForm(form, { plate: '粤B12345', idNumber: ID, mobile: '', tags: [] }, { now });
  assert.ok(ok.ok);
  assert.equal(ok.values.mobile, undefined);
});

test('amounts are whole fen within bounds; non-objects are rejected', () => {
  const amount = (v: unknown) => validateForm(form, { plate: '粤B12345', idNumber: ID, amount: v }, { now });
  assert.ok(amount(1000).ok);
  assert.ok(!amount(999).ok);
  assert.ok(!amount(50001).ok);
  assert.ok(!amount('1e3').ok, 'exponent strings are not amounts');
  assert.ok(!validateForm(form, ['x'], { now }).ok);
  assert.ok(!validateForm(form, null, { now }).ok);
});

test('compileForm returns a zod validator whose issues carry the field path', () => {
  const result = compileForm(form, { now }).safeParse({ plate: 'nope', idNumber: ID });
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues.map((i) => i.path), [['plate']]);
});

test('fields are ordered by `order`, ties by declaration', () => {
  const f = FormDefinition.parse({ fields: [
    { code: 'b', type: 'string', required: false, order: 2, label },
    { code: 'a', type: 'string', required: false, order: 1, label },
    { code: 'c', type: 'string', required: false, order: 2, label },
  ] });
  assert.deepEqual(orderedFields(f).map((x) => x.code), ['a', 'b', 'c']);
});

test('form definitions reject duplicate field codes and lists without values', () => {
  assert.equal(FormDefinition.safeParse({ fields: [
    { code: 'a', type: 'string', required: false, order: 1, label }, { code: 'a', type: 'text', required: false, order: 2, label },
  ] }).success, false);
  assert.equal(FormDefinition.safeParse({ fields: [{ code: 'a', type: 'singlevaluelist', values: [], required: false, order: 1, label }] }).success, false);
});
