import { PLATE_PROVINCES, isValidMobile, maskAccount, maskIdCard, maskMobile, maskPlate, plateKind, type FormField } from '@cityhub/schema';

/** ID numbers, mobile numbers and other runs of 7+ digits (accounts, cards), and plates, inside a longer text. */
const DIGITS = /\d{17}[\dXx]|\d{7,}/g;
const PLATES = new RegExp(`[${PLATE_PROVINCES}][A-Z][A-Z0-9]{5,6}`, 'g');

/**
 * Masks a personal value for display: a mobile number, a resident ID number or a plate the way each is masked, and
 * anything else to its last 4 characters. A value that is already partly masked (`王* 13812345678`) keeps its text,
 * but any number or plate still whole inside it is masked.
 */
export function maskSensitive(value: string): string {
  const text = value.trim();
  if (text === '') return text;
  if (/[*＊•]/.test(text)) {
    return text
      .replace(DIGITS, (run) => (isValidMobile(run) ? maskMobile(run) : run.length === 18 || run.length === 15 ? maskIdCard(run) : maskAccount(run)))
      .replace(PLATES, (plate) => (plateKind(plate) ? maskPlate(plate) : plate));
  }
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
