import type { LocalizedText } from '@cityhub/schema';
import { maskPlate } from '@cityhub/schema';
import {
  display, format, has, inputRows, requiredDocuments, row, section, str, text,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

function workingDays(ctx: SandboxContext, fallback: number): LocalizedText {
  const time = ctx.service.processingTime;
  if (time?.unit === 'instant') return text('即时', '即時', 'immediately');
  const value = time?.value ?? fallback;
  const unit = time?.unit ?? 'working-days';
  const units: Record<string, LocalizedText> = {
    minutes: text('{n}分钟内', '{n}分鐘內', 'within {n} minutes'),
    hours: text('{n}小时内', '{n}小時內', 'within {n} hours'),
    days: text('{n}天内', '{n}天內', 'within {n} days'),
    'working-days': text('{n}个工作日内', '{n}個工作日內', 'within {n} working days'),
  };
  return format(units[unit]!, { n: String(value) });
}

/** "Move your car" (一键挪车): the plate's owner is notified at once. */
function moveCar(ctx: SandboxContext): SandboxAnswer {
  const plate = str(ctx, 'plate')!;
  const where = display(ctx, 'location');
  return {
    status: 'accepted',
    summary: format(text('已通知 {plate} 车主尽快挪车', '已通知 {plate} 車主盡快挪車', 'The owner of {plate} has been asked to move the car'), { plate: maskPlate(plate) }),
    sections: [
      section(text('挪车请求', '挪車請求', 'Move-car request'), [
        row(text('受理编号', '受理編號', 'Reference'), ctx.orderReference),
        row(text('车牌', '車牌', 'Plate'), maskPlate(plate), true),
        ...(where ? [row(text('位置', '位置', 'Location'), where)] : []),
        row(text('通知方式', '通知方式', 'Notified by'), text('短信 + 语音电话', '簡訊 + 語音電話', 'SMS + voice call')),
      ]),
    ],
    bills: [],
    order: {
      status: 'processing',
      timeline: [
        { status: 'received' },
        { status: 'processing', note: text('已通过短信和语音电话通知车主', '已透過簡訊和語音電話通知車主', 'Owner notified by SMS and voice call') },
      ],
    },
  };
}

/** A report (city management, pollution, road damage…) → an order received with a reference. */
export function report(ctx: SandboxContext): SandboxAnswer {
  if (has(ctx, 'plate') && !has(ctx, 'category')) return moveCar(ctx);
  const within = workingDays(ctx, 3);
  const what = display(ctx, 'category') ?? ctx.service.name;
  return {
    status: 'accepted',
    summary: format(
      text('已受理，受理编号 {ref}，将在{within}处理', '已受理，受理編號 {ref}，將在{within}處理', 'Received as {ref}; it will be handled {within}'),
      { ref: ctx.orderReference, within },
    ),
    sections: [
      section(text('受理回执', '受理回執', 'Receipt'), [
        row(text('受理编号', '受理編號', 'Reference'), ctx.orderReference),
        row(text('类别', '類別', 'Category'), what),
        row(text('处理单位', '處理單位', 'Handled by'), ctx.service.provider.name),
        row(text('预计办结', '預計辦結', 'Expected'), within),
        ...inputRows(ctx, (ctx.service.form?.fields ?? []).map((f) => f.code).filter((code) => code !== 'category')),
      ]),
    ],
    bills: [],
    order: {
      status: 'received',
      timeline: [{ status: 'received', note: format(text('已受理，转{p}处理', '已受理，轉{p}處理', 'Received; forwarded to {p}'), { p: ctx.service.provider.name }) }],
    },
  };
}

/** A transaction (permit renewal, registration, certificate) → an application received with a reference. */
export function transaction(ctx: SandboxContext): SandboxAnswer {
  const within = workingDays(ctx, 5);
  const documents = requiredDocuments(ctx);
  return {
    status: 'accepted',
    summary: format(
      text('{name}申请已提交，编号 {ref}，预计{within}办结', '{name}申請已提交，編號 {ref}，預計{within}辦結', '{name}: application {ref} submitted, expected {within}'),
      { name: ctx.service.name, ref: ctx.orderReference, within },
    ),
    sections: [
      section(text('申请回执', '申請回執', 'Application receipt'), [
        row(text('申请编号', '申請編號', 'Reference'), ctx.orderReference),
        row(text('事项', '事項', 'Service'), ctx.service.name),
        row(text('受理单位', '受理單位', 'Handled by'), ctx.service.provider.name),
        row(text('预计办结', '預計辦結', 'Expected'), within),
        ...(documents ? [row(text('所需材料', '所需材料', 'Documents'), documents)] : []),
      ]),
      ...(inputRows(ctx).length > 0 ? [section(text('申请信息', '申請資訊', 'Details'), inputRows(ctx))] : []),
    ],
    bills: [],
    order: {
      status: 'received',
      timeline: [{ status: 'received', note: text('申请已提交，等待审核', '申請已提交，等待審核', 'Submitted; awaiting review') }],
    },
  };
}
