import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import {
  validateForm, type CatalogService, type FieldError, type FormField, type FormValues, type SubmissionResult,
} from '@cityhub/schema';
import { hubClientContext, type HubClient } from '../context.js';
import { emit, type CityBillPayDetail } from '../events.js';
import { LocaleController, formatMoney, localized, type Locale } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { WithClientAttributes, attributeClient } from '../internal/client-attributes.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { styles } from './service-form.styles.js';
import {
  dayFromToday, displayValue, fenToYuan, fieldErrorMessage, orderedFields, toRaw, toSubmission, type RawValues,
} from './values.js';

/** Lists with at most this many options render as radio buttons (one tap each); longer ones as a `<select>`. */
const MAX_RADIOS = 4;

/**
 * Why a submission did not go through. `status`: a failure worth retrying (5xx, 408, 429); `sign-in` (401) and
 * `identity` (403: verification level too low) need the host's sign-in; `conflict` (409) and `rejected` (other
 * 4xx) will not change on retry.
 */
type SubmitProblem =
  | { kind: 'generic' } | { kind: 'status'; status: number } | { kind: 'text'; text: string } | { kind: 'unavailable' }
  | { kind: 'sign-in' } | { kind: 'identity' } | { kind: 'conflict' } | { kind: 'rejected'; status: number };

/** The problem an HTTP status means for the user. */
function problemOf(status: number): SubmitProblem {
  if (status === 401) return { kind: 'sign-in' };
  if (status === 403) return { kind: 'identity' };
  if (status === 409) return { kind: 'conflict' };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { kind: 'rejected', status };
  return { kind: 'status', status };
}

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A service's form, generated from its definition: every field type (text, numbers, dates, lists, ID card, mobile,
 * plate, money), labels and help in the reader's language, amounts typed in yuan and submitted in fen, booking
 * dates bounded by the service's `minDaysFromToday` / `maxDaysFromToday`.
 *
 * Values are checked with the schema's `validateForm` — the same code the server runs — on submit and when the
 * user leaves a field they changed. Errors are linked to their fields (`aria-invalid`, `aria-describedby`) and focus
 * moves to the first invalid field. Personal data shown back (ID card, mobile, plate, fields marked `sensitive`)
 * is masked.
 *
 * By default it only validates and emits `city-submit` (the hub makes the call and may set `result`). With
 * `submit-mode="client"` it submits itself through the client for `city`, one attempt at a time with an idempotency
 * key reused on retry, shows pending and error states, and renders the answer in `<city-submission-result>`.
 *
 * Not form-associated: it *is* a form, and its value is a whole submission rather than one field (the city
 * picker, which is one field, is form-associated).
 *
 * @summary The generated form of a city service, with client-side validation identical to the server's.
 *
 * @event city-submit - Valid values were submitted. `detail: { service, city, values }` (values validated and
 *   normalised; amounts in fen). Cancelable: in `client` mode `preventDefault()` stops the network call.
 * @event city-submission-complete - `client` mode: the provider answered. `detail: { service, city, values, result }`.
 * @event city-identity-required - `client` mode: the API asked for sign-in (401) or a higher verification level
 *   such as face (403). `detail: { service, city, required, reason: 'sign-in' | 'level' }` — a host opens its sign-in
 *   and sets a new identity; the user's answers stay in the form.
 * @event city-bill-pay - The user pressed a bill's pay button in the result (re-dispatched from the
 *   `<city-submission-result>` inside, whose events stay in this element's shadow root). `detail: { bill, result }`.
 *
 * @slot intro - Content above the fields (e.g. the service's description or required documents).
 *
 * @csspart form - The `<form>`.
 * @csspart field - One field's wrapper (`<div>` or `<fieldset>`).
 * @csspart label - A field's label or legend.
 * @csspart help - A field's help text.
 * @csspart control - The input, textarea or select of a field.
 * @csspart choice - One radio or checkbox with its label.
 * @csspart presets - Preset amount buttons.
 * @csspart error-message - A field's error text.
 * @csspart error-summary - "N problems to fix" after a failed submit.
 * @csspart submit - The submit button.
 * @csspart submit-error - The error shown when submitting failed, with a retry button.
 * @csspart retry - The retry button.
 * @csspart submitted - The masked summary of what was submitted.
 * @csspart result - The `<city-submission-result>`.
 * @csspart status - Screen-reader live region.
 *
 * @cssproperty --city-color-danger - Error colour (design token).
 * @cssproperty --city-target-size - Minimum control height (design token; 60px in elder mode).
 */
export class CityServiceForm extends WithClientAttributes(LitElement) {
  static override styles = [tokenStyles, sharedStyles, styles];

  /** The service whose form to render (from the city's catalog). */
  @property({ attribute: false }) service?: CatalogService;

  /** City code the submission is for. */
  @property({ reflect: true }) city = '';

  /** `event` (default): validate and emit `city-submit`. `client`: also submit through the client. */
  @property({ reflect: true, attribute: 'submit-mode' }) submitMode: 'event' | 'client' = 'event';

  /** `elder` switches to the 适老化 sizes. */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  /** Values to start with, in submission form (amounts in fen). */
  @property({ attribute: false }) initialValues?: Record<string, unknown>;

  /** The provider's answer to show under the form (set by the hub in `event` mode, by the form in `client` mode). */
  @property({ attribute: false }) result?: SubmissionResult;

  /** True while a submission is in flight (set by the form in `client` mode; a hub may set it in `event` mode). */
  @property({ type: Boolean, reflect: true }) pending = false;

  /** The clock used for date bounds (tests pin it). */
  @property({ attribute: false }) now: () => Date = () => new Date();

  /** The data client; usually provided by an ancestor through `hubClientContext`. */
  @consume({ context: hubClientContext, subscribe: true })
  @property({ attribute: false })
  client?: Partial<Pick<HubClient, 'submit'>>;

  @state() private raw: RawValues = {};
  @state() private errors = new Map<string, FieldError>();
  @state() private problem?: SubmitProblem;
  @state() private submitted?: FormValues;
  @state() private announcement = '';

  private readonly i18n = new LocaleController(this);
  private touched = new Set<string>();
  private focusFirstError = false;
  private inFlight?: Promise<void>;
  private lastAttempt?: { body: string; key: string };

  /** The fields in display order. */
  get fields(): FormField[] {
    return this.service?.form ? orderedFields(this.service.form) : [];
  }

  /** Current values as they would be submitted (before validation). */
  get values(): Record<string, unknown> {
    return this.service?.form ? toSubmission(this.service.form, this.raw) : {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('service') || changed.has('initialValues')) {
      const form = this.service?.form;
      this.raw = form ? toRaw(form, this.initialValues) : {};
      this.errors = new Map();
      this.touched = new Set();
      this.problem = undefined;
      this.submitted = undefined;
      this.lastAttempt = undefined;
      if (changed.has('service') && this.result && this.result.service !== this.service?.code) this.result = undefined;
    }
  }

  /** Validates and submits, exactly like pressing the submit button. Concurrent calls join the attempt in flight. */
  submit(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const attempt = this.run().finally(() => {
      if (this.inFlight === attempt) this.inFlight = undefined;
    });
    this.inFlight = attempt;
    return attempt;
  }

  /** Shows field errors from elsewhere (e.g. the server's `validation_failed` in `event` mode) and focuses the first. */
  setErrors(errors: readonly FieldError[]): void {
    const known = new Set(this.fields.map((f) => f.code));
    this.errors = new Map(errors.filter((e) => known.has(e.field)).map((e) => [e.field, e]));
    const other = errors.find((e) => !known.has(e.field));
    this.problem = other ? { kind: 'text', text: other.message } : undefined;
    this.afterErrors();
  }

  /** Clears the form back to its initial values. */
  reset(): void {
    const form = this.service?.form;
    this.raw = form ? toRaw(form, this.initialValues) : {};
    this.errors = new Map();
    this.touched = new Set();
    this.problem = undefined;
    this.result = undefined;
    this.submitted = undefined;
  }

  private validate(): ReturnType<typeof validateForm> | undefined {
    const form = this.service?.form;
    if (!form) return undefined;
    return validateForm(form, toSubmission(form, this.raw), { now: this.now });
  }

  private afterErrors(): void {
    const count = this.errors.size + (this.problem ? 1 : 0);
    if (this.errors.size > 0) {
      this.announcement = this.i18n.messages.fixErrors(this.errors.size);
      this.focusFirstError = true;
    } else if (count > 0) {
      this.announcement = '';
    }
  }

  private async run(): Promise<void> {
    const service = this.service;
    const checked = this.validate();
    if (!service || !checked) return;
    this.problem = undefined;
    if (!checked.ok) {
      this.errors = new Map(checked.errors.filter((e) => e.field !== '').map((e) => [e.field, e]));
      this.afterErrors();
      return;
    }
    this.errors = new Map();
    this.announcement = '';
    const values = checked.values;
    this.submitted = values;
    const proceed = emit(this, 'city-submit', { service, city: this.city, values }, { cancelable: true });
    if (this.submitMode !== 'client' || !proceed) return;
    const client = this.client ?? (await attributeClient(this)?.catch(() => undefined));
    if (!client?.submit || !this.city) {
      this.problem = { kind: 'unavailable' };
      return;
    }
    const body = JSON.stringify([this.city, service.code, values]);
    if (this.lastAttempt?.body !== body) this.lastAttempt = { body, key: newIdempotencyKey() };
    const m = this.i18n.messages;
    this.pending = true;
    this.announcement = m.submitting;
    try {
      const result = await client.submit(this.city, service.code, values, { idempotencyKey: this.lastAttempt.key });
      this.lastAttempt = undefined;
      this.result = result;
      this.announcement = `${this.i18n.messages.resultStatus[result.status] ?? ''} ${localized(result.summary, this.i18n.locale)}`.trim();
      emit(this, 'city-submission-complete', { service, city: this.city, values, result });
    } catch (error) {
      this.announcement = '';
      const fields = (error as { fields?: unknown } | null)?.fields;
      if (Array.isArray(fields) && fields.length > 0) {
        this.setErrors(fields as FieldError[]);
      } else {
        const status = (error as { status?: unknown } | null)?.status;
        this.problem = typeof status === 'number' ? problemOf(status) : { kind: 'generic' };
        if (this.problem.kind === 'sign-in' || this.problem.kind === 'identity') {
          emit(this, 'city-identity-required', {
            service, city: this.city, required: service.identity, reason: this.problem.kind === 'sign-in' ? 'sign-in' : 'level',
          });
        }
      }
    } finally {
      this.pending = false;
    }
  }

  protected override updated(): void {
    if (!this.focusFirstError) return;
    this.focusFirstError = false;
    const index = this.fields.findIndex((f) => this.errors.has(f.code));
    if (index < 0) return;
    const target = this.renderRoot.querySelector<HTMLElement>(`#field-${index}`);
    const control = target instanceof HTMLFieldSetElement
      ? target.querySelector<HTMLElement>('input:checked') ?? target.querySelector<HTMLElement>('input')
      : target;
    control?.focus();
  }

  protected override render(): TemplateResult {
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    const service = this.service;
    if (!service) return html`<div part="status" role="status" class="visually-hidden"></div>`;
    if (!service.form) {
      return html`<slot name="intro"></slot><p class="muted">${m.serviceNotSubmittable}</p>`;
    }
    const submitLabel = service.form.submitLabel ? localized(service.form.submitLabel, locale) : m.submit;
    const errorCount = this.errors.size;
    return html`
      <div part="status" role="status" class="visually-hidden">${this.announcement}</div>
      <slot name="intro"></slot>
      <form part="form" novalidate aria-busy=${this.pending ? 'true' : 'false'} @submit=${this.onSubmit}>
        ${errorCount > 0 ? html`<p part="error-summary" class="error-message">${icon('alert')}<span>${m.fixErrors(errorCount)}</span></p>` : nothing}
        ${this.fields.map((field, index) => this.renderField(field, index, locale))}
        ${this.problem ? this.renderProblem() : nothing}
        <div class="actions">
          <button part="submit" class="button primary" type="submit" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${this.pending ? m.submitting : submitLabel}
          </button>
        </div>
      </form>
      ${this.result ? html`
        ${this.submitted && this.result.service === service.code ? this.renderSubmitted(this.submitted, locale) : nothing}
        <city-submission-result part="result" .result=${this.result} mode=${this.mode} exportparts="bill, pay, amount"
          @city-bill-pay=${this.onBillPay}></city-submission-result>` : nothing}
    `;
  }

  private renderProblem(): TemplateResult {
    const m = this.i18n.messages;
    const problem = this.problem!;
    const text = problem.kind === 'status' ? m.submitFailedStatus(problem.status)
      : problem.kind === 'text' ? problem.text
      : problem.kind === 'sign-in' ? m.submitSignIn
      : problem.kind === 'identity' ? m.submitIdentityLevel
      : problem.kind === 'conflict' ? m.submitConflict
      : problem.kind === 'rejected' ? m.submitRejected(problem.status)
      : m.submitFailed;
    return html`<div part="submit-error" class="notice error" role="alert">${icon('alert')}<span>${text}</span>
      ${problem.kind === 'status' || problem.kind === 'generic'
        ? html`<button part="retry" class="button" type="button" @click=${() => this.submit()}>${m.retry}</button>` : nothing}
    </div>`;
  }

  private renderSubmitted(values: FormValues, locale: Locale): TemplateResult {
    const m = this.i18n.messages;
    const rows = this.fields.filter((f) => values[f.code] !== undefined);
    return html`<section part="submitted" class="submitted" aria-labelledby="submitted-title">
      <div class="section-title" id="submitted-title">${m.submittedValues}</div>
      <dl>${rows.map((f) => html`<dt>${localized(f.label, locale)}</dt><dd>${displayValue(f, values[f.code], locale)}</dd>`)}</dl>
    </section>`;
  }

  private describedBy(field: FormField, index: number): string | undefined {
    const ids = [field.help ? `help-${index}` : '', this.errors.has(field.code) ? `error-${index}` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  }

  private renderField(field: FormField, index: number, locale: Locale): TemplateResult {
    const m = this.i18n.messages;
    const error = this.errors.get(field.code);
    const label = localized(field.label, locale);
    const marker = html`<span class="req" aria-hidden=${field.type === 'multivaluelist' ? 'false' : 'true'}>${field.required ? m.required : m.optional}</span>`;
    const help = field.help ? html`<p part="help" class="help" id="help-${index}">${localized(field.help, locale)}</p>` : nothing;
    const errorText = error
      ? html`<p part="error-message" class="error-message" id="error-${index}">${icon('alert')}<span>${fieldErrorMessage(field, error, m, locale, this.now())}</span></p>`
      : nothing;
    const isGroup = field.type === 'multivaluelist' || (field.type === 'singlevaluelist' && field.values.length <= MAX_RADIOS);
    if (isGroup) {
      return html`<fieldset part="field" class="field ${error ? 'invalid' : ''}" id="field-${index}" data-code=${field.code}
        role=${field.type === 'singlevaluelist' ? 'radiogroup' : 'group'}
        aria-required=${ifDefined(field.type === 'singlevaluelist' ? String(field.required) : undefined)}
        aria-invalid=${ifDefined(field.type === 'singlevaluelist' && error ? 'true' : undefined)}
        aria-describedby=${ifDefined(this.describedBy(field, index))} @focusout=${this.onFocusOut}>
        <legend part="label" class="label">${label}${marker}${field.type === 'multivaluelist' && field.maxSelected
          ? html`<span class="req">${m.chooseUpTo(field.maxSelected)}</span>` : nothing}</legend>
        ${help}
        ${this.renderChoices(field, index, locale, Boolean(error))}
        ${errorText}
      </fieldset>`;
    }
    const unit = field.type === 'amount' ? `（${m.amountUnit}）` : '';
    return html`<div part="field" class="field ${error ? 'invalid' : ''}" data-code=${field.code} @focusout=${this.onFocusOut}>
      <label part="label" class="label" for="field-${index}">${label}${locale === 'en' && unit ? ` (${m.amountUnit})` : unit}${marker}</label>
      ${help}
      ${this.renderControl(field, index, locale, Boolean(error))}
      ${errorText}
    </div>`;
  }

  private renderChoices(field: FormField & { type: 'singlevaluelist' | 'multivaluelist' }, index: number, locale: Locale, invalid: boolean): TemplateResult {
    const multiple = field.type === 'multivaluelist';
    const raw = this.raw[field.code];
    const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
    return html`<div class="choices">
      ${field.values.map((option, i) => html`<label part="choice" class="choice">
        <input type=${multiple ? 'checkbox' : 'radio'} name="field-${index}" value=${option.key} data-code=${field.code}
          .checked=${live(chosen.has(option.key))} ?required=${!multiple && field.required && i === 0}
          aria-invalid=${ifDefined(multiple && invalid ? 'true' : undefined)}
          @change=${this.onChoice} />
        <span>${localized(option.name, locale)}</span>
      </label>`)}
    </div>`;
  }

  private renderControl(field: FormField, index: number, locale: Locale, invalid: boolean): TemplateResult {
    const m = this.i18n.messages;
    const id = `field-${index}`;
    const value = this.raw[field.code];
    const text = typeof value === 'string' ? value : '';
    const describedBy = this.describedBy(field, index);
    const placeholder = field.placeholder ? localized(field.placeholder, locale) : undefined;
    const common = { id, invalid: invalid ? 'true' : 'false', describedBy };
    switch (field.type) {
      case 'text':
        return html`<textarea part="control" id=${common.id} data-code=${field.code} ?required=${field.required}
          aria-invalid=${common.invalid} aria-describedby=${ifDefined(describedBy)} placeholder=${ifDefined(placeholder)}
          maxlength=${ifDefined(field.maxLength)} rows="4" .value=${live(text)} @input=${this.onInput}></textarea>`;
      case 'singlevaluelist':
        return html`<select part="control" id=${common.id} data-code=${field.code} ?required=${field.required}
          aria-invalid=${common.invalid} aria-describedby=${ifDefined(describedBy)} @change=${this.onInput}>
          <option value="" ?selected=${text === ''}>${m.chooseOption}</option>
          ${field.values.map((option) => html`<option value=${option.key} ?selected=${text === option.key}>${localized(option.name, locale)}</option>`)}
        </select>`;
      case 'date': {
        const now = this.now();
        const min = field.minDaysFromToday !== undefined ? dayFromToday(field.minDaysFromToday, now) : undefined;
        const max = field.maxDaysFromToday !== undefined ? dayFromToday(field.maxDaysFromToday, now) : undefined;
        return html`<input part="control" type="date" id=${common.id} data-code=${field.code} ?required=${field.required}
          aria-invalid=${common.invalid} aria-describedby=${ifDefined(describedBy)} min=${ifDefined(min)} max=${ifDefined(max)}
          .value=${live(text)} @input=${this.onInput} @change=${this.onInput} />`;
      }
      case 'datetime':
        return html`<input part="control" type="datetime-local" id=${common.id} data-code=${field.code} ?required=${field.required}
          aria-invalid=${common.invalid} aria-describedby=${ifDefined(describedBy)} .value=${live(text)} @input=${this.onInput} @change=${this.onInput} />`;
      case 'amount':
        return html`<div class="amount">
            <span aria-hidden="true">¥</span>
            <input part="control" type="text" inputmode="decimal" autocomplete="off" id=${common.id} data-code=${field.code}
              ?required=${field.required} aria-invalid=${common.invalid} aria-describedby=${ifDefined(describedBy)}
              placeholder=${ifDefined(placeholder)} .value=${live(text)} @input=${this.onInput} />
          </div>
          ${field.presets?.length ? html`<div part="presets" class="presets" role="group" aria-label=${m.amountPresets}>
            ${field.presets.map((fen) => {
              const yuan = fenToYuan(fen);
              return html`<button class="button" type="button" aria-pressed=${text === yuan ? 'true' : 'false'}
                @click=${() => this.setRaw(field.code, yuan, true)}>${formatMoney(fen, locale, { wholeYuan: true })}</button>`;
            })}
          </div>` : nothing}`;
      default: {
        const kind = field.type;
        const type = kind === 'mobile' ? 'tel' : 'text';
        const inputmode = kind === 'mobile' ? 'tel' : kind === 'number' ? (field.integer ? 'numeric' : 'decimal') : undefined;
        const autocomplete = kind === 'mobile' ? 'tel-national' : kind === 'id-card' || kind === 'plate' ? 'off' : undefined;
        const maxlength = kind === 'string' ? field.maxLength : undefined;
        return html`<input part="control" type=${type} id=${common.id} data-code=${field.code} ?required=${field.required}
          aria-invalid=${common.invalid} aria-describedby=${ifDefined(describedBy)} placeholder=${ifDefined(placeholder)}
          inputmode=${ifDefined(inputmode)} autocomplete=${ifDefined(autocomplete)} maxlength=${ifDefined(maxlength)}
          spellcheck=${kind === 'string' ? 'true' : 'false'} autocapitalize=${kind === 'plate' || kind === 'id-card' ? 'characters' : 'off'}
          .value=${live(text)} @input=${this.onInput} />`;
      }
    }
  }

  private setRaw(code: string, value: string | string[], validateNow = false): void {
    this.raw = { ...this.raw, [code]: value };
    this.touched.add(code);
    if (validateNow || this.errors.has(code)) this.validateField(code);
  }

  /** Re-checks one field (after the user changed and left it) and shows or clears its error. */
  private validateField(code: string): void {
    const checked = this.validate();
    if (!checked) return;
    const error = checked.ok ? undefined : checked.errors.find((e) => e.field === code);
    const next = new Map(this.errors);
    if (error) next.set(code, error);
    else next.delete(code);
    this.errors = next;
  }

  private readonly onInput = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const code = control.dataset['code'];
    if (code) this.setRaw(code, control.value, control instanceof HTMLSelectElement);
  };

  private readonly onChoice = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const code = input.dataset['code'];
    if (!code) return;
    if (input.type === 'radio') {
      this.setRaw(code, input.value, true);
      return;
    }
    const current = this.raw[code];
    const list = Array.isArray(current) ? current : [];
    this.setRaw(code, input.checked ? [...list.filter((k) => k !== input.value), input.value] : list.filter((k) => k !== input.value), true);
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const container = event.currentTarget as HTMLElement;
    // Still inside the same field (moving between radio buttons): not a blur of the field.
    if (event.relatedTarget instanceof Node && container.contains(event.relatedTarget)) return;
    const code = container.dataset['code'];
    if (code && (this.touched.has(code) || this.errors.has(code))) this.validateField(code);
  };

  private readonly onBillPay = (event: CustomEvent<CityBillPayDetail>): void => {
    event.stopPropagation();
    emit(this, 'city-bill-pay', event.detail);
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.pending) return;
    void this.submit();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'city-service-form': CityServiceForm;
  }
}
