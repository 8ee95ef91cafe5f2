import * as z from 'zod/mini';
import { idCardProblem, isValidMobile, normalizePlate, plateKind } from './chinese.js';
import { orderedFields, type FormDefinition, type FormField } from './definition.js';

/** Why a field value was rejected. UIs translate these codes; `message` is an English fallback. */
export type FieldErrorReason =
  | 'required' | 'type' | 'too_short' | 'too_long' | 'pattern' | 'too_small' | 'too_big' | 'not_integer'
  | 'option' | 'too_many' | 'datetime' | 'date' | 'mobile' | 'plate'
  | 'id_card_format' | 'id_card_region' | 'id_card_birthdate' | 'id_card_checksum' | 'unknown_field';

export interface FieldError {
  /** The field's code (`plate`, `idNumber`, …). */
  field: string;
  reason: FieldErrorReason;
  message: string;
}

/** A submission's values after validation: strings trimmed, numbers parsed, plates normalised. */
export type FormValues = Record<string, string | number | string[] | undefined>;

type Parsed = { ok: true; value: string | number | string[] | undefined } | { ok: false; reason: FieldErrorReason; message: string };

const fail = (reason: FieldErrorReason, message: string): Parsed => ({ ok: false, reason, message });

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0);
}

function dayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/** Validates and normalises one value against one field definition. */
export function parseField(field: FormField, value: unknown, now: Date = new Date()): Parsed {
  if (isEmpty(value)) return field.required ? fail('required', 'is required') : { ok: true, value: undefined };
  switch (field.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return fail('type', 'must be text');
      const text = value.trim();
      if (field.minLength !== undefined && [...text].length < field.minLength) return fail('too_short', `must have at least ${field.minLength} characters`);
      if (field.maxLength !== undefined && [...text].length > field.maxLength) return fail('too_long', `must have at most ${field.maxLength} characters`);
      if (field.type === 'string' && field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(text)) {
        return fail('pattern', 'has the wrong format');
      }
      return { ok: true, value: text };
    }
    case 'number':
    case 'amount': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(n)) return fail('type', 'must be a number');
      if ((field.type === 'amount' || field.integer) && !Number.isInteger(n)) return fail('not_integer', field.type === 'amount' ? 'must be whole fen' : 'must be a whole number');
      const min = field.type === 'amount' ? (field.min ?? 1) : field.min;
      if (min !== undefined && n < min) return fail('too_small', `must be at least ${min}`);
      if (field.max !== undefined && n > field.max) return fail('too_big', `must be at most ${field.max}`);
      return { ok: true, value: n };
    }
    case 'datetime': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value) || Number.isNaN(Date.parse(value))) {
        return fail('datetime', 'must be a date and time');
      }
      return { ok: true, value };
    }
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
      if (!m || !date || date.getMonth() !== Number(m[2]) - 1 || date.getDate() !== Number(m[3])) return fail('date', 'must be a date (YYYY-MM-DD)');
      const offset = dayNumber(date) - dayNumber(now);
      if (field.minDaysFromToday !== undefined && offset < field.minDaysFromToday) return fail('too_small', 'is too early');
      if (field.maxDaysFromToday !== undefined && offset > field.maxDaysFromToday) return fail('too_big', 'is too late');
      return { ok: true, value: m[0] };
    }
    case 'singlevaluelist': {
      if (typeof value !== 'string' || !field.values.some((v) => v.key === value)) return fail('option', 'must be one of the listed options');
      return { ok: true, value };
    }
    case 'multivaluelist': {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((v) => typeof v === 'string' && field.values.some((o) => o.key === v))) return fail('option', 'must be listed options');
      const unique = [...new Set(list as string[])];
      if (field.maxSelected !== undefined && unique.length > field.maxSelected) return fail('too_many', `choose at most ${field.maxSelected}`);
      return { ok: true, value: unique };
    }
    case 'id-card': {
      if (typeof value !== 'string') return fail('type', 'must be text');
      const problem = idCardProblem(value, now);
      if (problem) return fail(`id_card_${problem}`, `is not a valid ID card number (${problem})`);
      return { ok: true, value: value.trim().toUpperCase() };
    }
    case 'mobile': {
      if (typeof value !== 'string' || !isValidMobile(value)) return fail('mobile', 'is not a valid mobile number');
      return { ok: true, value: value.replace(/[\s-]/g, '').replace(/^\+?86/, '') };
    }
    case 'plate': {
      if (typeof value !== 'string') return fail('type', 'must be text');
      const kind = plateKind(value);
      if (kind === null || (field.plateKinds && !field.plateKinds.includes(kind))) return fail('plate', 'is not a valid licence plate');
      return { ok: true, value: normalizePlate(value) };
    }
  }
}

export interface CompileFormOptions {
  /** The clock for date bounds and birth dates (tests pin it). */
  now?: () => Date;
}

/**
 * Compiles a form definition into a zod validator for submission values. Server and client use the same
 * validator; each issue's `path` is `[fieldCode]` and custom issues carry `params.reason`.
 */
export function compileForm(form: FormDefinition, options: CompileFormOptions = {}): z.ZodMiniType<FormValues, unknown> {
  const now = options.now ?? (() => new Date());
  const fields = orderedFields(form);
  const codes = new Set(fields.map((f) => f.code));
  return z.pipe(
    z.record(z.string(), z.unknown()),
    z.transform((input, ctx) => {
      const at = now();
      const values: FormValues = {};
      for (const field of fields) {
        const parsed = parseField(field, input[field.code], at);
        if (parsed.ok) {
          if (parsed.value !== undefined) values[field.code] = parsed.value;
        } else {
          ctx.issues.push({ code: 'custom', message: parsed.message, input: input[field.code], path: [field.code], params: { reason: parsed.reason } });
        }
      }
      const unknown = Object.keys(input).filter((key) => !codes.has(key));
      if (unknown.length > 0) ctx.issues.push({ code: 'unrecognized_keys', keys: unknown, input, message: 'unknown fields' });
      return values;
    }),
  );
}

export type FormValidation = { ok: true; values: FormValues } | { ok: false; errors: FieldError[] };

/** Turns zod issues from a compiled form into field errors. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ field: key, reason: 'unknown_field', message: 'is not a field of this form' });
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const reason = (issue.code === 'custom' && (issue.params as { reason?: FieldErrorReason } | undefined)?.reason) || 'type';
    errors.push({ field, reason, message: issue.message });
  }
  return errors;
}

/** Validates submission values against a form in one call. */
export function validateForm(form: FormDefinition, values: unknown, options?: CompileFormOptions): FormValidation {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return { ok: false, errors: [{ field: '', reason: 'type', message: 'values must be an object' }] };
  }
  const result = compileForm(form, options).safeParse(values);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: fieldErrorsFromIssues(result.error.issues) };
}
