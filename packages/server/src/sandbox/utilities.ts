import { maskAccount, type LocalizedText } from '@cityhub/schema';
import {
  bill, cny, format, isoDay, isoMonth, maskedAddress, maskedHolder, place, row, same, section, statusOf, str, text, topicWords, yuan,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

interface Utility {
  name: LocalizedText;
  unit: LocalizedText | undefined;
  /** Usage range per month. */
  usage: [number, number];
  /** Price per unit in hundredths of a fen (so 4.24 yuan/m³ = 42_400). */
  price: number;
  /** Fixed monthly fee in fen (broadband). */
  fixed?: number[];
}

const UTILITIES: Record<'water' | 'electricity' | 'gas' | 'broadband' | 'heating', Utility> = {
  water: { name: text('水费', '水費', 'Water'), unit: text('立方米', '立方米', 'm³'), usage: [6, 28], price: 42_400 },
  electricity: { name: text('电费', '電費', 'Electricity'), unit: text('千瓦时', '千瓦時', 'kWh'), usage: [90, 480], price: 6_083 },
  gas: { name: text('燃气费', '燃氣費', 'Gas'), unit: text('立方米', '立方米', 'm³'), usage: [8, 42], price: 30_200 },
  broadband: { name: text('宽带费', '寬頻費', 'Broadband'), unit: undefined, usage: [0, 0], price: 0, fixed: [99_00, 129_00, 199_00] },
  // Heating is billed per square metre of floor area for the season (e.g. 北京 24 yuan/m²).
  heating: { name: text('供暖费', '供暖費', 'Heating'), unit: text('平方米', '平方米', 'm²'), usage: [45, 140], price: 240_000 },
};

export function utilityOf(ctx: SandboxContext): keyof typeof UTILITIES {
  const words = topicWords(ctx);
  if (/electric|power|\bdian\b/.test(words)) return 'electricity';
  if (/\bgas\b|gas-|ranqi/.test(words)) return 'gas';
  if (/broadband|internet|telecom|kuandai/.test(words)) return 'broadband';
  if (/heating|gongnuan|nuanqi/.test(words)) return 'heating';
  return 'water';
}

/** A water / electricity / gas / broadband account → last month's bill, payee = the binding's provider. */
export function utilityBill(ctx: SandboxContext): SandboxAnswer {
  const account = str(ctx, 'accountNumber')!;
  const kind = utilityOf(ctx);
  const utility = UTILITIES[kind];
  const rng = ctx.rng.fork('utility');
  const period = isoMonth(ctx.now, 1);
  const holder = maskedHolder(ctx, rng);
  let amount: number;
  let usageRow: ReturnType<typeof row>[] = [];
  if (utility.fixed) {
    amount = rng.pick(utility.fixed);
    usageRow = [row(text('套餐', '套餐', 'Plan'), `${rng.pick([100, 300, 500, 1000])}M`)];
  } else {
    const usage = rng.int(utility.usage[0], utility.usage[1]);
    const previous = rng.int(1000, 9000);
    amount = Math.round((usage * utility.price) / 100);
    usageRow = [
      row(text('上期读数', '上期讀數', 'Previous reading'), String(previous)),
      row(text('本期读数', '本期讀數', 'Current reading'), String(previous + usage)),
      row(text('用量', '用量', 'Usage'), format(text('{n} {unit}', '{n} {unit}', '{n} {unit}'), { n: String(usage), unit: utility.unit! })),
      row(text('单价', '單價', 'Unit price'), `¥${(utility.price / 10_000).toFixed(utility.price % 100 === 0 ? 2 : 4)}`),
    ];
  }
  const due = `${isoMonth(ctx.now, 0)}-25`;
  const theBill = bill(ctx, {
    reference: `${maskAccount(account)}-${period.replace('-', '')}`,
    key: `${account}-${period}`,
    description: format(text('{period} {what}', '{period} {what}', '{what}, {period}'), { period, what: utility.name }),
    amount: cny(amount),
    payer: `${holder} (${maskAccount(account)})`,
    dueDate: due,
    status: rng.chance(0.15) ? 'paid' : 'unpaid',
  });
  const paid = theBill.status === 'paid';
  const address = maskedAddress(ctx, rng);
  return {
    status: statusOf(ctx, [theBill]),
    summary: paid
      ? format(text('{period} {what}已缴清', '{period} {what}已繳清', '{what} for {period} is paid'), { period, what: utility.name })
      : format(text('{period} {what}待缴 {amount}', '{period} {what}待繳 {amount}', '{what} for {period}: {amount} due'), { period, what: utility.name, amount: yuan(amount) }),
    sections: [
      section(format(text('{what}账单', '{what}帳單', '{what} bill'), { what: utility.name }), [
        row(text('户号', '戶號', 'Account'), maskAccount(account), true),
        row(text('户名', '戶名', 'Holder'), holder, true),
        row(text('用户地址', '用戶地址', 'Address'), address, true),
        row(text('账期', '帳期', 'Period'), period),
        ...usageRow,
        row(text('应缴金额', '應繳金額', 'Amount due'), yuan(paid ? 0 : amount)),
        row(text('缴费截止', '繳費截止', 'Due by'), due),
      ]),
    ],
    bills: [theBill],
  };
}

/** What the top-up is called on the bill: the ETC card, or the city's own name for the service (深圳通充值). */
function topUpName(ctx: SandboxContext): LocalizedText {
  return /\betc\b|etc-/.test(topicWords(ctx)) ? text('ETC 卡充值', 'ETC 卡儲值', 'ETC card top-up') : ctx.service.name;
}

/**
 * A transit / ETC card number + amount → a top-up bill for exactly that amount. Until it is paid the top-up is
 * only asked for (`accepted`, no balance after it); once the hub's ledger has it paid, it is done.
 */
export function cardTopUp(ctx: SandboxContext): SandboxAnswer {
  const card = str(ctx, 'cardNumber')!;
  const amount = Number(ctx.values.amount);
  const balance = ctx.rng.fork('balance').int(0, 8000);
  const topUp = bill(ctx, {
    reference: `${maskAccount(card)}-${isoDay(ctx.now).replaceAll('-', '')}`,
    key: `${card}-${isoDay(ctx.now)}`,
    description: topUpName(ctx),
    amount: cny(amount),
    payer: maskAccount(card),
  });
  const paid = topUp.status === 'paid';
  const args = { card: maskAccount(card), amount: yuan(amount) };
  return {
    status: statusOf(ctx, [topUp]),
    summary: paid
      ? format(text('已为 {card} 充值 {amount}，请圈存写卡后使用', '已為 {card} 儲值 {amount}，請圈存寫卡後使用', '{card} topped up with {amount}; write it to the card before use'), args)
      : format(text('为 {card} 充值 {amount}，待支付', '為 {card} 儲值 {amount}，待付款', 'Top up {card} with {amount}: awaiting payment'), args),
    sections: [
      section(text('充值信息', '儲值資訊', 'Top-up'), [
        row(text('卡号', '卡號', 'Card'), maskAccount(card), true),
        row(text('充值金额', '儲值金額', 'Top-up amount'), yuan(amount)),
        row(text('充值状态', '儲值狀態', 'Status'), paid ? text('已支付，待圈存', '已付款，待圈存', 'Paid; write it to the card') : text('待支付', '待付款', 'Awaiting payment')),
        ...(paid
          ? [row(text('充值后余额', '儲值後餘額', 'Balance after top-up'), yuan(balance + amount))]
          : [row(text('当前余额', '目前餘額', 'Current balance'), yuan(balance))]),
      ]),
    ],
    bills: [topUp],
  };
}

/** A card number alone → balance and recent trips. */
export function cardBalance(ctx: SandboxContext): SandboxAnswer {
  const card = str(ctx, 'cardNumber')!;
  const rng = ctx.rng.fork('card');
  const balance = rng.int(0, 20_000);
  const trips = Array.from({ length: rng.int(2, 5) }, (_, i) => {
    const where = place(ctx, rng);
    return row(same(isoDay(ctx.now, -(i * 2 + rng.int(0, 1)))), format(same('{where} −{fare}'), { where, fare: yuan(rng.pick([200, 200, 300, 400, 500, 700])) }));
  });
  return {
    status: 'completed',
    summary: format(text('{card} 余额 {balance}', '{card} 餘額 {balance}', '{card} balance: {balance}'), { card: maskAccount(card), balance: yuan(balance) }),
    sections: [
      section(text('卡片信息', '卡片資訊', 'Card'), [
        row(text('卡号', '卡號', 'Card'), maskAccount(card), true),
        row(text('余额', '餘額', 'Balance'), yuan(balance)),
        row(text('卡片状态', '卡片狀態', 'Status'), text('正常', '正常', 'Active')),
      ]),
      section(text('最近交易', '最近交易', 'Recent trips'), trips),
    ],
    bills: [],
  };
}
