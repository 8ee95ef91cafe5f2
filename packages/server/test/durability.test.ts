import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { OrderList, SubmissionResult } from '@cityhub/schema';
import { kill9, launchServer, postJson, submissionPath, tempDir, type ServerProcess } from './helpers.js';

describe('durable ledger', () => {
  const dir = tempDir('cityhub-durability-');
  const children: ServerProcess[] = [];
  after(() => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    dir.remove();
  });

  it('keeps every acknowledged order and idempotency key across kill -9 and restart', async () => {
    const token = 'sandbox-durable';
    const first = await launchServer(dir.path);
    children.push(first);
    const path = submissionPath('440300', 'city-management-report');
    const body = (i: number) => ({ values: { category: 'garbage', location: `深南大道 ${i} 号`, description: `第 ${i} 次上报` } });

    // Phase 1: sequential, every one acknowledged.
    const acknowledged = new Map<string, { key: string; body: string; orderId: string }>();
    for (let i = 0; i < 10; i++) {
      const key = `durable-${i}`;
      const res = await postJson(first.url, path, body(i), { token, key });
      assert.equal(res.status, 201);
      const text = await res.text();
      acknowledged.set(key, { key, body: text, orderId: SubmissionResult.parse(JSON.parse(text)).order!.id });
    }

    // Phase 2: a burst of 30 in flight; kill -9 the moment the 5th response of the burst arrives.
    let received = 0;
    let lost = 0;
    let killing: Promise<void> | undefined;
    await Promise.all(Array.from({ length: 30 }, async (_, j) => {
      const i = 100 + j;
      const key = `durable-${i}`;
      try {
        const res = await postJson(first.url, path, body(i), { token, key });
        const text = await res.text();
        if (res.status === 201) {
          acknowledged.set(key, { key, body: text, orderId: SubmissionResult.parse(JSON.parse(text)).order!.id });
          if (++received === 5) killing = kill9(first);
        }
      } catch {
        lost++; // connection reset by the kill: never acknowledged, so the client may not assume anything
      }
    }));
    await killing;
    assert.ok(killing, 'the server was killed during the burst');

    // Restart on the same data directory.
    const second = await launchServer(dir.path);
    children.push(second);
    const list = OrderList.parse(await (await fetch(`${second.url}/v1/orders?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json());
    const present = new Set(list.orders.map((o) => o.id));
    const missing = [...acknowledged.values()].filter((a) => !present.has(a.orderId));
    console.log(`# durability: ${acknowledged.size} orders acknowledged before kill -9, ${acknowledged.size - missing.length} present after restart, ` +
      `${lost} in-flight requests cut off, ${list.orders.length} orders stored in total`);
    assert.deepEqual(missing.map((m) => m.key), []);

    // The idempotency keys survived too: retrying an acknowledged request replays it, never a second order.
    for (const key of ['durable-0', [...acknowledged.keys()].at(-1)!]) {
      const i = Number(key.split('-')[1]);
      const retry = await postJson(second.url, path, body(i), { token, key });
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.equal(await retry.text(), acknowledged.get(key)!.body);
    }
    // A cut-off request retried with its key is processed exactly once. These reports go on to the sandbox Open311
    // endpoint: one the kill caught between sending and recording is never sent again, but recorded as unknown (202).
    const retried = await postJson(second.url, path, body(129), { token, key: 'durable-129' });
    const retriedText = await retried.text();
    assert.ok([201, 202].includes(retried.status), `${retried.status}: ${retriedText}`);
    const retriedOrder = SubmissionResult.parse(JSON.parse(retriedText)).order!;
    assert.equal(retriedOrder.forwarded?.state, retried.status === 201 ? 'confirmed' : 'unknown');
    const again = await postJson(second.url, path, body(129), { token, key: 'durable-129' });
    assert.equal(await again.text(), retriedText, 'and replayed from then on');
    const after = OrderList.parse(await (await fetch(`${second.url}/v1/orders?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json());
    assert.equal(new Set(after.orders.map((o) => o.reference)).size, after.orders.length, 'references stay unique across restarts');

    // Graceful stop on SIGTERM.
    const exited = once(second.process, 'exit');
    second.process.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });
});
