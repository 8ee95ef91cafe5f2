import {
  bill, cny, format, inputRows, isoDay, row, section, statusOf, text, yuan,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

/** Any other query: the record found for the given details. */
export function genericQuery(ctx: SandboxContext): SandboxAnswer {
  const rng = ctx.rng.fork('query');
  const found = rng.chance(0.85);
  const updated = isoDay(ctx.now, -rng.int(1, 60));
  return {
    status: 'completed',
    summary: found
      ? format(text('已查询到{name}记录', '已查詢到{name}記錄', '{name}: record found'), { name: ctx.service.name })
      : format(text('未查询到{name}记录', '未查詢到{name}記錄', '{name}: no record found'), { name: ctx.service.name }),
    sections: [
      section(text('查询条件', '查詢條件', 'You asked about'), inputRows(ctx)),
      section(text('查询结果', '查詢結果', 'Result'), [
        row(text('状态', '狀態', 'Status'), found ? text('正常', '正常', 'Valid') : text('无记录', '無記錄', 'No record')),
        ...(found ? [row(text('记录编号', '記錄編號', 'Record number'), `${ctx.city.code}${rng.digits(8)}`)] : []),
        row(text('数据更新', '資料更新', 'Updated'), updated),
        row(text('数据来源', '資料來源', 'Source'), ctx.service.provider.name),
      ]),
    ],
    bills: [],
  };
}

/** Any other payment: the fee the service charges (its fixed cost, else a deterministic amount). */
export function genericPayment(ctx: SandboxContext): SandboxAnswer {
  const rng = ctx.rng.fork('payment');
  const fixed = ctx.service.costs?.find((c) => c.amount)?.amount?.amount;
  const amount = typeof ctx.values.amount === 'number' ? ctx.values.amount : fixed ?? rng.int(10, 500) * 100;
  const reference = `${ctx.city.code}${isoDay(ctx.now).replaceAll('-', '')}${rng.digits(6)}`;
  const fee = bill(ctx, { reference, description: ctx.service.name, amount: cny(amount), dueDate: isoDay(ctx.now, 30) });
  const args = { name: ctx.service.name, amount: yuan(amount) };
  return {
    status: statusOf(ctx, [fee]),
    summary: fee.status === 'paid'
      ? format(text('{name}已缴 {amount}', '{name}已繳 {amount}', '{name}: {amount} paid'), args)
      : format(text('{name}待缴 {amount}', '{name}待繳 {amount}', '{name}: {amount} due'), args),
    sections: [
      section(text('缴费信息', '繳費資訊', 'Payment'), [
        row(text('缴费编号', '繳費編號', 'Reference'), reference),
        ...inputRows(ctx),
        row(text('应缴金额', '應繳金額', 'Amount due'), yuan(amount)),
      ]),
    ],
    bills: [fee],
  };
}

/** Information services: the service page is the answer. */
export function information(ctx: SandboxContext): SandboxAnswer {
  return {
    status: 'completed',
    summary: ctx.service.summary ?? ctx.service.description,
    sections: [section(ctx.service.name, [row(text('说明', '說明', 'About'), ctx.service.description)])],
    bills: [],
  };
}
