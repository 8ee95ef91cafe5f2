import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { SubmissionResult } from '@cityhub/schema';
import { FakeHttpError, OfflineError, storyClient, validationError, type StoryHubClient } from './support/client.js';
import { docsFor } from './support/docs.js';
import { attr, clickIn, commonArgs, commonArgTypes, settled, wait, type CommonArgs } from './support/controls.js';
import { FORM_SERVICES, SHENZHEN, serviceOf, violationResult } from './support/data.js';

/** How the mocked client answers `submit()`. */
type SubmitOutcome = 'success' | 'never' | 'http-503' | 'offline' | 'validation-failed';

interface Args extends Omit<CommonArgs, 'scenario'> {
  service: string;
  city: string;
  submitMode: 'event' | 'client';
  pending: boolean;
  /** Start with valid sample values (`.initialValues`), so Submit goes through. */
  prefilled: boolean;
  /** Show a provider's answer under the form (`.result`, as the hub sets it in `event` mode). */
  withResult: boolean;
  outcome: SubmitOutcome;
  /** Text in the `intro` slot. */
  intro: string;
  onCitySubmit: (event: Event) => void;
  onCitySubmissionComplete: (event: Event) => void;
}

/** Valid values for the sample services (submission form: amounts in fen). */
const SAMPLE_VALUES: Record<string, Record<string, unknown>> = {
  'traffic-violation-query': { plate: '粤B12345', engineTail: '123456' },
  'housing-fund-query': { idNumber: '11010519491231002X', mobile: '13812345678' },
  'medical-insurance-query': { idNumber: '11010519491231002X' },
  'social-security-query': { name: '张三', idNumber: '11010519491231002X' },
  'traffic-fine-payment': { decisionNumber: '440300123456789', mobile: '13812345678' },
  'water-bill-payment': { accountNumber: '12345678' },
  'electricity-bill-payment': { accountNumber: '1234567890' },
  'transit-card-top-up': { cardNumber: '1234567890', amount: 5000 },
  'move-car': { plate: '粤B12345', mobile: '13812345678', message: '堵住出口了' },
};

function clientFor(outcome: SubmitOutcome, latency: number): StoryHubClient {
  const client = storyClient({ latency });
  client.submitHandler = (city, code, values) => {
    switch (outcome) {
      case 'never': return new Promise<SubmissionResult>(() => {});
      case 'http-503': throw new FakeHttpError(503);
      case 'offline': throw new OfflineError();
      case 'validation-failed': {
        const field = serviceOf(code, city).form?.fields[0]?.code ?? 'value';
        throw validationError(field, '服务商未找到该记录，请核对后再试 / The provider found no such record');
      }
      default: return storyClient().submitHandler(city, code, values);
    }
  };
  // `http-503` fails once, like a flaky provider: Retry (same idempotency key) then works.
  if (outcome === 'http-503') {
    let failed = false;
    const handler = client.submitHandler;
    client.submitHandler = (city, code, values) => {
      if (!failed) {
        failed = true;
        return handler(city, code, values);
      }
      return storyClient().submitHandler(city, code, values);
    };
  }
  return client;
}

const meta = {
  title: 'Components/Service form',
  component: 'city-service-form',
  args: {
    lang: commonArgs.lang,
    mode: commonArgs.mode,
    latency: 600,
    service: 'traffic-violation-query',
    city: SHENZHEN,
    submitMode: 'client',
    pending: false,
    prefilled: false,
    withResult: false,
    outcome: 'success',
    intro: '',
    onCitySubmit: fn(),
    onCitySubmissionComplete: fn(),
  },
  argTypes: {
    lang: commonArgTypes.lang,
    mode: commonArgTypes.mode,
    latency: commonArgTypes.latency,
    service: {
      control: 'select',
      options: [...FORM_SERVICES, 'weather-forecast'],
      description: 'Which sample service’s form (`.service`).',
      table: { category: 'properties' },
    },
    city: { control: 'text', table: { category: 'attributes' } },
    submitMode: { name: 'submit-mode', control: 'inline-radio', options: ['event', 'client'], table: { category: 'attributes' } },
    pending: { control: 'boolean', table: { category: 'attributes' } },
    prefilled: { control: 'boolean', description: 'Valid sample `.initialValues`.', table: { category: 'properties' } },
    withResult: { control: 'boolean', description: 'A sample `.result` under the form.', table: { category: 'properties' } },
    outcome: {
      control: 'select',
      options: ['success', 'never', 'http-503', 'offline', 'validation-failed'],
      description: 'What the mocked client’s `submit()` does in `client` mode (`http-503` fails once).',
      table: { category: 'mock client' },
    },
    intro: { control: 'text', description: 'Content of the `intro` slot.', table: { category: 'slots' } },
    onCitySubmit: { table: { disable: true } },
    onCitySubmissionComplete: { table: { disable: true } },
  },
  render: (args) => {
    const service = serviceOf(args.service, args.city || SHENZHEN);
    return html`<city-service-form
      city=${args.city}
      submit-mode=${args.submitMode}
      mode=${args.mode}
      lang=${ifDefined(attr(args.lang))}
      ?pending=${args.pending}
      .service=${service}
      .initialValues=${args.prefilled ? SAMPLE_VALUES[args.service] : undefined}
      .result=${args.withResult ? violationResult({ city: args.city || SHENZHEN }) : undefined}
      .now=${() => new Date('2026-11-23T09:00:00+08:00')}
      .client=${clientFor(args.outcome, args.latency)}
      @city-submit=${args.onCitySubmit}
      @city-submission-complete=${args.onCitySubmissionComplete}
    >${args.intro ? html`<p slot="intro">${args.intro}</p>` : nothing}</city-service-form>`;
  },
  parameters: {
    docs: docsFor('city-service-form', 'The form of a sample service. In `client` mode it submits through a mocked in-memory `HubClient`; the ' +
          '**mock client** control chooses the answer (result, never, HTTP 503 once, offline, server-side validation failure).'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Presses the form's submit button, as a user would. */
const submit: Story['play'] = async ({ canvasElement, args }) => {
  const form = canvasElement.querySelector('city-service-form');
  await clickIn(form, 'button[part~="submit"]');
  await wait(args.latency + 200);
  await settled(form);
};

/** Traffic-violation lookup (plate + engine number). Submit to see validation, then fill it in. */
export const Default: Story = {};

/** `submit-mode="client"` with valid values: submitted through the client; the provider's answer renders below. */
export const Submitted: Story = { args: { prefilled: true }, play: submit };

/** Submit with empty required fields: errors linked to fields, a summary, focus on the first invalid field. */
export const ValidationErrors: Story = { play: submit };

/** The provider rejects a value (`validation_failed` from the server): shown on the field like a local error. */
export const ServerValidationError: Story = { args: { prefilled: true, outcome: 'validation-failed' }, play: submit };

/** Submitting, waiting for the provider (`pending`): the button says so and the form is `aria-busy`. */
export const Loading: Story = { name: 'Loading (submitting)', args: { prefilled: true, outcome: 'never' }, play: submit };

/** The `pending` attribute set by a host in `event` mode. */
export const PendingAttribute: Story = { args: { pending: true, submitMode: 'event', prefilled: true } };

/** A service with no form (information only, e.g. the weather): nothing to fill in. */
export const Empty: Story = { name: 'Empty (no form)', args: { service: 'weather-forecast' } };

/** The provider fails once (HTTP 503): the error with **Retry**; Retry reuses the idempotency key and works. */
export const ErrorRetry: Story = { name: 'Error (retry)', args: { prefilled: true, outcome: 'http-503' }, play: submit };

/** Offline: the request never reached the server (network error): "could not submit" with **Retry**. */
export const Offline: Story = { args: { prefilled: true, outcome: 'offline' }, play: submit };

/** Event mode with a result set by the host (`.result`): the masked summary and `<city-submission-result>`. */
export const WithResult: Story = { args: { submitMode: 'event', withResult: true } };

/** Booking: dates bounded by the service (tomorrow … 30 days), time slots as radios, stations as a select. */
export const Booking: Story = { args: { service: 'vehicle-inspection-booking' } };

/** Amounts typed in yuan with presets, submitted in fen. */
export const Payment: Story = { args: { service: 'transit-card-top-up', prefilled: true } };

/** Multi-select, long text, date-time, number and optional mobile. */
export const Report: Story = { args: { service: 'city-management-report' } };

/** The `intro` slot above the fields. */
export const IntroSlot: Story = { args: { intro: '请准备好行驶证：车牌号与发动机号后六位。' } };

export const Elder: Story = { args: { mode: 'elder' } };

export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans' } };

export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant' } };

export const English: Story = { name: 'en', args: { lang: 'en' } };

/** Dark, with validation errors showing (danger colour on the dark surface). */
export const Dark: Story = { parameters: { cityhub: { theme: 'dark' } }, play: submit };

export const DarkElder: Story = { parameters: { cityhub: { theme: 'dark', elder: true } } };
