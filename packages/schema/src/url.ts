/**
 * The one gate every URL taken from data passes before it is rendered or opened.
 * Pure string logic (WHATWG URL parsing), so it runs in Node and browsers alike.
 */
export interface SafeUrlOptions {
  /** Allow `http:` for localhost / 127.0.0.0/8 / [::1] (development). Default true. */
  allowLocalHttp?: boolean;
  /** When set, the URL's host must equal one of these or be a subdomain of one. */
  allowedHosts?: readonly string[];
  /** Extra schemes allowed verbatim (e.g. `alipays:` or `weixin:` app deep links). Never `javascript:`/`data:`. */
  appSchemes?: readonly string[];
}

const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:', 'filesystem:']);
// C0 controls, space, DEL and characters that browsers strip or normalise inside schemes.
const SUSPICIOUS = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff\\]/;

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/** True for a URL on this machine (`localhost`, `127.0.0.0/8`, `[::1]`), such as the reference server's. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLocalHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Returns the normalised URL when it is safe to link to, otherwise `null`.
 * Safe means: an absolute `https:` URL (or `http:` on localhost when allowed), no user info, no control or
 * whitespace characters anywhere, the host in the allowlist when one is given; or a listed app scheme.
 */
export function safeUrl(input: unknown, options: SafeUrlOptions = {}): string | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2048) return null;
  if (SUSPICIOUS.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  const scheme = url.protocol.toLowerCase();
  if (FORBIDDEN_SCHEMES.has(scheme)) return null;
  if (!input.toLowerCase().startsWith(scheme)) return null; // relative or scheme-relative input such as //evil
  if (options.appSchemes?.includes(scheme)) return url.href;
  if (!input.startsWith('//', scheme.length)) return null; // `https:evil.example` is parsed leniently by URL
  // The authority as written (URL normalises hex/octal IPs and IDNs, which must not change what we allow).
  const authority = (input.slice(scheme.length + 2).split(/[/?#]/, 1)[0] ?? '').toLowerCase();
  if (url.username !== '' || url.password !== '' || authority.includes('@')) return null;
  if (!url.hostname || authority === '') return null;
  const local = isLocalHost(url.hostname) && isLocalHost(authority.replace(/:\d+$/, ''));
  if (scheme === 'http:') {
    if (!(options.allowLocalHttp ?? true) || !local) return null;
  } else if (scheme !== 'https:') {
    return null;
  }
  if (options.allowedHosts && options.allowedHosts.length > 0) {
    const host = url.hostname.toLowerCase();
    const allowed = options.allowedHosts.some((h) => {
      const wanted = h.toLowerCase();
      return host === wanted || host.endsWith(`.${wanted}`);
    });
    if (!allowed) return null;
  }
  return url.href;
}

/** True when `safeUrl` accepts the value with default options (https, or http on localhost). */
export function isSafeHttpsUrl(value: string): boolean {
  return safeUrl(value) !== null;
}
