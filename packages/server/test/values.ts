import { parseField, type FormDefinition, type FormField } from '@cityhub/schema';
import { validIdCard } from './helpers.js';

/** Plausible strings per field code, tried in order until one satisfies the field's pattern and lengths. */
const CANDIDATES: Record<string, string[]> = {
  accountNumber: ['0012345678', '12345678', '1234567890', '123456789012', '440300123456'],
  cardNumber: ['310012345678', '123456789', '3100123456789012', '1234567890', '12345678'],
  decisionNumber: ['440300123456789', '4403001234567890', '123456789012345'],
  engineNumberTail: ['A12345', '123456', '1234', 'AB1234'],
  examNumber: ['2026440300123', '26440300123', '123456789', '12345678'],
  applicationNumber: ['SQ202611230001', 'A12345678', '2026112300001', '12345678'],
  name: ['张三', '王小明', 'Zhang San'],
  location: ['深南大道 100 号', '福田区福华路', '100'],
  description: ['路面破损，影响通行'],
  year: ['2026', '2025'],
};
const FALLBACK = ['测试', 'test', '12345678', '123456', 'A12345', '1', '2026', 'ABC123', '440300123456789', 'a'];

function stringFor(field: Extract<FormField, { type: 'string' | 'text' }>, now: Date): string {
  for (const candidate of [...(CANDIDATES[field.code] ?? []), ...FALLBACK]) {
    if (parseField(field, candidate, now).ok) return candidate;
  }
  throw new Error(`no sample value satisfies field ${field.code} (pattern ${'pattern' in field ? field.pattern : '-'})`);
}

function isoDate(now: Date, days: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A valid value for every field of a form (required or not), for sweeping whole catalogs. */
export function sampleValues(form: FormDefinition, now: Date, variant = 0): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    switch (field.type) {
      case 'string':
      case 'text':
        values[field.code] = stringFor(field, now);
        break;
      case 'number':
        values[field.code] = field.min ?? (field.code === 'year' ? now.getFullYear() - 1 : 1);
        break;
      case 'datetime':
        values[field.code] = now.toISOString();
        break;
      case 'date':
        values[field.code] = isoDate(now, Math.max(field.minDaysFromToday ?? 0, Math.min(1, field.maxDaysFromToday ?? 1)));
        break;
      case 'singlevaluelist':
        values[field.code] = field.values[variant % field.values.length]!.key;
        break;
      case 'multivaluelist':
        values[field.code] = [field.values[0]!.key];
        break;
      case 'id-card':
        values[field.code] = validIdCard(String(100 + variant).padStart(3, '0'));
        break;
      case 'mobile':
        values[field.code] = '13812345678';
        break;
      case 'plate':
        values[field.code] = field.plateKinds?.length === 1 && field.plateKinds[0] === 'new-energy'
          ? `粤BD${String(12345 + variant).slice(-5)}`
          : `粤B${String(12345 + variant).slice(-5)}`;
        break;
      case 'amount':
        values[field.code] = field.presets?.[0] ?? field.min ?? 100;
        break;
    }
  }
  return values;
}
