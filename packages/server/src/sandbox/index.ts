/**
 * Sandbox providers: deterministic, realistic answers to submissions, so the hub works end to end on one machine.
 * Every answer is a pure function of (city, service, validated values, today's date): the generators draw from a
 * PRNG seeded with a hash of city + service + values — never Math.random.
 *
 * One dispatch table picks the generator from the service's kind and the field codes its form uses; the first
 * rule that matches answers.
 */
import type { CatalogService, City, FormValues } from '@cityhub/schema';
import { canonicalJson } from '../http.js';
import { accountDomain, personalAccount } from './accounts.js';
import { booking } from './bookings.js';
import { Rng, has, seedFor, topicWords, type SandboxAnswer, type SandboxContext, type SandboxProvider } from './context.js';
import { examScores } from './exams.js';
import { genericPayment, genericQuery, information } from './generic.js';
import { applicationProgress } from './progress.js';
import { report, transaction } from './reports.js';
import { drivingRestriction, fineByDecision, trafficViolations } from './traffic.js';
import { cardBalance, cardTopUp, utilityBill } from './utilities.js';

export type { SandboxAnswer, SandboxContext, OrderDraft } from './context.js';

export interface SandboxRule {
  name: string;
  when: (ctx: SandboxContext) => boolean;
  answer: SandboxProvider;
}

const kindIs = (...kinds: CatalogService['kind'][]) => (ctx: SandboxContext) => kinds.includes(ctx.service.kind);
const asks = (ctx: SandboxContext) => ctx.service.kind === 'query' || ctx.service.kind === 'payment';

/** The dispatch table, most specific first. */
export const SANDBOX_RULES: readonly SandboxRule[] = [
  { name: 'booking', when: (c) => has(c, 'date') && has(c, 'timeSlot'), answer: booking },
  { name: 'report', when: kindIs('report'), answer: report },
  { name: 'fine-by-decision', when: (c) => asks(c) && has(c, 'decisionNumber'), answer: fineByDecision },
  { name: 'card-top-up', when: (c) => asks(c) && has(c, 'cardNumber') && has(c, 'amount'), answer: cardTopUp },
  { name: 'utility-bill', when: (c) => asks(c) && has(c, 'accountNumber'), answer: utilityBill },
  {
    name: 'driving-restriction',
    when: (c) => asks(c) && has(c, 'plate') && /restriction|xianxing|limit/.test(topicWords(c)),
    answer: drivingRestriction,
  },
  {
    name: 'traffic-violations',
    when: (c) => asks(c) && has(c, 'plate') && /violation|fine|penalt|traffic|weizhang|jiaojing/.test(topicWords(c)),
    answer: trafficViolations,
  },
  { name: 'application-progress', when: (c) => asks(c) && has(c, 'applicationNumber'), answer: applicationProgress },
  {
    name: 'exam-scores',
    when: (c) => asks(c) && (has(c, 'examNumber') || /exam|score|gaokao|zhongkao/.test(topicWords(c))),
    answer: examScores,
  },
  { name: 'personal-account', when: (c) => asks(c) && has(c, 'idNumber') && accountDomain(c) !== undefined, answer: personalAccount },
  { name: 'card-balance', when: (c) => asks(c) && has(c, 'cardNumber'), answer: cardBalance },
  { name: 'transaction', when: kindIs('transaction'), answer: transaction },
  { name: 'booking-without-slot', when: kindIs('booking'), answer: booking },
  { name: 'payment', when: kindIs('payment'), answer: genericPayment },
  { name: 'query', when: kindIs('query'), answer: genericQuery },
  { name: 'info', when: () => true, answer: information },
];

export interface SandboxRequest {
  city: City;
  service: CatalogService;
  values: FormValues;
  now: Date;
  orderReference: string;
  /** Whether the hub's ledger has a bill as paid (default: none is). */
  isPaid?: (billId: string) => boolean;
}

function contextFor(request: SandboxRequest): SandboxContext {
  return {
    ...request,
    isPaid: request.isPaid ?? (() => false),
    rng: new Rng(seedFor(request.city.code, request.service.code, canonicalJson(request.values))),
  };
}

/** The first matching rule; the last rule matches everything. */
const ruleFor = (ctx: SandboxContext): SandboxRule => SANDBOX_RULES.find((rule) => rule.when(ctx))!;

/** Which rule answers a request (exported for tests and diagnostics). */
export function sandboxRuleFor(request: SandboxRequest): SandboxRule {
  return ruleFor(contextFor(request));
}

/** Answers a validated submission the way the service's provider would. */
export function answerSubmission(request: SandboxRequest): SandboxAnswer {
  const ctx = contextFor(request);
  return ruleFor(ctx).answer(ctx);
}
