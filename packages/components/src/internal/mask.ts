import { isValidMobile, maskAccount, maskIdCard, maskMobile, maskPlate, plateKind, type FormField } from '@cityhub/schema';

/**
 * Masks a personal value for display. Values that already contain a mask character are kept as they are; others
 * are recognised as a mobile number, a resident ID number or a plate, and anything else keeps its last 4 characters.
 */
export function maskSensitive(value: string): string {
  const text = value.trim();
  if (text === '' || /[*＊•]/.test(text)) return text;
  if (isValidMobile(text)) return maskMobile(text);
  if (/^\d{17}[\dXx]$/.test(text) || /^\d{15}$/.test(text)) return maskIdCard(text);
  if (plateKind(text) !== null) return maskPlate(text);
  return maskAccount(text);
}

/** Whether a form field's value is personal data that must be masked when shown back. */
export function isSensitiveField(field: FormField): boolean {
  return field.sensitive === true || field.type === 'id-card' || field.type === 'mobile' || field.type === 'plate';
}

/** Masks one field's submitted value the way its type calls for. */
export function maskFieldValue(field: FormField, value: string): string {
  switch (field.type) {
    case 'id-card': return maskIdCard(value);
    case 'mobile': return maskMobile(value);
    case 'plate': return maskPlate(value);
    default: return field.sensitive ? maskSensitive(value) : value;
  }
}
