import { maskPlate, type Bill, type ResultSection } from '@cityhub/schema';
import {
  Rng, bill, cny, display, format, isoDay, place, row, section, str, text, yuan,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

interface Offence {
  code: string;
  what: ReturnType<typeof text>;
  fine: number;
  points: number;
}

/** Common offences (GA/T 16.28 codes) with their usual fines (fen) and points. */
const OFFENCES: readonly Offence[] = [
  { code: '1039', what: text('机动车违反规定停放', '機動車違反規定停放', 'Illegal parking'), fine: 200_00, points: 0 },
  { code: '1344', what: text('机动车违反禁令标志指示', '機動車違反禁令標誌指示', 'Disobeying a prohibition sign'), fine: 200_00, points: 3 },
  { code: '1345', what: text('机动车违反禁止标线指示', '機動車違反禁止標線指示', 'Crossing a prohibited road marking'), fine: 200_00, points: 3 },
  { code: '1352', what: text('超过规定时速未达20%', '超過規定時速未達20%', 'Speeding by less than 20%'), fine: 200_00, points: 1 },
  { code: '1636', what: text('超过规定时速20%以上未达50%', '超過規定時速20%以上未達50%', 'Speeding by 20–50%'), fine: 200_00, points: 6 },
  { code: '1625', what: text('驾驶机动车违反道路交通信号灯通行', '駕駛機動車違反道路交通信號燈通行', 'Running a red light'), fine: 200_00, points: 6 },
  { code: '1208', what: text('机动车不按规定车道行驶', '機動車不按規定車道行駛', 'Driving in the wrong lane'), fine: 100_00, points: 3 },
  { code: '1357', what: text('行经人行横道未按规定减速、停车、避让行人', '行經人行橫道未按規定減速、停車、避讓行人', 'Failing to yield to pedestrians at a crossing'), fine: 200_00, points: 3 },
  { code: '1019', what: text('不按规定使用安全带', '不按規定使用安全帶', 'Not wearing a seat belt'), fine: 50_00, points: 1 },
];

interface Violation {
  decisionNumber: string;
  offence: Offence;
  date: string;
  time: string;
  where: ReturnType<typeof text>;
  fine: number;
  points: number;
}

/** A 15-digit decision number: the city's division code, then 9 digits. */
function decisionNumberFor(city: string, rng: Rng): string {
  return `${city}${rng.digits(9)}`;
}

function violationsFor(ctx: SandboxContext, plate: string): Violation[] {
  // Seeded by city + plate only: the query and the payment service of a city agree on a plate's record.
  const rng = new Rng(`cityhub-violations\n${ctx.city.code}\n${plate}`);
  const count = rng.pick([0, 0, 1, 1, 2, 3]);
  const days = rng.sample(Array.from({ length: 170 }, (_, i) => i + 3), count).sort((a, b) => a - b);
  return days.map((daysAgo) => {
    const offence = rng.pick(OFFENCES);
    return {
      decisionNumber: decisionNumberFor(ctx.city.code, rng),
      offence,
      date: isoDay(ctx.now, -daysAgo),
      time: `${String(rng.int(7, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
      where: place(ctx, rng),
      fine: offence.fine,
      points: offence.points,
    };
  });
}

function violationSection(v: Violation, index: number): ResultSection {
  return section(text(`违法记录 ${index + 1}`, `違法記錄 ${index + 1}`, `Violation ${index + 1}`), [
    row(text('违法时间', '違法時間', 'When'), `${v.date} ${v.time}`),
    row(text('违法地点', '違法地點', 'Where'), v.where['zh-Hans']),
    row(text('违法行为', '違法行為', 'Offence'), `${v.offence.what['zh-Hans']}（${v.offence.code}）`),
    row(text('罚款金额', '罰款金額', 'Fine'), yuan(v.fine)),
    row(text('记分', '記分', 'Points'), String(v.points)),
    row(text('决定书编号', '決定書編號', 'Decision number'), v.decisionNumber),
    row(text('处理状态', '處理狀態', 'Status'), '未缴款'),
  ]);
}

function violationBill(ctx: SandboxContext, v: Violation, plate: string): Bill {
  return bill(ctx, {
    reference: v.decisionNumber,
    description: format(text('{date} {what}（{where}）', '{date} {what}（{where}）', '{date} {what} ({where})'), {
      date: v.date,
      what: v.offence.what,
      where: v.where,
    }),
    amount: cny(v.fine),
    payer: maskPlate(plate),
    dueDate: isoDay(ctx.now, 15),
  });
}

/** Plate (+ vehicle type, engine-number tail) → the vehicle's unhandled violations; payable ones as bills. */
export function trafficViolations(ctx: SandboxContext): SandboxAnswer {
  const plate = str(ctx, 'plate')!;
  const violations = violationsFor(ctx, plate);
  const fines = violations.reduce((sum, v) => sum + v.fine, 0);
  const points = violations.reduce((sum, v) => sum + v.points, 0);
  const vehicle = display(ctx, 'vehicleType');
  const overview = section(text('车辆信息', '車輛資訊', 'Vehicle'), [
    row(text('号牌号码', '號牌號碼', 'Plate'), maskPlate(plate), true),
    ...(vehicle ? [row(text('号牌种类', '號牌種類', 'Vehicle type'), vehicle['zh-Hans'])] : []),
    row(text('未处理违法', '未處理違法', 'Unhandled violations'), String(violations.length)),
    row(text('罚款合计', '罰款合計', 'Total fines'), yuan(fines)),
    row(text('记分合计', '記分合計', 'Total points'), String(points)),
  ]);
  const summary = violations.length === 0
    ? format(text('{plate} 暂无未处理的交通违法记录', '{plate} 暫無未處理的交通違法記錄', 'No unhandled traffic violations for {plate}'), { plate: maskPlate(plate) })
    : format(
      text('{plate} 有 {n} 条未处理违法，罚款 {fine}，记 {points} 分', '{plate} 有 {n} 條未處理違法，罰款 {fine}，記 {points} 分', '{plate} has {n} unhandled violation(s): {fine} in fines, {points} point(s)'),
      { plate: maskPlate(plate), n: String(violations.length), fine: yuan(fines), points: String(points) },
    );
  const payable = ctx.service.kind === 'payment';
  return {
    status: 'completed',
    summary,
    sections: [overview, ...violations.map(violationSection)],
    bills: payable ? violations.map((v) => violationBill(ctx, v, plate)) : [],
  };
}

/** A decision number (处罚决定书编号) → that fine's bill, with the late-payment surcharge when overdue. */
export function fineByDecision(ctx: SandboxContext): SandboxAnswer {
  const decision = str(ctx, 'decisionNumber')!;
  const rng = ctx.rng.fork('decision');
  const offence = rng.pick(OFFENCES);
  const daysAgo = rng.int(3, 40);
  const where = place(ctx, rng);
  const date = isoDay(ctx.now, -daysAgo);
  // Late fee (加处罚款): 3% of the fine per day after 15 days, capped at the fine itself.
  const lateDays = Math.max(0, daysAgo - 15);
  const surcharge = Math.min(offence.fine, Math.round(offence.fine * 0.03 * lateDays));
  const total = offence.fine + surcharge;
  const plate = str(ctx, 'plate');
  return {
    status: 'completed',
    summary: format(text('决定书 {d} 待缴 {amount}', '決定書 {d} 待繳 {amount}', 'Decision {d}: {amount} due'), { d: decision, amount: yuan(total) }),
    sections: [
      section(text('处罚决定', '處罰決定', 'Penalty decision'), [
        row(text('决定书编号', '決定書編號', 'Decision number'), decision),
        row(text('违法时间', '違法時間', 'When'), date),
        row(text('违法地点', '違法地點', 'Where'), where['zh-Hans']),
        row(text('违法行为', '違法行為', 'Offence'), offence.what['zh-Hans']),
        row(text('罚款金额', '罰款金額', 'Fine'), yuan(offence.fine)),
        row(text('滞纳金', '滯納金', 'Late surcharge'), yuan(surcharge)),
        row(text('应缴合计', '應繳合計', 'Total due'), yuan(total)),
      ]),
    ],
    bills: [
      bill(ctx, {
        reference: decision,
        description: format(text('交通违法罚款 {what}', '交通違法罰款 {what}', 'Traffic fine: {what}'), { what: offence.what }),
        amount: cny(total),
        ...(plate ? { payer: maskPlate(plate) } : {}),
        dueDate: isoDay(ctx.now, 15),
      }),
    ],
  };
}

/** Plate → today's driving restriction (尾号限行) for the plate's last digit. */
export function drivingRestriction(ctx: SandboxContext): SandboxAnswer {
  const plate = str(ctx, 'plate')!;
  const lastDigit = [...plate].reverse().find((ch) => /\d/.test(ch)) ?? '0';
  const day = new Date(`${isoDay(ctx.now)}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  // Weekday pairs rotate like Beijing's scheme: Mon 1/6, Tue 2/7, Wed 3/8, Thu 4/9, Fri 5/0.
  const restricted = day >= 1 && day <= 5 && (Number(lastDigit) % 5 === day % 5);
  const pairs = ['1、6', '2、7', '3、8', '4、9', '5、0'];
  return {
    status: 'completed',
    summary: restricted
      ? format(text('{plate} 今日限行（7:00–20:00）', '{plate} 今日限行（7:00–20:00）', '{plate} may not drive today (7:00–20:00)'), { plate: maskPlate(plate) })
      : format(text('{plate} 今日不限行', '{plate} 今日不限行', '{plate} is not restricted today'), { plate: maskPlate(plate) }),
    sections: [
      section(text('限行信息', '限行資訊', 'Restriction'), [
        row(text('日期', '日期', 'Date'), isoDay(ctx.now)),
        row(text('尾号', '尾號', 'Last digit'), lastDigit),
        row(text('今日限行尾号', '今日限行尾號', 'Restricted today'), day >= 1 && day <= 5 ? pairs[day - 1]! : '不限行'),
        row(text('限行时段', '限行時段', 'Hours'), '07:00–20:00'),
      ]),
    ],
    bills: [],
  };
}
