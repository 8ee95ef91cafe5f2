/**
 * One outbound HTTP exchange with a provider's system (reliability #12), told apart by what the hub can know about
 * its outcome: whether the request can have reached the peer at all. A connection that was never made means nothing
 * was sent (safe to send again); once connected, a timeout or a dropped connection leaves the outcome unknown (a POST
 * without an idempotency key must not be sent again). Answers are read up to a size limit and never followed
 * through redirects.
 */
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface OutboundLimits {
  /** Time to connect (TCP, and TLS for https). */
  connectTimeoutMs: number;
  /** Time for the whole exchange, from the start to the last byte of the answer. */
  timeoutMs: number;
  /** Largest answer body read; a longer one is cut off and reported unreadable. */
  maxResponseBytes: number;
}

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

    try {
      request = (secure ? httpsRequest : httpRequest)(target, {
        method: init.method,
        agent: false,
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
