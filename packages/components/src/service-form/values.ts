import { orderedFields, type FieldError, type FormDefinition, type FormField, type FormValues } from '@cityhub/schema';
import { formatDate, formatDateTime, formatMoney, formatNumber, localized, type Locale, type Messages } from '../i18n/index.js';
import { maskFieldValue, isSensitiveField } from '../internal/mask.js';

/** What the user has typed or chosen, per field code: text as typed (amounts in yuan), list keys. */
export type RawValues = Record<string, string | string[]>;

/**
 * Yuan as typed → integer fen. `50` → 5000, `49.5` → 4950, `0.05` → 5. More than two decimals gives a fractional
 * fen number (the validator then says "at most two decimals"); anything else is passed on as typed (→ "not a number").
 * String arithmetic, never floating point.
 */
export function yuanToFen(input: string): number | string | undefined {
  const text = input.trim().replace(/^[¥￥]\s*/, '').replace(/,/g, '');
  if (text === '') return undefined;
  const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(text);
  if (!m) return input;
  const whole = Number(m[1]) * 100;
  const decimals = m[2] ?? '';
  if (decimals.length <= 2) return whole + Number(decimals.padEnd(2, '0'));
  return whole + Number(`${decimals.slice(0, 2)}.${decimals.slice(2)}`);
}

/** Integer fen → yuan text for the input (`5000` → `50`, `4950` → `49.50`). */
export function fenToYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, '0')}`;
}

/** `datetime-local` text (`2026-11-23T09:30`) → ISO text with the local UTC offset (`…T09:30+08:00`). */
export function withLocalOffset(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return value;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${value}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The local calendar day `days` from `now`, as `YYYY-MM-DD`. */
export function dayFromToday(days: number, now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Raw input → the values `validateForm` checks (and the server receives). Empty inputs are left out. */
export function toSubmission(form: FormDefinition, raw: RawValues): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = raw[field.code];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) values[field.code] = value;
      continue;
    }
    if (value.trim() === '') continue;
    if (field.type === 'amount') values[field.code] = yuanToFen(value);
    else if (field.type === 'datetime') values[field.code] = withLocalOffset(value.trim());
    else values[field.code] = value;
  }
  return values;
}

/** Prefilled values (e.g. from a previous submission, amounts in fen) → raw input. */
export function toRaw(form: FormDefinition, values: Record<string, unknown> | undefined): RawValues {
  const raw: RawValues = {};
  if (!values) return raw;
  for (const field of form.fields) {
    const value = values[field.code];
    if (value === undefined || value === null) continue;
    if (field.type === 'multivaluelist') raw[field.code] = (Array.isArray(value) ? value : [value]).map(String);
    else if (field.type === 'amount' && typeof value === 'number') raw[field.code] = fenToYuan(value);
    else if (field.type === 'datetime' && typeof value === 'string') raw[field.code] = value.slice(0, 16);
    else raw[field.code] = String(value);
  }
  return raw;
}

type Kind = 'text' | 'number' | 'amount' | 'date' | 'list';

function kindOf(field: FormField): Kind {
  switch (field.type) {
    case 'number': return 'number';
    case 'amount': return 'amount';
    case 'date':
    case 'datetime': return 'date';
    case 'singlevaluelist':
    case 'multivaluelist': return 'list';
    default: return 'text';
  }
}

/** A field error in the user's language, with the field's own bounds (lengths, amounts in yuan, dates). */
export function fieldErrorMessage(field: FormField | undefined, error: FieldError, m: Messages, locale: Locale, now: Date): string {
  if (!field) return error.message;
  const label = localized(field.label, locale);
  const ctx: { label: string; kind: Kind; min?: string; max?: string } = { label, kind: kindOf(field) };
  switch (field.type) {
    case 'string':
    case 'text':
      if (field.minLength !== undefined) ctx.min = formatNumber(field.minLength, locale);
      if (field.maxLength !== undefined) ctx.max = formatNumber(field.maxLength, locale);
      break;
    case 'number':
      if (field.min !== undefined) ctx.min = formatNumber(field.min, locale);
      if (field.max !== undefined) ctx.max = formatNumber(field.max, locale);
      break;
    case 'amount':
      ctx.min = formatMoney(field.min ?? 1, locale);
      if (field.max !== undefined) ctx.max = formatMoney(field.max, locale);
      break;
    case 'date':
      if (field.minDaysFromToday !== undefined) ctx.min = formatDate(dayFromToday(field.minDaysFromToday, now), locale);
      if (field.maxDaysFromToday !== undefined) ctx.max = formatDate(dayFromToday(field.maxDaysFromToday, now), locale);
      break;
    case 'multivaluelist':
      if (field.maxSelected !== undefined) ctx.max = formatNumber(field.maxSelected, locale);
      break;
    default:
      break;
  }
  const format = m.fieldErrors[error.reason];
  return format ? format(ctx) : error.message;
}

/** One submitted value for display: list keys become their names, amounts yuan, personal data masked. */
export function displayValue(field: FormField, value: FormValues[string], locale: Locale): string {
  if (value === undefined) return '';
  switch (field.type) {
    case 'singlevaluelist':
      return localized(field.values.find((v) => v.key === value)?.name, locale) || String(value);
    case 'multivaluelist':
      return (Array.isArray(value) ? value : [String(value)]).map((key) => localized(field.values.find((v) => v.key === key)?.name, locale) || key).join('、');
    case 'amount':
      return typeof value === 'number' ? formatMoney(value, locale) : String(value);
    case 'date':
      return formatDate(String(value), locale);
    case 'datetime':
      return formatDateTime(String(value), locale);
    default:
      return isSensitiveField(field) ? maskFieldValue(field, String(value)) : String(value);
  }
}

export { orderedFields };
