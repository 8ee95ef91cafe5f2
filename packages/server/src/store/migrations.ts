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
