import type Database from 'better-sqlite3';
import type { Forwarding } from '@cityhub/schema';

/** A report sent on (or being sent) to a provider's Open311 endpoint, keyed by the submission's idempotency key. */
export interface ForwardedRequest {
  id: string;
  /** '' for anonymous submissions. */
  owner: string;
  key: string;
  requestHash: string;
  city: string;
  service: string;
  /** The endpoint as the catalog names it. */
  endpoint: string;
  state: 'sending' | Forwarding['state'];
  serviceRequestId: string | null;
  token: string | null;
  orderId: string | null;
  checkedAt: string | null;
}

export interface SandboxServiceRequest {
  id: string;
  jurisdictionId: string;
  serviceCode: string;
  requestedAt: string;
}

/** The forwarding half of the store. Every method is synchronous; wrap related calls in `store.atomically`. */
export interface ForwardingStore {
  /** Records that a report is about to be sent (state `sending`). */
  begin(record: Pick<ForwardedRequest, 'id' | 'owner' | 'key' | 'requestHash' | 'city' | 'service' | 'endpoint'>, at: string): void;
  find(owner: string, key: string): ForwardedRequest | undefined;
  ofOrder(orderId: string): ForwardedRequest | undefined;
  /** The endpoint answered (or could not be heard): the report's order and what is known of it. */
  settle(id: string, fields: { state: Forwarding['state']; orderId: string; serviceRequestId?: string; token?: string }, at: string): void;
  /** The endpoint refused the report or never got it: the key is free to send it again. */
  forget(id: string): void;
  /** A status check happened (whatever it found); `serviceRequestId` when a token lookup produced one. */
  checked(id: string, at: string, serviceRequestId?: string): void;

  // --- the sandbox Open311 endpoint's books -------------------------------------------------------------------
  /** Stores a new sandbox service request and returns its id (`311-<day>-<seq>`). */
  insertSandboxRequest(request: Omit<SandboxServiceRequest, 'id'>, day: string): string;
  getSandboxRequest(id: string): SandboxServiceRequest | undefined;
  /** Service requests the sandbox endpoint has accepted. */
  sandboxRequestCount(): number;
}

interface ForwardedRow {
  id: string;
  owner: string;
  key: string;
  request_hash: string;
  city: string;
  service: string;
  endpoint: string;
  state: ForwardedRequest['state'];
  service_request_id: string | null;
  token: string | null;
  order_id: string | null;
  checked_at: string | null;
}

const fromRow = (row: ForwardedRow): ForwardedRequest => ({
  id: row.id,
  owner: row.owner,
  key: row.key,
  requestHash: row.request_hash,
  city: row.city,
  service: row.service,
  endpoint: row.endpoint,
  state: row.state,
  serviceRequestId: row.service_request_id,
  token: row.token,
  orderId: row.order_id,
  checkedAt: row.checked_at,
});

/** What an order shows of its forwarding (`Order.forwarded`). */
export function forwardingOf(request: ForwardedRequest): Forwarding | undefined {
  if (request.state === 'sending') return undefined;
  return {
    system: 'open311',
    host: new URL(request.endpoint).host,
    state: request.state,
    ...(request.serviceRequestId ? { serviceRequestId: request.serviceRequestId } : {}),
    ...(request.token ? { token: request.token } : {}),
  };
}

export function createForwardingStore(db: Database.Database): ForwardingStore {
  const s = {
    begin: db.prepare(
      `INSERT INTO forwarded_requests (id, owner, key, request_hash, city, service, endpoint, state, created_at, updated_at)
       VALUES (@id, @owner, @key, @requestHash, @city, @service, @endpoint, 'sending', @at, @at)`,
    ),
    find: db.prepare<[string, string], ForwardedRow>('SELECT * FROM forwarded_requests WHERE owner = ? AND key = ?'),
    ofOrder: db.prepare<[string], ForwardedRow>('SELECT * FROM forwarded_requests WHERE order_id = ?'),
    settle: db.prepare(
      `UPDATE forwarded_requests SET state = @state, order_id = @orderId, service_request_id = @serviceRequestId, token = @token,
       updated_at = @at WHERE id = @id AND state = 'sending'`,
    ),
    forget: db.prepare("DELETE FROM forwarded_requests WHERE id = ? AND state = 'sending'"),
    checked: db.prepare(
      'UPDATE forwarded_requests SET checked_at = ?, service_request_id = COALESCE(service_request_id, ?), updated_at = ? WHERE id = ?',
    ),
    insertSandbox: db.prepare<[string, string, string, string]>(
      'INSERT INTO sandbox_open311_requests (id, jurisdiction_id, service_code, requested_at) VALUES (?, ?, ?, ?)',
    ),
    nextSandboxSeq: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM sandbox_open311_requests'),
    getSandbox: db.prepare<[string], { id: string; jurisdiction_id: string; service_code: string; requested_at: string }>(
      'SELECT id, jurisdiction_id, service_code, requested_at FROM sandbox_open311_requests WHERE id = ?',
    ),
    countSandbox: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sandbox_open311_requests'),
  };

  return {
    begin: (record, at) => void s.begin.run({ ...record, at }),
    find(owner, key) {
      const row = s.find.get(owner, key);
      return row && fromRow(row);
    },
    ofOrder(orderId) {
      const row = s.ofOrder.get(orderId);
      return row && fromRow(row);
    },
    settle(id, fields, at) {
      s.settle.run({
        id, at, state: fields.state, orderId: fields.orderId, serviceRequestId: fields.serviceRequestId ?? null, token: fields.token ?? null,
      });
    },
    forget: (id) => void s.forget.run(id),
    checked: (id, at, serviceRequestId) => void s.checked.run(at, serviceRequestId ?? null, at, id),
    insertSandboxRequest(request, day) {
      const seq = s.nextSandboxSeq.get()!.n;
      const id = `311-${day}-${String(seq).padStart(6, '0')}`;
      s.insertSandbox.run(id, request.jurisdictionId, request.serviceCode, request.requestedAt);
      return id;
    },
    getSandboxRequest(id) {
      const row = s.getSandbox.get(id);
      return row && { id: row.id, jurisdictionId: row.jurisdiction_id, serviceCode: row.service_code, requestedAt: row.requested_at };
    },
    sandboxRequestCount: () => s.countSandbox.get()!.n,
  };
}
