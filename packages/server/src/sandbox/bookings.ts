import type { LocalizedText } from '@cityhub/schema';
import {
  display, format, has, inputRows, isoDay, requiredDocuments, row, section, str, text,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

/** Where the citizen goes: the chosen hospital (and department) or the provider's service hall. */
function venue(ctx: SandboxContext): LocalizedText {
  const hospital = display(ctx, 'hospital');
  const department = display(ctx, 'department');
  if (hospital && department) return format(text('{h} {d}', '{h} {d}', '{h}, {d}'), { h: hospital, d: department });
  if (hospital) return hospital;
  const hall = text('{p}服务大厅', '{p}服務大廳', '{p} service hall');
  return format(hall, { p: ctx.service.provider.name });
}

/** A date + time slot → a confirmed booking (an Order received → completed) with a queue number. */
export function booking(ctx: SandboxContext): SandboxAnswer {
  const rng = ctx.rng.fork('booking');
  const date = str(ctx, 'date') ?? isoDay(ctx.now, 1);
  const slot = display(ctx, 'timeSlot') ?? text('全天', '全天', 'All day');
  const where = venue(ctx);
  const queue = `${rng.pick(['A', 'B', 'C'])}${String(rng.int(1, 120)).padStart(3, '0')}`;
  const documents = requiredDocuments(ctx);
  const confirmed = format(
    text('预约成功：{date} {slot}，{where}', '預約成功：{date} {slot}，{where}', 'Booked: {date} {slot}, {where}'),
    { date, slot, where },
  );
  return {
    status: 'accepted',
    summary: confirmed,
    sections: [
      section(text('预约信息', '預約資訊', 'Booking'), [
        row(text('预约编号', '預約編號', 'Reference'), ctx.orderReference),
        row(text('日期', '日期', 'Date'), date),
        row(text('时段', '時段', 'Time'), slot),
        row(text('地点', '地點', 'Place'), where),
        row(text('排队号', '排隊號', 'Queue number'), queue),
        ...(documents ? [row(text('请携带', '請攜帶', 'Bring'), documents)] : []),
      ]),
      ...(has(ctx, 'name') || has(ctx, 'mobile') || has(ctx, 'idNumber') || has(ctx, 'plate')
        ? [section(text('预约人', '預約人', 'Booked for'), inputRows(ctx, ['name', 'idNumber', 'mobile', 'plate']))]
        : []),
    ],
    bills: [],
    order: {
      status: 'completed',
      timeline: [
        { status: 'received' },
        { status: 'completed', note: text('预约已确认，请按时到达', '預約已確認，請按時到達', 'Booking confirmed; please arrive on time') },
      ],
      booking: { date, timeSlot: str(ctx, 'timeSlot') ?? 'all-day', location: where },
    },
  };
}
