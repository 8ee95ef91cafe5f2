/**
 * Catalog data names the reference server's own sandbox endpoints (today: the Open311 GeoReport v2 sandbox) under
 * one reserved origin, `https://sandbox.cityhub.invalid`, because the server's real address (host and port) is known
 * only once it listens. The server resolves that origin to the base URL it listens on, the same base URL the sandbox
 * payment provider builds its pages and notifications from. `.invalid` never resolves (RFC 6761), so a hub without
 * a sandbox cannot send anything there by mistake.
 */
export const SANDBOX_ORIGIN = 'https://sandbox.cityhub.invalid';

/** True when `url` points at the reserved sandbox origin. */
export function isSandboxUrl(url: string): boolean {
  try {
    return new URL(url).origin === SANDBOX_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * `url` with the sandbox origin replaced by `baseUrl` (path, query and fragment kept); other URLs unchanged.
 * `undefined` when `url` is a sandbox URL and no base URL is known yet.
 */
export function resolveSandboxUrl(url: string, baseUrl: string | undefined): string | undefined {
  if (!isSandboxUrl(url)) return url;
  if (!baseUrl) return undefined;
  const parsed = new URL(url);
  return `${baseUrl.replace(/\/+$/, '')}${parsed.pathname}${parsed.search}${parsed.hash}`;
}
