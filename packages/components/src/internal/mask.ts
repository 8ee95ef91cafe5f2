import { PLATE_PROVINCES, isValidMobile, maskAccount, maskIdCard, maskMobile, maskPlate, plateKind, type FormField } from '@cityhub/schema';

/**
 * Numbers of 7+ digits (ID, mobile, account and card numbers), also written in groups (`138 1234 5678`,
 * `6222-0202-0011-2233`), and plates.
 */
const DIGITS = /\d{7,}(?:[Xx](?![A-Za-z]))?|\d{3,4}(?:[ -]\d{4}){2,4}(?!\d)/g;
const PLATES = new RegExp(`[${PLATE_PROVINCES}][A-Za-z][·•.\\s-]?[A-Za-z0-9]{4,5}[A-Za-z0-9挂学警港澳]`, 'g');

/** A value masked as what it is: a mobile number, a resident ID number, a plate, else an account (last 4 kept). */
function maskWhole(text: string): string {
  if (isValidMobile(text)) return maskMobile(text);
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(text)) return maskIdCard(text);
  if (plateKind(text) !== null) return maskPlate(text);
  return maskAccount(text);
}

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
      .replace(PLATES, (plate) => (plateKind(plate) ? maskPlate(plate) : plate))
      .replace(DIGITS, (run) => maskWhole(run.replace(/[\s-]/g, '')));
  }
  return maskWhole(text);
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
