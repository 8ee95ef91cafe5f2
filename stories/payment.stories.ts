import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { Bill } from '@cityhub/schema';
import type { CityPayment } from '@cityhub/components';
import { API, FakePaymentApi, sampleBill, testHub, type Outcome } from '../packages/components/test/helpers/payment-api.js';
import { docsFor } from './support/docs.js';
import { attr, clickIn, commonArgs, commonArgTypes, settled, wait, type CommonArgs } from './support/controls.js';

/**
 * Where the story's play function takes the payment, as a user would: press confirm, pay or cancel in the
 * sandbox wallet. The in-page payments API (`FakePaymentApi`) decides the rest (`outcome`, `ttl`, held requests).
 */
type Step = 'confirm' | 'creating' | 'wallet' | 'verifying' | 'pay' | 'cancel' | 'resumed' | 'none';

interface Args extends Pick<CommonArgs, 'lang' | 'mode'> {
  providers: string;
  warnBefore: number;
  headingLevel: number;
  /** What the payment provider does once the user pays (mock API, not part of the component). */
  outcome: Outcome;
  /** Seconds an unpaid order stays payable (mock API). */
  ttl: number;
  step: Step;
  /** The mock API cannot be reached (every request fails like `fetch` offline). */
  offline: boolean;
  /** The mock client never says whether a payment is in progress (the element keeps loading). */
  stuck: boolean;
  onCityPaymentState: (event: Event) => void;
  onCityPaymentComplete: (event: Event) => void;
  onCityPaymentFailed: (event: Event) => void;
  onCityPaymentCanceled: (event: Event) => void;
}

interface Setup {
  api: FakePaymentApi;
  bill: Bill;
  client: ReturnType<typeof testHub>;
}

/** Each rendering's setup, by the `data-prefix` of its element (also its sessionStorage prefix). */
const setups = new Map<string, Setup>();
let renderings = 0;

/** A fresh in-page payments API, bill and SDK client for one rendering of a story. */
function setup(args: Args, prefix: string): Setup {
  const api = new FakePaymentApi();
  api.outcome = args.outcome;
  api.ttlMs = args.ttl * 1000;
  // Offline: every request fails the way `fetch` does without a network.
  if (args.offline) Object.defineProperty(api, 'fetch', { value: () => Promise.reject(new TypeError('Failed to fetch')) });
  const bill = api.addBill(sampleBill({ payer: '13812345678' }));
  // A long per-attempt timeout keeps held requests (creating, verifying) on screen instead of retried.
  const client = testHub(api, { prefix, budgetMs: 1500, timeoutMs: 600_000 });
  if (args.stuck) Object.assign(client.payments, { inProgress: () => new Promise<string[]>(() => {}) });
  return { api, bill, client };
}

/** Waits (up to 5 s) until the element shows the part. */
async function appears(el: CityPayment, part: string): Promise<void> {
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector(`[part~="${part}"]`); i++) await wait(50);
  await settled(el);
}

/** Presses a button of the element once it is there, as a user would. */
async function press(el: CityPayment | null, part: string): Promise<void> {
  if (!el) return;
  await appears(el, part);
  await clickIn(el, `[part~="${part}"]`);
}

/** Takes the story's payment to `step` (the wallet, a held request…). */
async function drive(canvas: HTMLElement, args: Args): Promise<void> {
  const el = canvas.querySelector<CityPayment>('city-payment');
  const prefix = el?.dataset['prefix'] ?? '';
  const s = setups.get(prefix);
  if (!el || !s || args.step === 'none') return;
  if (args.step === 'resumed') {
    // As after a reload: a payment created earlier with the key this tab persisted; nobody is in the wallet now.
    const key = crypto.randomUUID();
    const response = await s.api.fetch(`${API}v1/payments`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ billId: s.bill.id, provider: 'sandbox' }),
    });
    const { id } = (await response.json()) as { id: string };
    sessionStorage.setItem(`${prefix}${s.bill.id}`, JSON.stringify({ paymentId: id, idempotencyKey: key, step: 'awaiting_user' }));
    el.bill = s.bill;
    await wait(300);
    return settled(el);
  }
  if (args.step === 'creating') s.api.hold('POST', /^\/v1\/payments$/, Infinity);
  if (args.step === 'verifying') s.api.hold('POST', /\/confirm$/, Infinity);
  await press(el, 'confirm');
  if (args.step === 'confirm' || args.step === 'creating') return void (await wait(300));
  if (args.step === 'wallet') return void (await appears(el, 'wallet-pay'));
  await press(el, args.step === 'cancel' ? 'wallet-cancel' : 'wallet-pay');
  await wait(args.outcome === 'never' ? 2000 : 500);
  await settled(el);
}

const meta = {
  title: 'Components/Payment',
  component: 'city-payment',
  args: {
    lang: commonArgs.lang,
    mode: commonArgs.mode,
    providers: 'sandbox',
    warnBefore: 120,
    headingLevel: 2,
    outcome: 'success',
    ttl: 900,
    step: 'none',
    offline: false,
    stuck: false,
    onCityPaymentState: fn(),
    onCityPaymentComplete: fn(),
    onCityPaymentFailed: fn(),
    onCityPaymentCanceled: fn(),
  },
  argTypes: {
    lang: commonArgTypes.lang,
    mode: commonArgTypes.mode,
    providers: {
      control: 'text',
      description: 'Payment methods to offer (`sandbox`, `wechat`, `alipay`, `redirect`); empty: every one the client can use here.',
      table: { category: 'attributes' },
    },
    warnBefore: { name: 'warn-before', control: { type: 'number', min: 20 }, table: { category: 'attributes' } },
    headingLevel: { name: 'heading-level', control: { type: 'number', min: 2, max: 6 }, table: { category: 'attributes' } },
    outcome: { control: 'inline-radio', options: ['success', 'decline', 'never'], table: { category: 'mock API' } },
    ttl: { control: { type: 'number', min: 1 }, description: 'Seconds an unpaid order stays payable.', table: { category: 'mock API' } },
    step: {
      control: 'select',
      options: ['none', 'confirm', 'creating', 'wallet', 'verifying', 'pay', 'cancel', 'resumed'],
      description: 'Where the play function takes the payment (re-run the story to play it again).',
      table: { category: 'mock API' },
    },
    offline: { control: 'boolean', table: { category: 'mock API' } },
    stuck: { control: 'boolean', table: { category: 'mock API' } },
    onCityPaymentState: { table: { disable: true } },
    onCityPaymentComplete: { table: { disable: true } },
    onCityPaymentFailed: { table: { disable: true } },
    onCityPaymentCanceled: { table: { disable: true } },
  },
  render: (args) => {
    const prefix = `cityhub:story:${++renderings}:`;
    const s = setup(args, prefix);
    setups.set(prefix, s);
    return html`<city-payment
      providers=${ifDefined(attr(args.providers))}
      warn-before=${args.warnBefore}
      heading-level=${args.headingLevel}
      mode=${args.mode}
      lang=${ifDefined(attr(args.lang))}
      data-prefix=${prefix}
      .bill=${args.step === 'resumed' ? undefined : s.bill}
      .client=${s.client}
      @city-payment-state=${args.onCityPaymentState}
      @city-payment-complete=${args.onCityPaymentComplete}
      @city-payment-failed=${args.onCityPaymentFailed}
      @city-payment-canceled=${args.onCityPaymentCanceled}
    ></city-payment>`;
  },
  play: async ({ canvasElement, args }) => drive(canvasElement, args),
  parameters: {
    docs: docsFor('city-payment', 'Pays a sample water bill through the real SDK (`hub.payments`) over an in-page payments API that follows the ' +
          'reference server’s rules (idempotency keys, one live payment per bill, expiry, extend, a sandbox wallet). Each state story’s ' +
          'play function presses the buttons a user would; on this Docs page the stories show their first step.'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The confirm step: amount in yuan, payee, reference and masked payer, checked before any provider runs. */
export const Default: Story = {};

/** More than one method: the choice is part of the confirm step. */
export const ChooseMethod: Story = { args: { providers: 'sandbox redirect' } };

/** Creating the payment (the create request is held). */
export const Creating: Story = { args: { step: 'creating' } };

/** The sandbox wallet is open (`awaiting_user`): pay or cancel there. */
export const Wallet: Story = { name: 'Awaiting user (wallet)', args: { step: 'wallet' } };

/** Less than `warn-before` seconds left: the warning, with "extend the time". */
export const ExpiryWarning: Story = { args: { step: 'wallet', ttl: 90 } };

/** Verifying with the server (the confirm answer is held). */
export const Verifying: Story = { args: { step: 'verifying' } };

/** Paid: the receipt with the payment id and time. */
export const Succeeded: Story = { name: 'Succeeded (receipt)', args: { step: 'pay' } };

/** Canceled in the wallet: nothing charged, "pay again". */
export const Canceled: Story = { args: { step: 'cancel' } };

/** The order expired unpaid (here after 2 s): "pay again". */
export const Expired: Story = { args: { step: 'wallet', ttl: 2, warnBefore: 20 } };

/** Verification ran out of time: the reference and "check again", never an endless spinner. */
export const Pending: Story = { args: { step: 'pay', outcome: 'never' } };

/** After a reload with a payment awaiting the user: back to the same payment ("continue to pay"), no new order. */
export const Resumed: Story = { args: { step: 'resumed' } };

/** The user canceled at the confirm step. */
export const Idle: Story = {
  name: 'Idle (canceled at confirm)',
  play: async ({ canvasElement }) => press(canvasElement.querySelector('city-payment'), 'cancel'),
};

/** Before the element knows where the payment stands (the SDK's store and the server are asked first). */
export const Loading: Story = { args: { stuck: true } };

/** No payment method can run here (only Alipay asked for, outside Alipay). */
export const Empty: Story = { name: 'Empty (no payment method)', args: { providers: 'alipay' } };

/** The provider declined: nothing charged, announced assertively, "pay again". */
export const Error: Story = { name: 'Error (declined)', args: { step: 'pay', outcome: 'decline' } };

/** Offline after confirming: never shown as failed — pending, with "check again". */
export const Offline: Story = { args: { step: 'confirm', offline: true } };

export const Elder: Story = { args: { mode: 'elder' } };

export const ElderWallet: Story = { name: 'Elder (wallet)', args: { mode: 'elder', step: 'wallet' } };

export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans' } };

export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant' } };

export const English: Story = { name: 'en', args: { lang: 'en', step: 'pay' } };

export const Dark: Story = { parameters: { cityhub: { theme: 'dark' } } };

export const DarkReceipt: Story = { name: 'Dark (receipt)', args: { step: 'pay' }, parameters: { cityhub: { theme: 'dark' } } };
