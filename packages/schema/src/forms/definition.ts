import * as z from 'zod/mini';
import { LocalizedText } from '../models/common.js';

/**
 * Field types: Open311 attribute datatypes (string, number, datetime, text, singlevaluelist, multivaluelist)
 * plus `date` and the typed Chinese formats the hub validates itself.
 */
export const FIELD_TYPES = [
  'string', 'text', 'number', 'datetime', 'date', 'singlevaluelist', 'multivaluelist',
  'id-card', 'mobile', 'plate', 'amount',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FieldCode = /*#__PURE__*/ z.string().check(z.regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'must be a camelCase field code'));

const base = {
  code: FieldCode,
  label: LocalizedText,
  /** Help text shown under the field (Open311 `description`). */
  help: z.optional(LocalizedText),
  placeholder: z.optional(LocalizedText),
  required: z.boolean(),
  /** Display order (Open311 `order`); ties keep declaration order. */
  order: /*#__PURE__*/ z.int().check(z.gte(0)),
  /** Personal data: masked when displayed back (ID, mobile and plate fields always are). */
  sensitive: z.optional(z.boolean()),
};

const lengthBounds = {
  minLength: z.optional(/*#__PURE__*/ z.int().check(z.gte(0))),
  maxLength: z.optional(/*#__PURE__*/ z.int().check(z.gte(1), z.lte(10_000))),
};

export const ListValue = z.object({ key: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)), name: LocalizedText });
export type ListValue = z.infer<typeof ListValue>;

export const StringField = z.object({
  ...base,
  type: z.literal('string'),
  ...lengthBounds,
  /** A regular expression (ECMAScript, anchored by the validator) the value must match. */
  pattern: z.optional(/*#__PURE__*/ z.string().check(z.maxLength(200))),
});
export const TextField = z.object({ ...base, type: z.literal('text'), ...lengthBounds });
export const NumberField = z.object({
  ...base,
  type: z.literal('number'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  integer: z.optional(z.boolean()),
});
export const DateTimeField = z.object({ ...base, type: z.literal('datetime') });
export const DateField = z.object({
  ...base,
  type: z.literal('date'),
  /** Earliest / latest allowed day, as days relative to today (0 = today, 30 = in a month). */
  minDaysFromToday: z.optional(z.int()),
  maxDaysFromToday: z.optional(z.int()),
});
export const SingleValueListField = z.object({
  ...base,
  type: z.literal('singlevaluelist'),
  values: /*#__PURE__*/ z.array(ListValue).check(z.minLength(1)),
});
export const MultiValueListField = z.object({
  ...base,
  type: z.literal('multivaluelist'),
  values: /*#__PURE__*/ z.array(ListValue).check(z.minLength(1)),
  maxSelected: z.optional(/*#__PURE__*/ z.int().check(z.gte(1))),
});
export const IdCardField = z.object({ ...base, type: z.literal('id-card') });
export const MobileField = z.object({ ...base, type: z.literal('mobile') });
export const PlateField = z.object({
  ...base,
  type: z.literal('plate'),
  /** Restrict to regular or new-energy plates; both when absent. */
  plateKinds: z.optional(/*#__PURE__*/ z.array(z.enum(['regular', 'new-energy'])).check(z.minLength(1))),
});
/** An amount of money the user enters, in integer fen (displayed as yuan). */
export const AmountField = z.object({
  ...base,
  type: z.literal('amount'),
  min: z.optional(/*#__PURE__*/ z.int().check(z.gte(0))),
  max: z.optional(/*#__PURE__*/ z.int().check(z.gte(1))),
  /** Preset amounts in fen offered as quick choices (e.g. top-up 5000 / 10000). */
  presets: z.optional(z.array(/*#__PURE__*/ z.int().check(z.gte(1)))),
});

export const FormField = z.discriminatedUnion('type', [
  StringField, TextField, NumberField, DateTimeField, DateField, SingleValueListField, MultiValueListField,
  IdCardField, MobileField, PlateField, AmountField,
]);
export type FormField = z.infer<typeof FormField>;

/** A service's form: the fields the hub renders, validates and submits to the provider. */
export const FormDefinition = z.object({
  fields: /*#__PURE__*/ z.array(FormField).check(
    z.minLength(1),
    z.maxLength(50),
    z.refine((fields) => new Set(fields.map((f) => f.code)).size === fields.length, 'field codes must be unique'),
  ),
  submitLabel: z.optional(LocalizedText),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

/** Fields in display order. */
export function orderedFields(form: FormDefinition): FormField[] {
  return form.fields.map((field, index) => ({ field, index }))
    .sort((a, b) => a.field.order - b.field.order || a.index - b.index)
    .map(({ field }) => field);
}
