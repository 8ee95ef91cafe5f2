/**
 * Payment stores: where `{paymentId, idempotencyKey, step}` survive a reload. Nothing else is persisted — no
 * amounts, tokens, provider parameters or personal data (reliability #5, #15).
 */
import * as z from 'zod/mini';
import type { StorageLike } from '../cache/web-storage.js';
import type { PaymentStore, PersistedPayment } from './types.js';

const Persisted = z.object({
  paymentId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  idempotencyKey: z.string().check(z.minLength(1), z.maxLength(255)),
  step: z.enum(['creating', 'awaiting_user', 'verifying', 'pending', 'failed']),
});

/** Only the three allowed fields, or `undefined` when the value is not a persisted payment. */
export function toPersisted(value: unknown): PersistedPayment | undefined {
  const parsed = Persisted.safeParse(value);
  if (!parsed.success) return undefined;
  const { paymentId, idempotencyKey, step } = parsed.data;
  return { ...(paymentId ? { paymentId } : {}), idempotencyKey, step };
}

/** In memory (Node, tests, or when storage is unavailable). */
export function memoryPaymentStore(): PaymentStore & { readonly size: number } {
  const map = new Map<string, PersistedPayment>();
  return {
    get: (billId) => map.get(billId),
    set: (billId, value) => void map.set(billId, toPersisted(value)!),
    delete: (billId) => void map.delete(billId),
    keys: () => [...map.keys()],
    get size() {
      return map.size;
    },
  };
}

export interface WebStoragePaymentStoreOptions {
  /** Default `sessionStorage` (per tab, gone when the tab closes). */
  storage?: StorageLike & { key?(index: number): string | null; readonly length?: number };
  prefix?: string;
}

/** `sessionStorage` (or another Web Storage): survives reloads of the tab. */
export function webStoragePaymentStore(options: WebStoragePaymentStoreOptions = {}): PaymentStore {
  const storage = options.storage ?? (globalThis as { sessionStorage?: WebStoragePaymentStoreOptions['storage'] }).sessionStorage;
  if (!storage) throw new TypeError('webStoragePaymentStore: no sessionStorage here; pass `storage`');
  const prefix = options.prefix ?? 'cityhub:payment:';
  return {
    get(billId) {
      try {
        const text = storage.getItem(prefix + billId);
        return text === null ? undefined : toPersisted(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    set(billId, value) {
      const clean = toPersisted(value);
      if (!clean) throw new TypeError('webStoragePaymentStore: not a persisted payment');
      storage.setItem(prefix + billId, JSON.stringify(clean));
    },
    delete(billId) {
      storage.removeItem(prefix + billId);
    },
    keys() {
      const out: string[] = [];
      const length = storage.length ?? 0;
      for (let i = 0; i < length; i++) {
        const key = storage.key?.(i);
        if (key?.startsWith(prefix)) out.push(key.slice(prefix.length));
      }
      return out;
    },
  };
}

/** `sessionStorage` in browsers, memory elsewhere (or when storage throws, e.g. Safari private mode). */
export function defaultPaymentStore(): PaymentStore {
  try {
    const storage = (globalThis as { sessionStorage?: StorageLike }).sessionStorage;
    if (storage) {
      const probe = '__cityhub_probe__';
      storage.setItem(probe, '1');
      storage.removeItem(probe);
      return webStoragePaymentStore();
    }
  } catch {
    // fall through
  }
  return memoryPaymentStore();
}
