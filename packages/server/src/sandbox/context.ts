import { createHash } from 'node:crypto';
import {
  maskAccount, maskIdCard, maskMobile, maskPlate,
  type Bill, type Booking, type CatalogService, type City, type FormField, type FormValues, type LocalizedText,
  type OrderStatus, type ResultRow, type ResultSection,
} from '@cityhub/schema';
import { CITY_PLACES, COMMON_ROADS, type Text3 } from './places.js';

/** What a sandbox provider sees: the city, the service as that city offers it, validated values and the clock. */
export interface SandboxContext {
  city: City;
  service: CatalogService;
  values: FormValues;
  now: Date;
  /** Deterministic randomness seeded from city + service + values. */
  rng: Rng;
  /** The human reference an order created by this submission gets (`SZ-20261123-0042`). */
  orderReference: string;
  /** Whether the hub's ledger has this bill as paid (a bill paid through the hub is reported paid, and so is what it was for). */
  isPaid: (billId: string) => boolean;
}

/** An order as a provider describes it; the hub adds id, reference, title and timestamps. */
export interface OrderDraft {
  status: OrderStatus;
  timeline: Array<{ status: OrderStatus; note?: LocalizedText; afterMinutes?: number }>;
  booking?: Booking;
}

export interface SandboxAnswer {
  status: 'completed' | 'accepted' | 'rejected';
  summary: LocalizedText;
  sections: ResultSection[];
  bills: Bill[];
  order?: OrderDraft;
}

export type SandboxProvider = (ctx: SandboxContext) => SandboxAnswer;

/** What the value helpers below need: the service (its form) and the validated values. */
export type FieldContext = Pick<SandboxContext, 'service' | 'values'>;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** A small seeded PRNG (sfc32). Never Math.random: the same submission always gets the same answer. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string) {
    const bytes = createHash('sha256').update(seed).digest();
    this.#a = bytes.readUInt32LE(0);
    this.#b = bytes.readUInt32LE(4);
    this.#c = bytes.readUInt32LE(8);
    this.#d = bytes.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += String(this.int(0, 9));
    return s;
  }

  /** A derived generator, so adding a draw in one place does not shift every later value. */
  fork(label: string): Rng {
    return new Rng(`${this.next()}:${label}`);
  }
}

export function seedFor(city: string, service: string, canonicalValues: string): string {
  return `cityhub-sandbox\n${city}\n${service}\n${canonicalValues}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text

export const text = (hans: string, hant: string, en: string): LocalizedText => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });
export const text3 = ([hans, hant, en]: Text3): LocalizedText => text(hans, hant, en);
/** The same string in every locale (numbers, dates, masked values). */
export const same = (value: string): LocalizedText => text(value, value, value);

/** Fills `{name}` placeholders in each locale from localized arguments. */
export function format(template: LocalizedText, args: Record<string, LocalizedText | string>): LocalizedText {
  const fill = (locale: 'zh-Hans' | 'zh-Hant' | 'en') =>
    (template[locale] ?? template['zh-Hans']).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const arg = args[name];
      if (arg === undefined) return whole;
      return typeof arg === 'string' ? arg : (arg[locale] ?? arg['zh-Hans']);
    });
  return { 'zh-Hans': fill('zh-Hans'), 'zh-Hant': fill('zh-Hant'), en: fill('en') };
}

/**
 * A label/value row. Words (statuses, types, descriptions, names of things) go in as localized text; what reads the
 * same in every locale (numbers, amounts, dates, plates, masked values) as a string — localized text that is the
 * same in every locale is sent as that string.
 */
export function row(label: LocalizedText, value: string | LocalizedText, sensitive = false): ResultRow {
  const shown = typeof value === 'string' || isSame(value) ? plainOf(value) : value;
  return sensitive ? { label, value: shown, sensitive: true } : { label, value: shown };
}

const plainOf = (value: string | LocalizedText): string => (typeof value === 'string' ? value : value['zh-Hans']);
const isSame = (value: LocalizedText): boolean =>
  (value['zh-Hant'] ?? value['zh-Hans']) === value['zh-Hans'] && (value.en ?? value['zh-Hans']) === value['zh-Hans'];

export const section = (title: LocalizedText, rows: ResultRow[]): ResultSection => ({ title, rows });

/** Fen → `¥1,234.56`. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates (China Standard Time: the sandbox answers as a Chinese provider would)

const CST = 8 * 3_600_000;

/** `YYYY-MM-DD` of `at` shifted by `days`, in China Standard Time. */
export function isoDay(at: Date, days = 0): string {
  return new Date(at.getTime() + CST + days * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the month `monthsAgo` before `at`'s month (CST). */
export function isoMonth(at: Date, monthsAgo = 0): string {
  const local = new Date(at.getTime() + CST);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsAgo, 1));
  return d.toISOString().slice(0, 7);
}

export function localYear(at: Date): number {
  return new Date(at.getTime() + CST).getUTCFullYear();
}

// ---------------------------------------------------------------------------------------------------------------
// Values and fields

export function has(ctx: FieldContext, code: string): boolean {
  const value = ctx.values[code];
  return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}

export function str(ctx: FieldContext, code: string): string | undefined {
  const value = ctx.values[code];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

export function num(ctx: FieldContext, code: string): number | undefined {
  const value = ctx.values[code];
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function field(ctx: FieldContext, code: string): FormField | undefined {
  return ctx.service.form?.fields.find((f) => f.code === code);
}

/** A value as the citizen would read it: list keys become their localized option names. */
export function display(ctx: FieldContext, code: string): LocalizedText | undefined {
  const value = ctx.values[code];
  if (value === undefined) return undefined;
  const f = field(ctx, code);
  if (f && (f.type === 'singlevaluelist' || f.type === 'multivaluelist')) {
    const keys = Array.isArray(value) ? value : [String(value)];
    return list(keys.map((k) => f.values.find((v) => v.key === k)?.name ?? same(k)));
  }
  if (f?.type === 'amount' && typeof value === 'number') return same(yuan(value));
  return same(masked(ctx, code) ?? String(value));
}

/** Names as one list in each locale: `身份证、户口簿` / `ID card, household register`. */
export function list(names: readonly LocalizedText[]): LocalizedText {
  return {
    'zh-Hans': names.map((n) => n['zh-Hans']).join('、'),
    'zh-Hant': names.map((n) => n['zh-Hant'] ?? n['zh-Hans']).join('、'),
    en: names.map((n) => n.en ?? n['zh-Hans']).join(', '),
  };
}

/** The documents the service requires, as one list, or `undefined` when it requires none. */
export function requiredDocuments(ctx: FieldContext): LocalizedText | undefined {
  const names = (ctx.service.documents ?? []).filter((d) => d.required).map((d) => d.name);
  return names.length > 0 ? list(names) : undefined;
}

const ACCOUNT_CODES = new Set(['accountNumber', 'cardNumber', 'examNumber', 'applicationNumber', 'decisionNumber', 'engineNumberTail']);

/** The value masked the way the UI shows personal data, or `undefined` when it is not personal. */
export function masked(ctx: FieldContext, code: string): string | undefined {
  const value = str(ctx, code);
  if (value === undefined) return undefined;
  const f = field(ctx, code);
  const type = f?.type;
  if (type === 'id-card' || code === 'idNumber') return maskIdCard(value);
  if (type === 'mobile' || code === 'mobile') return maskMobile(value);
  if (type === 'plate' || code === 'plate') return maskPlate(value);
  if (code === 'name') return maskName(value);
  if (code === 'accountNumber' || code === 'cardNumber') return maskAccount(value);
  if (f?.sensitive && !ACCOUNT_CODES.has(code)) return maskAccount(value);
  return undefined;
}

/** `张三丰` → `张*丰`, `李四` → `李*`, `Alice Smith` → `A*** S****`. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/^[\p{Script=Han}·]+$/u.test(name.trim())) {
    if (chars.length === 1) return '*';
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
  }
  return name.trim().split(/\s+/).map((w) => w.charAt(0) + '*'.repeat(Math.max(0, [...w].length - 1))).join(' ');
}

/** The "what you asked about" rows, with personal data masked. */
export function inputRows(ctx: FieldContext, codes?: readonly string[]): ResultRow[] {
  const fields = ctx.service.form?.fields ?? [];
  const wanted = codes ? fields.filter((f) => codes.includes(f.code)) : fields;
  const rows: ResultRow[] = [];
  for (const f of wanted) {
    if (!has(ctx, f.code) || f.type === 'text') continue;
    rows.push(row(f.label, display(ctx, f.code)!, masked(ctx, f.code) !== undefined));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// City flavour

export function cityPrefix(city: City): string {
  return CITY_PLACES[city.code]?.prefix ?? city.pinyin.slice(0, 2).toUpperCase();
}

export function roads(city: City): readonly Text3[] {
  return CITY_PLACES[city.code]?.roads ?? COMMON_ROADS;
}

/** `深南大道与科苑路交叉口` / `Shennan Avenue at Keyuan Road`, or `深南大道 1234 号附近`. */
export function place(ctx: SandboxContext, rng: Rng): LocalizedText {
  const [a, b] = rng.sample(roads(ctx.city), 2) as [Text3, Text3 | undefined];
  if (b && rng.chance(0.6)) {
    return text(`${a[0]}与${b[0]}交叉口`, `${a[1]}與${b[1]}交叉口`, `${a[2]} at ${b[2]}`);
  }
  const n = rng.int(1, 3000);
  return text(`${a[0]}${n}号附近`, `${a[1]}${n}號附近`, `near No. ${n}, ${a[2]}`);
}

/** A household address on one of the city's roads, with the house number masked (`深南大道**号`). */
export function maskedAddress(ctx: SandboxContext, rng: Rng): LocalizedText {
  const road = rng.pick(roads(ctx.city));
  return text(`${road[0]}**号`, `${road[1]}**號`, `No. **, ${road[2]}`);
}

export function cityName(ctx: SandboxContext): LocalizedText {
  return ctx.city.name;
}

/** The provider that answers (the city binding's provider), as a bill payee. */
export function payee(ctx: SandboxContext): Bill['payee'] {
  return { name: ctx.service.provider.name, provider: ctx.service.provider.id };
}

/** A bill whose id is derived from what it is for, so asking twice yields the same bill. */
export function bill(
  ctx: SandboxContext,
  fields: Omit<Bill, 'id' | 'service' | 'city' | 'payee' | 'status'> & {
    status?: Bill['status'];
    /** What identifies the bill when `reference` is masked (the full account number + period). */
    key?: string;
    /**
     * Whose bill it is, for its id (default: this service). Services that show the same bill (a traffic fine by
     * decision number, by plate) share a scope, so paying it in one shows it paid in the other.
     */
    scope?: string;
  },
): Bill {
  const key = fields.key ?? fields.reference;
  const scope = fields.scope ?? ctx.service.code;
  const id = `bill_${createHash('sha256').update(`${ctx.city.code}\n${scope}\n${key}\n${fields.amount.amount}`).digest('hex').slice(0, 24)}`;
  return {
    id,
    reference: fields.reference,
    service: ctx.service.code,
    city: ctx.city.code,
    payee: payee(ctx),
    description: fields.description,
    amount: fields.amount,
    ...(fields.payer !== undefined ? { payer: fields.payer } : {}),
    ...(fields.dueDate !== undefined ? { dueDate: fields.dueDate } : {}),
    status: ctx.isPaid(id) ? 'paid' : fields.status ?? 'unpaid',
  };
}

/**
 * The status of an answer carrying bills: a payment is not done while a bill of it is unpaid (`accepted`: asked for,
 * awaiting payment); a query is done whatever its bills say.
 */
export function statusOf(ctx: SandboxContext, bills: readonly Bill[]): SandboxAnswer['status'] {
  return ctx.service.kind === 'payment' && bills.some((b) => b.status === 'unpaid') ? 'accepted' : 'completed';
}

export const cny = (fen: number) => ({ amount: Math.max(0, Math.round(fen)), currency: 'CNY' as const });

/** Lower-case words of the service's code and categories, to tell domains apart (`water`, `housing-fund`). */
export function topicWords(ctx: SandboxContext): string {
  return [ctx.service.code, ...ctx.service.categories].join(' ');
}

const SURNAMES: readonly Text3[] = [
  ['王', '王', 'Wang'], ['李', '李', 'Li'], ['张', '張', 'Zhang'], ['刘', '劉', 'Liu'], ['陈', '陳', 'Chen'],
  ['杨', '楊', 'Yang'], ['黄', '黃', 'Huang'], ['赵', '趙', 'Zhao'], ['吴', '吳', 'Wu'], ['周', '周', 'Zhou'],
];

/** A masked account holder name (`王*`) when the citizen gave none. */
export function maskedHolder(ctx: SandboxContext, rng: Rng): string {
  const given = str(ctx, 'name');
  if (given) return maskName(given);
  return `${rng.pick(SURNAMES)[0]}*`;
}
