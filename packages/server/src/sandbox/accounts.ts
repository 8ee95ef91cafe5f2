import { maskIdCard, type LocalizedText } from '@cityhub/schema';
import {
  format, isoDay, isoMonth, maskedHolder, row, same, section, str, text, topicWords, yuan,
  type Rng, type SandboxAnswer, type SandboxContext,
} from './context.js';

export type AccountDomain = 'housing-fund' | 'social-security' | 'medical-insurance';

/** Which personal account a service reads, from its code and categories. */
export function accountDomain(ctx: SandboxContext): AccountDomain | undefined {
  const words = topicWords(ctx);
  if (/housing|provident|gongjijin/.test(words)) return 'housing-fund';
  if (/medical-insurance|medicare|health-insurance|yibao/.test(words)) return 'medical-insurance';
  if (/social|pension|shebao|insurance/.test(words)) return 'social-security';
  return undefined;
}

const EMPLOYERS: readonly LocalizedText[] = [
  text('{city}某科技有限公司', '{city}某科技有限公司', 'a technology company in {city}'),
  text('{city}某贸易有限公司', '{city}某貿易有限公司', 'a trading company in {city}'),
  text('{city}某建设集团有限公司', '{city}某建設集團有限公司', 'a construction group in {city}'),
  text('{city}某医院', '{city}某醫院', 'a hospital in {city}'),
  text('{city}某学校', '{city}某學校', 'a school in {city}'),
];

const INSURED = text('正常参保', '正常參保', 'Insured');

const OUTPATIENT = text('门诊 {cost}（统筹支付 {pooled}）', '門診 {cost}（統籌支付 {pooled}）', 'Outpatient visit {cost} ({pooled} paid by the pool)');
const VISITS: readonly LocalizedText[] = [
  OUTPATIENT,
  text('药店购药 {cost}（统筹支付 {pooled}）', '藥店購藥 {cost}（統籌支付 {pooled}）', 'Pharmacy {cost} ({pooled} paid by the pool)'),
  OUTPATIENT,
];

/** The monthly contribution base (fen), deterministic per person. */
function base(rng: Rng): number {
  return rng.int(45, 320) * 100_00;
}

function person(ctx: SandboxContext, rng: Rng) {
  const id = str(ctx, 'idNumber');
  const employer = format(rng.pick(EMPLOYERS), { city: ctx.city.name });
  return {
    rows: [
      row(text('姓名', '姓名', 'Name'), maskedHolder(ctx, rng), true),
      ...(id ? [row(text('身份证号', '身分證號', 'ID number'), maskIdCard(id), true)] : []),
      row(text('单位', '單位', 'Employer'), employer),
    ],
    employer,
  };
}

function monthly(ctx: SandboxContext, rows: (month: string) => string | LocalizedText, months = 6) {
  return Array.from({ length: months }, (_, i) => {
    const month = isoMonth(ctx.now, i + 1);
    return row(same(month), rows(month));
  });
}

function housingFund(ctx: SandboxContext): SandboxAnswer {
  const rng = ctx.rng.fork('housing-fund');
  const who = person(ctx, rng);
  const wage = base(rng);
  const rate = rng.pick([5, 7, 10, 12]);
  const each = Math.round((wage * rate) / 100);
  const balance = each * 2 * rng.int(12, 120) + rng.int(0, 99_99);
  return {
    status: 'completed',
    summary: format(text('公积金余额 {b}，月缴存 {m}', '公積金餘額 {b}，月繳存 {m}', 'Housing fund balance {b}, {m} a month'), { b: yuan(balance), m: yuan(each * 2) }),
    sections: [
      section(text('账户信息', '帳戶資訊', 'Account'), [
        ...who.rows,
        row(text('账户状态', '帳戶狀態', 'Status'), text('正常缴存', '正常繳存', 'Contributing')),
        row(text('账户余额', '帳戶餘額', 'Balance'), yuan(balance)),
        row(text('缴存基数', '繳存基數', 'Contribution base'), yuan(wage)),
        row(text('缴存比例', '繳存比例', 'Rate'), `${rate}% + ${rate}%`),
        row(text('最近缴存', '最近繳存', 'Paid up to'), isoMonth(ctx.now, 1)),
      ]),
      section(
        text('近 6 个月缴存', '近 6 個月繳存', 'Last 6 months'),
        monthly(ctx, () => format(text('{total}（个人 {each} / 单位 {each}）', '{total}（個人 {each} / 單位 {each}）', '{total} ({each} you / {each} employer)'), { total: yuan(each * 2), each: yuan(each) })),
      ),
    ],
    bills: [],
  };
}

function socialSecurity(ctx: SandboxContext): SandboxAnswer {
  const rng = ctx.rng.fork('social-security');
  const who = person(ctx, rng);
  const wage = base(rng);
  const pension = Math.round(wage * 0.08);
  const medical = Math.round(wage * 0.02);
  const unemployment = Math.round(wage * 0.005);
  const months = rng.int(24, 240);
  return {
    status: 'completed',
    summary: format(text('社保累计缴费 {n} 个月', '社保累計繳費 {n} 個月', '{n} months of social-insurance contributions'), { n: String(months) }),
    sections: [
      section(text('参保信息', '參保資訊', 'Insured person'), [
        ...who.rows,
        row(text('参保状态', '參保狀態', 'Status'), INSURED),
        row(text('累计缴费月数', '累計繳費月數', 'Months contributed'), String(months)),
        row(text('缴费基数', '繳費基數', 'Contribution base'), yuan(wage)),
        row(text('养老个人账户', '養老個人帳戶', 'Pension account'), yuan(pension * months)),
      ]),
      section(
        text('近 6 个月个人缴费', '近 6 個月個人繳費', 'Personal contributions, last 6 months'),
        monthly(ctx, () => format(text('养老 {p} · 医疗 {m} · 失业 {u}', '養老 {p} · 醫療 {m} · 失業 {u}', 'Pension {p} · Medical {m} · Unemployment {u}'), { p: yuan(pension), m: yuan(medical), u: yuan(unemployment) })),
      ),
    ],
    bills: [],
  };
}

function medicalInsurance(ctx: SandboxContext): SandboxAnswer {
  const rng = ctx.rng.fork('medical-insurance');
  const who = person(ctx, rng);
  const wage = base(rng);
  const credit = Math.round(wage * 0.02);
  const balance = rng.int(200_00, 12_000_00);
  const visits = Array.from({ length: rng.int(1, 4) }, (_, i) => {
    const day = isoDay(ctx.now, -(i * 11 + rng.int(1, 9)));
    const cost = rng.int(30_00, 600_00);
    return row(same(day), format(rng.pick(VISITS), { cost: yuan(cost), pooled: yuan(Math.round(cost * 0.6)) }));
  });
  return {
    status: 'completed',
    summary: format(text('医保个人账户余额 {b}', '醫保個人帳戶餘額 {b}', 'Medical-insurance account balance {b}'), { b: yuan(balance) }),
    sections: [
      section(text('医保账户', '醫保帳戶', 'Medical-insurance account'), [
        ...who.rows,
        row(text('参保状态', '參保狀態', 'Status'), INSURED),
        row(text('个人账户余额', '個人帳戶餘額', 'Account balance'), yuan(balance)),
        row(text('每月划入', '每月劃入', 'Monthly credit'), yuan(credit)),
      ]),
      section(text('近期就医', '近期就醫', 'Recent claims'), visits),
    ],
    bills: [],
  };
}

/** ID number (+ name) → the housing-fund, social-security or medical-insurance account and recent months. */
export function personalAccount(ctx: SandboxContext): SandboxAnswer {
  switch (accountDomain(ctx)) {
    case 'housing-fund':
      return housingFund(ctx);
    case 'medical-insurance':
      return medicalInsurance(ctx);
    default:
      return socialSecurity(ctx);
  }
}
