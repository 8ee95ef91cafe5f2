/**
 * Payment routes: `/v1/payments…` (create, read, confirm, cancel, extend, provider notifications) and the sandbox
 * provider's own pages (`/v1/sandbox/wallet/:tradeNo` for wallet simulations, `/v1/sandbox/pay/:tradeNo` for the
 * hosted checkout of the redirect provider). Every payment response is `Cache-Control: no-store`.
 */
import type { Context } from 'hono';
import { CreatePaymentRequest } from '@cityhub/schema';
import { ApiError, badRequest, notFound } from '../errors.js';
import { idempotencyKeyOf, isJsonContentType, readBodyLimited } from '../http.js';
import { identify } from '../identity.js';
import type { PaymentService } from './service.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's context type, kept opaque here
type Ctx = Context<any, any>;
type Handler = (c: Ctx) => Response | Promise<Response>;

export interface PaymentRouteKit {
  route: (path: string, handlers: { GET?: Handler; POST?: Handler }) => void;
  json: (c: Ctx, status: number, text: string, headers?: Record<string, string>) => Response;
  readJson: (c: Ctx) => Promise<unknown>;
  payments: PaymentService;
  maxBodyBytes: number;
}

const originOf = (c: Ctx) => new URL(c.req.url).origin;
const ownerOf = (c: Ctx) => identify(c.req.header('authorization'))?.owner ?? null;

const keyOf = (c: Ctx, required: boolean): string | undefined =>
  idempotencyKeyOf(c.req.method, c.req.path, c.req.header('idempotency-key'), required ? 'once per payment' : undefined);

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function registerPaymentRoutes(kit: PaymentRouteKit): void {
  const { route, json, payments } = kit;
  const send = (c: Ctx, status: number, body: unknown, headers: Record<string, string> = {}) => json(c, status, JSON.stringify(body), headers);

  // Registered before `/v1/payments/:id/…` so `notify` is never read as a payment id.
  route('/v1/payments/notify/:provider', {
    POST: async (c) => {
      if (!isJsonContentType(c.req.header('content-type'))) throw new ApiError(415, 'unsupported_media_type', 'notifications must be application/json');
      const raw = new TextDecoder().decode(await readBodyLimited(c.req.raw, kit.maxBodyBytes));
      const { outcome } = payments.notify(c.req.param('provider') ?? '', raw, c.req.header('sandbox-signature'));
      return send(c, 200, { received: true, outcome });
    },
  });

  route('/v1/payments', {
    POST: async (c) => {
      const owner = ownerOf(c);
      const key = keyOf(c, true)!;
      const parsed = CreatePaymentRequest.safeParse(await kit.readJson(c));
      if (!parsed.success) throw badRequest('request body must be {"billId": string, "provider": "sandbox"|"wechat"|"alipay"|"redirect", "returnUrl"?: https URL}');
      const outcome = await payments.create({ owner, key, body: parsed.data, origin: originOf(c) });
      const headers: Record<string, string> = { Location: `/v1/payments/${outcome.payment.id}` };
      if (outcome.replayed) headers['Idempotent-Replayed'] = 'true';
      return send(c, outcome.status, outcome.payment, headers);
    },
    GET: async (c) => {
      const billId = c.req.query('billId');
      if (!billId || billId.length > 128) throw badRequest('billId is required');
      return send(c, 200, { payments: await payments.list(billId, ownerOf(c), originOf(c)) });
    },
  });

  route('/v1/payments/:id', {
    GET: async (c) => send(c, 200, await payments.get(c.req.param('id') ?? '', ownerOf(c), originOf(c))),
  });
  route('/v1/payments/:id/confirm', {
    POST: async (c) => send(c, 200, await payments.confirm(c.req.param('id') ?? '', ownerOf(c), keyOf(c, false), originOf(c))),
  });
  route('/v1/payments/:id/cancel', {
    POST: async (c) => send(c, 200, await payments.cancel(c.req.param('id') ?? '', ownerOf(c), keyOf(c, false))),
  });
  route('/v1/payments/:id/extend', {
    POST: async (c) => {
      const owner = ownerOf(c);
      const key = keyOf(c, true)!;
      return send(c, 200, payments.extend(c.req.param('id') ?? '', owner, key));
    },
  });

  // --- the sandbox provider's side: wallet app and hosted checkout page ---------------------------------------
  route('/v1/sandbox/wallet/:tradeNo', {
    POST: async (c) => {
      const body = (await kit.readJson(c)) as { action?: unknown } | null;
      const action = body?.action;
      if (action !== 'pay' && action !== 'cancel') throw badRequest('body must be {"action": "pay" | "cancel"}');
      const answer = payments.wallet(c.req.param('tradeNo') ?? '', action);
      if (!answer) throw notFound('no such trade');
      if (answer === 'closed') throw new ApiError(409, 'conflict', 'this trade is closed');
      return send(c, 200, answer);
    },
  });

  const page = (c: Ctx, status: number, title: string, body: string) => c.body(
    `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    status as 200,
    { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; form-action 'self'" },
  );
  route('/v1/sandbox/pay/:tradeNo', {
    GET: (c) => {
      const trade = payments.tradeByNumber(c.req.param('tradeNo') ?? '');
      if (!trade) throw notFound('no such trade');
      const yuan = `¥${(trade.amount / 100).toFixed(2)}`;
      return page(c, 200, 'CityHub 沙箱收银台 · Sandbox checkout',
        `<p>应付金额 Amount due: <strong>${escapeHtml(yuan)}</strong></p><p>交易号 Trade: ${escapeHtml(trade.tradeNo)}</p>` +
        `<form method="post"><button name="action" value="pay">确认支付 Pay</button> <button name="action" value="cancel">取消 Cancel</button></form>`);
    },
    POST: async (c) => {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') throw new ApiError(415, 'unsupported_media_type', 'the checkout form posts application/x-www-form-urlencoded');
      const form = new URLSearchParams(new TextDecoder().decode(await readBodyLimited(c.req.raw, kit.maxBodyBytes)));
      const action = form.get('action');
      if (action !== 'pay' && action !== 'cancel') throw badRequest('action must be pay or cancel');
      const answer = payments.wallet(c.req.param('tradeNo') ?? '', action);
      if (!answer) throw notFound('no such trade');
      if (answer === 'closed') return page(c, 409, '交易已关闭 · Trade closed', '<p>This trade can no longer be paid.</p>');
      const returnUrl = payments.returnUrlOf(answer.paymentId);
      if (returnUrl) {
        const back = new URL(returnUrl);
        back.searchParams.set('payment', answer.paymentId);
        return c.body(null, 303, { Location: back.href, 'Cache-Control': 'no-store' });
      }
      return page(c, 200, answer.result === 'ok' ? '已提交 · Submitted' : '未支付 · Not paid', '<p>You can close this page.</p>');
    },
  });
}
