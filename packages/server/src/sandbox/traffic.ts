import { maskPlate, type Bill, type ResultSection } from '@cityhub/schema';
import {
  Rng, bill, cny, display, format, isoDay, place, row, section, statusOf, str, text, yuan,
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
  /** Late-payment surcharge (加处罚款), fen. */
  surcharge: number;
  /** What is due: the fine plus the surcharge, fen. */
  total: number;
  points: number;
}

/** A 15-digit decision number: the city's division code, then 9 digits. */
function decisionNumberFor(city: string, rng: Rng): string {
  return `${city}${rng.digits(9)}`;
}

/**
 * What a decision number (处罚决定书编号) stands for — offence, time, place and amount due — the same whichever
 * service asks (the lookup by plate, the payment by decision number).
 */
function violationOf(ctx: SandboxContext, decisionNumber: string): Violation {
  const rng = new Rng(`cityhub-violation\n${ctx.city.code}\n${decisionNumber}`);
  const offence = rng.pick(OFFENCES);
  const daysAgo = rng.int(3, 60);
  // Late fee (加处罚款): 3% of the fine per day after 15 days, capped at the fine itself.
  const surcharge = Math.min(offence.fine, Math.round(offence.fine * 0.03 * Math.max(0, daysAgo - 15)));
  return {
    decisionNumber,
    offence,
    date: isoDay(ctx.now, -daysAgo),
    time: `${String(rng.int(7, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
    where: place(ctx, rng),
    fine: offence.fine,
    surcharge,
    total: offence.fine + surcharge,
    points: offence.points,
  };
}

function violationsFor(ctx: SandboxContext, plate: string): Violation[] {
  // Seeded by city + plate only: the query and the payment service of a city agree on a plate's record.
  const rng = new Rng(`cityhub-violations\n${ctx.city.code}\n${plate}`);
  const count = rng.pick([0, 0, 1, 1, 2, 3]);
  return Array.from({ length: count }, () => violationOf(ctx, decisionNumberFor(ctx.city.code, rng)))
    .sort((a, b) => b.date.localeCompare(a.date) || b.time.localeCompare(a.time));
}

/** A fine's bill: one id per decision number (scope `traffic-fine`), whichever service shows it. */
function violationBill(ctx: SandboxContext, v: Violation, plate: string | undefined): Bill {
  return bill(ctx, {
    reference: v.decisionNumber,
    scope: 'traffic-fine',
    description: format(text('{date} {what}（{where}）', '{date} {what}（{where}）', '{date} {what} ({where})'), {
      date: v.date,
      what: v.offence.what,
      where: v.where,
    }),
    amount: cny(v.total),
    ...(plate ? { payer: maskPlate(plate) } : {}),
    dueDate: isoDay(ctx.now, 15),
  });
}

const UNPAID = text('未缴款', '未繳款', 'Unpaid');
const PAID = text('已缴款', '已繳款', 'Paid');

/** The rows of one violation, the same in the lookup and the payment. */
function violationRows(v: Violation, b: Bill): ResultSection['rows'] {
  return [
    row(text('违法时间', '違法時間', 'When'), `${v.date} ${v.time}`),
    row(text('违法地点', '違法地點', 'Where'), v.where),
    row(text('违法行为', '違法行為', 'Offence'), format(text('{what}（{code}）', '{what}（{code}）', '{what} ({code})'), { what: v.offence.what, code: v.offence.code })),
    row(text('记分', '記分', 'Points'), String(v.points)),
    row(text('罚款金额', '罰款金額', 'Fine'), yuan(v.fine)),
    row(text('滞纳金', '滯納金', 'Late surcharge'), yuan(v.surcharge)),
    row(text('应缴合计', '應繳合計', 'Total due'), yuan(v.total)),
    row(text('决定书编号', '決定書編號', 'Decision number'), v.decisionNumber),
    row(text('处理状态', '處理狀態', 'Status'), b.status === 'paid' ? PAID : UNPAID),
  ];
}

/**
 * Plate (+ vehicle type, engine-number tail) → the vehicle's violations, each with its fine as a bill (paid ones
 * shown paid): a lookup that also lets the citizen pay, with the bill the fine service gives for that decision number.
 */
export function trafficViolations(ctx: SandboxContext): SandboxAnswer {
  const plate = str(ctx, 'plate')!;
  const violations = violationsFor(ctx, plate);
  const bills = violations.map((v) => violationBill(ctx, v, plate));
  const open = violations.filter((_, i) => bills[i]!.status === 'unpaid');
  const due = open.reduce((sum, v) => sum + v.total, 0);
  const points = open.reduce((sum, v) => sum + v.points, 0);
  const vehicle = display(ctx, 'vehicleType');
  const overview = section(text('车辆信息', '車輛資訊', 'Vehicle'), [
    row(text('号牌号码', '號牌號碼', 'Plate'), maskPlate(plate), true),
    ...(vehicle ? [row(text('号牌种类', '號牌種類', 'Vehicle type'), vehicle)] : []),
    row(text('未处理违法', '未處理違法', 'Unhandled violations'), String(open.length)),
    row(text('应缴罚款合计', '應繳罰款合計', 'Fines due'), yuan(due)),
    row(text('记分合计', '記分合計', 'Total points'), String(points)),
  ]);
  const summary = open.length === 0
    ? format(text('{plate} 暂无未处理的交通违法记录', '{plate} 暫無未處理的交通違法記錄', 'No unhandled traffic violations for {plate}'), { plate: maskPlate(plate) })
    : format(
      text('{plate} 有 {n} 条未处理违法，待缴罚款 {fine}，记 {points} 分', '{plate} 有 {n} 條未處理違法，待繳罰款 {fine}，記 {points} 分', '{plate} has {n} unhandled violation(s): {fine} in fines due, {points} point(s)'),
      { plate: maskPlate(plate), n: String(open.length), fine: yuan(due), points: String(points) },
    );
  return {
    status: statusOf(ctx, bills),
    summary,
    sections: [
      overview,
      ...violations.map((v, i) => section(text(`违法记录 ${i + 1}`, `違法記錄 ${i + 1}`, `Violation ${i + 1}`), violationRows(v, bills[i]!))),
    ],
    bills,
  };
}

/** A decision number (处罚决定书编号) → that fine's bill, with the late-payment surcharge when overdue. */
export function fineByDecision(ctx: SandboxContext): SandboxAnswer {
  const v = violationOf(ctx, str(ctx, 'decisionNumber')!);
  const b = violationBill(ctx, v, str(ctx, 'plate'));
  const args = { d: v.decisionNumber, amount: yuan(v.total) };
  return {
    status: statusOf(ctx, [b]),
    summary: b.status === 'paid'
      ? format(text('决定书 {d} 已缴款', '決定書 {d} 已繳款', 'Decision {d} is paid'), args)
      : format(text('决定书 {d} 待缴 {amount}', '決定書 {d} 待繳 {amount}', 'Decision {d}: {amount} due'), args),
    sections: [section(text('处罚决定', '處罰決定', 'Penalty decision'), violationRows(v, b))],
    bills: [b],
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
        row(text('今日限行尾号', '今日限行尾號', 'Restricted today'), day >= 1 && day <= 5 ? text(pairs[day - 1]!, pairs[day - 1]!, pairs[day - 1]!.replace('、', ' and ')) : text('不限行', '不限行', 'None')),
        row(text('限行时段', '限行時段', 'Hours'), '07:00–20:00'),
      ]),
    ],
    bills: [],
  };
}
