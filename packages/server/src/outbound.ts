/**
 * One outbound HTTP exchange with a provider's system (reliability #12), told apart by what the hub can know about
 * its outcome: whether the request can have reached the peer at all. A connection that was never made means nothing
 * was sent (safe to send again); once connected, a timeout or a dropped connection leaves the outcome unknown (a POST
 * without an idempotency key must not be sent again). Answers are read up to a size limit and never followed
 * through redirects.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { isLoopbackUrl } from '@cityhub/schema';

export interface OutboundLimits {
  /** Time to connect (TCP, and TLS for https). */
  connectTimeoutMs: number;
  /** Time for the whole exchange, from the start to the last byte of the answer. */
  timeoutMs: number;
  /** Largest answer body read; a longer one is cut off and reported unreadable. */
  maxResponseBytes: number;
  /**
   * Refuse to connect to this machine or a private network (loopback, RFC 1918, link-local, CGNAT, unique-local
   * IPv6), checked on the address actually connected to, after DNS: a catalog must not turn the hub into a way in
   * (SSRF). Default false.
   */
  publicOnly?: boolean;
}

const PRIVATE = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

/** True for an IP address on this machine or a private network (see `publicOnly`); IPv4-mapped IPv6 by its IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  return family !== 0 && PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** `dns.lookup` that fails for private addresses (every address of an `all` lookup must be public). */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, options, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
    const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
    if (!error && addresses.some(isPrivateAddress)) {
      const refused = Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' });
      (callback as (error: Error) => void)(refused);
      return;
    }
    (callback as (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void)(error, address, family);
  });
};

export type Exchange =
  /** The peer answered with a status. `body` is `undefined` when it was too long, not UTF-8, or cut off. */
  | { kind: 'answered'; status: number; headers: IncomingHttpHeaders; body: string | undefined }
  /** No connection could be made: nothing reached the peer. */
  | { kind: 'not-sent'; reason: 'timeout' | 'network'; detail: string }
  /** Connected, but no status came back in time or the connection broke: the request may have been processed. */
  | { kind: 'no-answer'; reason: 'timeout' | 'network'; detail: string };

export interface OutboundRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one request (no retries, no redirects, a fresh connection) and reports what is known of its outcome. */
export function exchange(url: string, init: OutboundRequest, limits: OutboundLimits): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    let connected = false;
    let answered: { status: number; headers: IncomingHttpHeaders } | undefined;
    let done = false;
    let request: ClientRequest | undefined;

    const finish = (result: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      request?.destroy();
      resolve(result);
    };
    /** The exchange stopped early: what that means depends on how far it got. */
    const cut = (reason: 'timeout' | 'network', detail: string) => {
      if (answered) finish({ kind: 'answered', ...answered, body: undefined });
      else if (connected) finish({ kind: 'no-answer', reason, detail });
      else finish({ kind: 'not-sent', reason, detail });
    };

    const connectTimer = setTimeout(() => {
      if (!connected) cut('timeout', `no connection within ${limits.connectTimeoutMs} ms`);
    }, limits.connectTimeoutMs);
    const totalTimer = setTimeout(() => cut('timeout', `no answer within ${limits.timeoutMs} ms`), limits.timeoutMs);
    connectTimer.unref?.();
    totalTimer.unref?.();

    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (limits.publicOnly && (isPrivateAddress(host) || isLoopbackUrl(url))) {
      cut('network', `${target.hostname} is on this machine or a private network`);
      return;
    }
    try {
      request = (secure ? httpsRequest : httpRequest)(target, {
        method: init.method,
        agent: false,
        ...(limits.publicOnly ? { lookup: publicLookup } : {}),
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) },
      });
    } catch (error) {
      cut('network', error instanceof Error ? error.message : String(error));
      return;
    }
    request.on('socket', (socket) => {
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });
    request.on('error', (error) => cut('network', error.message));
    request.on('response', (response) => {
      connected = true;
      answered = { status: response.statusCode ?? 0, headers: response.headers };
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > limits.maxResponseBytes) cut('network', `answer longer than ${limits.maxResponseBytes} bytes`);
        else chunks.push(chunk);
      });
      response.on('error', (error) => cut('network', error.message));
      response.on('aborted', () => cut('network', 'answer cut off'));
      response.on('end', () => {
        let text: string | undefined;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
        } catch {
          text = undefined;
        }
        finish({ kind: 'answered', ...answered!, body: text });
      });
    });
    request.end(body);
  });
}

/** `Retry-After` as whole seconds (delay-seconds only, at most an hour), for passing on to our own client. */
export function retryAfterSeconds(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['retry-after'];
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value.trim())) return undefined;
  return String(Math.min(3600, Number(value.trim())));
}
