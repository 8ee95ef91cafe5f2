/**
 * Helpers shared by the JSAPI adapters: find an injected or global bridge (waiting for its ready event inside the
 * in-app browser), and turn a callback API into a promise that settles once, with a timeout. No DOM types are
 * needed at import time: globals are read through `globalThis` when an adapter runs.
 */
import { CityHubError } from '../../errors.js';

interface EventTargetLike {
  addEventListener(type: string, listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The bridge object: injected, else `globalThis[name]`, else (in a page) the one announced by `readyEvent`. */
export async function findBridge<T>(
  injected: (() => T | undefined) | undefined, name: string, readyEvent: string, readyTimeoutMs: number, signal?: AbortSignal,
): Promise<T> {
  const lookup = injected ?? (() => (globalThis as Record<string, unknown>)[name] as T | undefined);
  const found = lookup();
  if (found) return found;
  const doc = (globalThis as { document?: EventTargetLike }).document;
  if (!doc || injected) throw new CityHubError('provider_unavailable', `${name} is not available here`);
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      doc.removeEventListener(readyEvent, onReady);
      signal?.removeEventListener('abort', onAbort);
    };
    const onReady = () => {
      done();
      const bridge = lookup();
      if (bridge) resolve(bridge);
      else reject(new CityHubError('provider_unavailable', `${name} is not available here`));
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      done();
      reject(new CityHubError('provider_unavailable', `${name} did not become ready within ${readyTimeoutMs} ms`));
    }, readyTimeoutMs);
    doc.addEventListener(readyEvent, onReady, { once: true });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `start(callback)` and resolves with the first value the callback receives; later calls are ignored.
 * Resolves `onTimeout()` when no callback arrives in time (a wallet that never answers is "unknown", not failed).
 */
export function firstCallback<R, T>(start: (callback: (value: R) => void) => void, map: (value: R) => T, timeoutMs: number,
  onTimeout: () => T, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    const timer = setTimeout(() => finish(() => resolve(onTimeout())), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      start((value) => finish(() => resolve(map(value))));
    } catch (error) {
      finish(() => reject(error));
    }
  });
}
