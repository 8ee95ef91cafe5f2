import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run. Append new
 * migrations, never edit old ones.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the ledger — submissions, orders with their timelines, bills, idempotency keys.
  `
  CREATE TABLE submissions (
    id          TEXT PRIMARY KEY,
    owner       TEXT,
    city        TEXT NOT NULL,
    service     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    -- SHA-256 of the canonical validated values: the raw values (ID numbers, plates) are not kept.
    values_hash TEXT NOT NULL,
    status      TEXT NOT NULL,
    -- The SubmissionResult as sent (personal data already masked by the provider).
    result      TEXT NOT NULL,
    created_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX submissions_owner ON submissions (owner, created_at);

  CREATE TABLE orders (
    id            TEXT PRIMARY KEY,
    owner         TEXT,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    reference     TEXT NOT NULL UNIQUE,
    city          TEXT NOT NULL,
    service       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    status        TEXT NOT NULL,
    booking       TEXT,
    -- Local (China Standard Time) day of creation, YYYYMMDD: numbers human references per city and day.
    day           TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX orders_owner ON orders (owner, created_at DESC);
  CREATE INDEX orders_city_day ON orders (city, day);

  CREATE TABLE order_events (
    order_id TEXT NOT NULL REFERENCES orders (id),
    seq      INTEGER NOT NULL,
    status   TEXT NOT NULL,
    at       TEXT NOT NULL,
    note     TEXT,
    PRIMARY KEY (order_id, seq)
  ) STRICT;

  CREATE TABLE bills (
    id            TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    owner         TEXT,
    city          TEXT NOT NULL,
    service       TEXT NOT NULL,
    reference     TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (amount >= 0),
    currency      TEXT NOT NULL,
    status        TEXT NOT NULL,
    data          TEXT NOT NULL,
    created_at    TEXT NOT NULL
  ) STRICT;

  CREATE TABLE idempotency_keys (
    owner         TEXT NOT NULL,
    key           TEXT NOT NULL,
    method        TEXT NOT NULL,
    path          TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (owner, key)
  ) STRICT;
  `,
  // 2: payments — payments with their timelines, the charge ledger, received notifications, and the sandbox
  // provider's own books (its trades and its durable notification outbox).
  `
  CREATE TABLE payments (
    id              TEXT PRIMARY KEY,
    owner           TEXT,
    bill_id         TEXT NOT NULL REFERENCES bills (id),
    provider        TEXT NOT NULL CHECK (provider IN ('sandbox', 'wechat', 'alipay', 'redirect')),
    status          TEXT NOT NULL CHECK (status IN ('created', 'awaiting_user', 'processing', 'succeeded', 'failed', 'canceled', 'expired')),
    amount          INTEGER NOT NULL CHECK (amount > 0),
    currency        TEXT NOT NULL,
    -- The Bill as it was when the payment was created.
    bill            TEXT NOT NULL,
    return_url      TEXT,
    trade_no        TEXT UNIQUE,
    params          TEXT,
    expires_at      TEXT NOT NULL,
    expires_ms      INTEGER NOT NULL,
    extensions_left INTEGER NOT NULL CHECK (extensions_left >= 0),
    order_id        TEXT REFERENCES orders (id),
    failure         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  ) STRICT;
  -- At most one live payment and at most one successful payment per bill, whatever the code above does.
  CREATE UNIQUE INDEX payments_live_bill ON payments (bill_id) WHERE status IN ('created', 'awaiting_user', 'processing');
  CREATE UNIQUE INDEX payments_succeeded_bill ON payments (bill_id) WHERE status = 'succeeded';
  CREATE INDEX payments_open ON payments (expires_ms) WHERE status IN ('created', 'awaiting_user', 'processing');
  CREATE INDEX payments_bill ON payments (bill_id, created_at);

  CREATE TABLE payment_events (
    payment_id TEXT NOT NULL REFERENCES payments (id),
    seq        INTEGER NOT NULL,
    status     TEXT NOT NULL,
    at         TEXT NOT NULL,
    source     TEXT NOT NULL,
    reason     TEXT,
    PRIMARY KEY (payment_id, seq)
  ) STRICT;

  -- The ledger: one row per amount captured from a payer. A bill, a payment and a provider trade can each be
  -- charged once: a second charge is a constraint violation, not a code path.
  CREATE TABLE charges (
    id         TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments (id),
    bill_id    TEXT NOT NULL UNIQUE REFERENCES bills (id),
    provider   TEXT NOT NULL,
    trade_no   TEXT NOT NULL UNIQUE,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    currency   TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  -- Every provider notification received (idempotency on the provider's notification id) and what it did.
  CREATE TABLE payment_notifications (
    provider    TEXT NOT NULL,
    id          TEXT NOT NULL,
    payment_id  TEXT NOT NULL,
    sequence    INTEGER NOT NULL,
    state       TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (provider, id)
  ) STRICT;

  -- The sandbox provider's books (in production these live at WeChat Pay / Alipay).
  CREATE TABLE sandbox_trades (
    trade_no     TEXT PRIMARY KEY,
    out_trade_no TEXT NOT NULL UNIQUE,
    provider     TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    scenario     TEXT NOT NULL,
    state        TEXT NOT NULL,
    -- Provider queries answered since the user authorised (the "succeeds after N polls" scenario).
    queries      INTEGER NOT NULL DEFAULT 0,
    -- 1 once money moved from the payer; never goes back to 0.
    captured     INTEGER NOT NULL DEFAULT 0,
    -- The next query goes unanswered (the "provider timeout" scenario).
    hang_next    INTEGER NOT NULL DEFAULT 0,
    -- A notification of this trade was acknowledged with a 2xx.
    notified     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
  ) STRICT;

  -- The sandbox provider's durable timer queue of notifications: a restart still delivers them.
  CREATE TABLE sandbox_outbox (
    seq             INTEGER PRIMARY KEY,
    notification_id TEXT NOT NULL,
    trade_no        TEXT NOT NULL REFERENCES sandbox_trades (trade_no),
    provider        TEXT NOT NULL,
    body            TEXT NOT NULL,
    due_ms          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    delivered_at    TEXT,
    gave_up_at      TEXT,
    last_error      TEXT
  ) STRICT;
  CREATE INDEX sandbox_outbox_due ON sandbox_outbox (due_ms) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
  `,
  // 3: reports forwarded to Open311 GeoReport v2 endpoints, and the books of the sandbox Open311 endpoint.
  `
  -- One row per idempotency key whose report was (or is being) sent on. 'sending' is written before the POST goes
  -- out, so a restart in the middle finds it and never sends the same report twice.
  CREATE TABLE forwarded_requests (
    id                 TEXT PRIMARY KEY,
    -- '' for anonymous submissions, as in idempotency_keys.
    owner              TEXT NOT NULL,
    key                TEXT NOT NULL,
    request_hash       TEXT NOT NULL,
    city               TEXT NOT NULL,
    service            TEXT NOT NULL,
    -- The endpoint as the catalog names it.
    endpoint           TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('sending', 'confirmed', 'unknown')),
    service_request_id TEXT,
    token              TEXT,
    order_id           TEXT UNIQUE REFERENCES orders (id),
    -- When the endpoint was last asked for the request's status.
    checked_at         TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (owner, key)
  ) STRICT;

  -- The sandbox endpoint's service requests (in production these live in the city's system). Only what GeoReport
  -- publishes about a request is kept: no contact details, no description, no attributes.
  CREATE TABLE sandbox_open311_requests (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    jurisdiction_id TEXT NOT NULL,
    service_code    TEXT NOT NULL,
    requested_at    TEXT NOT NULL
  ) STRICT;
  `,
];

/** Applies pending migrations, each in its own transaction. Refuses a database from a newer server. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server supports (${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return MIGRATIONS.length;
}
