import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  idCardCheckChar, idCardProblem, isValidIdCard, isValidMobile, isValidPlate, maskAccount, maskIdCard, maskMobile,
  maskPlate, plateKind,
} from '@cityhub/schema';

const NOW = new Date('2026-11-23T00:00:00Z');
const withCheck = (first17: string) => first17 + idCardCheckChar(first17);

test('ID card: the published sample 11010519491231002X is valid; changing any digit breaks the checksum', () => {
  assert.equal(idCardProblem('11010519491231002X', NOW), null);
  assert.equal(isValidIdCard('11010519491231002x', NOW), true, 'lower-case x is accepted');
  for (let i = 14; i < 17; i++) {
    const digits = '11010519491231002X'.split('');
    digits[i] = String((Number(digits[i]) + 1) % 10);
    assert.equal(idCardProblem(digits.join(''), NOW), 'checksum', `digit ${i} changed`);
  }
});

test('ID card: format, region and birth date are each checked', () => {
  assert.equal(idCardProblem('4403051990010112', NOW), 'format');
  assert.equal(idCardProblem('44030519900101123A', NOW), 'format');
  assert.equal(idCardProblem(withCheck('99030519900101123'), NOW), 'region');
  assert.equal(idCardProblem(withCheck('44030519900230123'), NOW), 'birthdate', 'Feb 30');
  assert.equal(idCardProblem(withCheck('44030520270101123'), NOW), 'birthdate', 'born in the future');
  assert.equal(idCardProblem(withCheck('44030518800101123'), NOW), 'birthdate', 'before 1900');
  assert.equal(idCardProblem(withCheck('44030520000229123'), NOW), null, 'leap day 2000');
  assert.equal(idCardProblem(withCheck('44030519000229123'), NOW), 'birthdate', '1900 was not a leap year');
});

test('ID card checksum: every 17-digit prefix has exactly one valid check character', () => {
  const prefix = '44030519900101';
  for (let seq = 0; seq < 1000; seq += 37) {
    const first17 = prefix + String(seq).padStart(3, '0');
    const valid = [...'0123456789X'].filter((c) => isValidIdCard(first17 + c, NOW));
    assert.deepEqual(valid, [idCardCheckChar(first17)]);
  }
});

test('mobile numbers', () => {
  for (const ok of ['13812345678', '19912345678', '+8613812345678', '86 138 1234 5678', '138-1234-5678']) assert.ok(isValidMobile(ok), ok);
  for (const bad of ['12812345678', '1381234567', '138123456789', '23812345678', 'abcdefghijk', '']) assert.ok(!isValidMobile(bad), bad);
});

test('licence plates, including new-energy plates', () => {
  assert.equal(plateKind('粤B12345'), 'regular');
  assert.equal(plateKind('粤b·1234x'), 'regular', 'case and separator normalised');
  assert.equal(plateKind('京A1234学'), 'regular');
  assert.equal(plateKind('粤BD12345'), 'new-energy');
  assert.equal(plateKind('粤BFA1234'), 'new-energy');
  assert.equal(plateKind('粤B12345D'), 'new-energy');
  for (const bad of ['粤B1234', '粤BI2345', '粤BO2345', 'XB12345', '粤812345', '粤B123456D', '']) assert.ok(!isValidPlate(bad), bad);
});

test('masking keeps only what identifies the record to its owner', () => {
  assert.equal(maskMobile('13812345678'), '138****5678');
  assert.equal(maskMobile('+86 138 1234 5678'), '138****5678');
  assert.equal(maskIdCard('11010519491231002X'), '110105********002X');
  assert.equal(maskPlate('粤B12345'), '粤B1***5');
  assert.equal(maskPlate('粤BD12345'), '粤BD****5');
  assert.equal(maskAccount('6222020200112233'), '****2233');
});
