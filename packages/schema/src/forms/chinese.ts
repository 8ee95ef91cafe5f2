/**
 * Validators and maskers for Chinese personal data: resident ID cards (GB 11643), mobile numbers and
 * vehicle licence plates (GA 36, including new-energy plates). Pure functions with no dependencies.
 */

// First two digits of a resident ID: province-level division codes (GB/T 2260).
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
]);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS.charAt(sum % 11);
}

export type IdCardProblem = 'format' | 'region' | 'birthdate' | 'checksum';

/** Why an 18-digit resident ID number is invalid, or `null` when it is valid. `now` bounds the birth date. */
export function idCardProblem(value: string, now: Date = new Date()): IdCardProblem | null {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) return 'region';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > now.getTime()
  ) {
    return 'birthdate';
  }
  if (idCardCheckChar(id) !== id.charAt(17)) return 'checksum';
  return null;
}

export function isValidIdCard(value: string, now?: Date): boolean {
  return idCardProblem(value, now) === null;
}

/** Mainland mobile numbers: 11 digits starting 13–19, optionally prefixed by +86 / 86. */
export function isValidMobile(value: string): boolean {
  return /^(?:\+?86[- ]?)?1[3-9]\d{9}$/.test(value.replace(/[\s-]/g, ''));
}

export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const LETTER = 'A-HJ-NP-Z'; // I and O are never used
const REGULAR = new RegExp(`^[${PLATE_PROVINCES}][${LETTER}][${LETTER}0-9]{4}[${LETTER}0-9挂学警港澳]$`);
// New-energy plates (GA 36-2018): small cars D/F + 5, large vehicles 5 + D/F.
const NEW_ENERGY_SMALL = new RegExp(`^[${PLATE_PROVINCES}][${LETTER}][DF][${LETTER}0-9]\\d{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^[${PLATE_PROVINCES}][${LETTER}]\\d{5}[DF]$`);

export type PlateKind = 'regular' | 'new-energy';

/** Normalises spacing, dots and case: `粤b·12345` → `粤B12345`. */
export function normalizePlate(value: string): string {
  return value.replace(/[\s·•.\-]/g, '').toUpperCase();
}

/** The plate's kind, or `null` when it is not a valid mainland plate. */
export function plateKind(value: string): PlateKind | null {
  const plate = normalizePlate(value);
  if (NEW_ENERGY_SMALL.test(plate) || NEW_ENERGY_LARGE.test(plate)) return 'new-energy';
  if (REGULAR.test(plate)) return 'regular';
  return null;
}

export function isValidPlate(value: string): boolean {
  return plateKind(value) !== null;
}

/** `13812345678` → `138****5678`. */
export function maskMobile(value: string): string {
  const digits = value.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** ID numbers keep the first 6 (region) and last 4 characters: `440305********123X`. */
export function maskIdCard(value: string): string {
  const id = value.trim().toUpperCase();
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Plates keep province, authority letter, first and last characters: `粤B12345` → `粤B1***5`. */
export function maskPlate(value: string): string {
  const plate = normalizePlate(value);
  if (plate.length < 5) return plate.slice(0, 1) + '*'.repeat(Math.max(0, plate.length - 1));
  return `${plate.slice(0, 3)}${'*'.repeat(plate.length - 4)}${plate.slice(-1)}`;
}

/** Account and card numbers keep their last 4 characters. */
export function maskAccount(value: string): string {
  const v = value.trim();
  if (v.length <= 4) return v;
  return `${'*'.repeat(Math.min(4, v.length - 4))}${v.slice(-4)}`;
}
