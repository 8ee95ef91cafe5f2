import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { SubmissionResult } from '@cityhub/schema';
import { sampleResult } from './support/client.js';
import { docsFor } from './support/docs.js';
import { attr, commonArgs, commonArgTypes, type CommonArgs } from './support/controls.js';
import { SHENZHEN, violationResult } from './support/data.js';

type Sample = 'violation-query' | 'payment' | 'booking' | 'report' | 'rejected' | 'none';

interface Args extends Pick<CommonArgs, 'lang' | 'mode'> {
  sample: Sample;
  headingLevel: number;
  noPay: boolean;
  onCityBillPay: (event: Event) => void;
}

/** Sample provider answers (the result component renders what it is given; it loads nothing itself). */
function sampleFor(sample: Sample): SubmissionResult | undefined {
  switch (sample) {
    case 'violation-query': return violationResult();
    case 'payment': return sampleResult(SHENZHEN, 'water-bill-payment', { accountNumber: '12345678', amount: 8650 });
    case 'booking': return sampleResult(SHENZHEN, 'vehicle-inspection-booking', { plate: '粤B12345', date: '2026-12-01', timeSlot: 'am' });
    case 'report': return sampleResult(SHENZHEN, 'city-management-report', { problemTypes: 'noise', description: '夜间施工噪音' });
    case 'rejected': return violationResult({
      status: 'rejected',
      summary: { 'zh-Hans': '车牌号与发动机号不匹配', 'zh-Hant': '車牌號與發動機號不匹配', en: 'Plate and engine number do not match' },
      sections: [], bills: [], order: undefined,
    });
    default: return undefined;
  }
}

const meta = {
  title: 'Components/Submission result',
  component: 'city-submission-result',
  args: {
    lang: commonArgs.lang,
    mode: commonArgs.mode,
    sample: 'violation-query',
    headingLevel: 3,
    noPay: false,
    onCityBillPay: fn(),
  },
  argTypes: {
    lang: commonArgTypes.lang,
    mode: commonArgTypes.mode,
    sample: {
      control: 'select',
      options: ['violation-query', 'payment', 'booking', 'report', 'rejected', 'none'],
      description: 'Which sample `.result` to render.',
      table: { category: 'properties' },
    },
    headingLevel: { name: 'heading-level', control: { type: 'number', min: 2, max: 6 }, table: { category: 'attributes' } },
    noPay: { name: 'no-pay', control: 'boolean', table: { category: 'attributes' } },
    onCityBillPay: { table: { disable: true } },
  },
  render: (args) => html`<city-submission-result
      heading-level=${args.headingLevel}
      ?no-pay=${args.noPay}
      mode=${args.mode}
      lang=${ifDefined(attr(args.lang))}
      .result=${sampleFor(args.sample)}
      @city-bill-pay=${args.onCityBillPay}
    ></city-submission-result>`,
  parameters: {
    docs: docsFor('city-submission-result', 'Renders a provider’s answer it is given (`.result`); it does not load anything, so it has no loading, error or ' +
          'offline state of its own — those belong to `<city-service-form>` (see its Loading, Error and Offline stories). ' +
          'Rows marked `sensitive` and bill payers are masked even when a provider sent them in clear.'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** A traffic-violation query: rows (plate and phone masked), an unpaid and a paid fine, an order with its timeline. */
export const Default: Story = {};

/** Without pay buttons (`no-pay`), when the host pays elsewhere. */
export const NoPay: Story = { args: { noPay: true } };

/** A utility bill to pay. Press Pay: `city-bill-pay` (see Actions). */
export const Payment: Story = { args: { sample: 'payment' } };

/** A booking accepted: the order with its date and time slot. */
export const Booking: Story = { args: { sample: 'booking' } };

/** A report accepted, with its order reference. */
export const Report: Story = { args: { sample: 'report' } };

/** The provider rejected the submission. */
export const Rejected: Story = { args: { sample: 'rejected' } };

/** No `.result`: nothing renders. */
export const Empty: Story = { name: 'Empty (no result)', args: { sample: 'none' } };

/** Heading level 2 for a page where the result is a main section. */
export const HeadingLevel2: Story = { args: { headingLevel: 2 } };

export const Elder: Story = { args: { mode: 'elder' } };

export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans' } };

export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant' } };

/** English: money and dates through `Intl`; text without English falls back to Chinese, marked with `lang`. */
export const English: Story = { name: 'en', args: { lang: 'en' } };

export const Dark: Story = { parameters: { cityhub: { theme: 'dark' } } };

export const DarkElder: Story = { parameters: { cityhub: { theme: 'dark', elder: true } } };
