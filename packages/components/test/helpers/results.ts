import { SubmissionResult } from '@cityhub/schema';

/** A traffic-violation query answer: a section of rows (one sensitive, unmasked on purpose), two bills, an order. */
export function violationResult(overrides: Partial<SubmissionResult> = {}): SubmissionResult {
  return SubmissionResult.parse({
    id: 'sub-1',
    service: 'traffic-violation-query',
    city: '440300',
    kind: 'query',
    status: 'completed',
    submittedAt: '2026-11-23T09:30:00+08:00',
    summary: { 'zh-Hans': '查到 2 条未处理的交通违法', 'zh-Hant': '查到 2 條未處理的交通違法', en: '2 unresolved violations found' },
    sections: [
      {
        title: { 'zh-Hans': '违法记录 1', en: 'Violation 1' },
        rows: [
          { label: { 'zh-Hans': '时间', en: 'Time' }, value: '2026-11-01 08:12' },
          { label: { 'zh-Hans': '地点', en: 'Place' }, value: '深南大道与彩田路交叉口' },
          { label: { 'zh-Hans': '车牌', en: 'Plate' }, value: '粤B12345', sensitive: true },
          { label: { 'zh-Hans': '联系电话', en: 'Phone' }, value: '13812345678', sensitive: true },
        ],
      },
    ],
    bills: [
      {
        id: 'bill-1', reference: '440300123456789', service: 'traffic-fine-payment', city: '440300',
        payee: { name: { 'zh-Hans': '深圳市公安局交通警察支队', en: 'Shenzhen Traffic Police' }, provider: 'traffic-police' },
        description: { 'zh-Hans': '闯红灯罚款', en: 'Red-light fine' },
        amount: { amount: 20050, currency: 'CNY' }, payer: '13812345678', dueDate: '2026-12-15', status: 'unpaid',
      },
      {
        id: 'bill-2', reference: '440300987654321', service: 'traffic-fine-payment', city: '440300',
        payee: { name: { 'zh-Hans': '深圳市公安局交通警察支队' }, provider: 'traffic-police' },
        description: { 'zh-Hans': '违停罚款' },
        amount: { amount: 15000, currency: 'CNY' }, payer: '138****5678', status: 'paid',
      },
    ],
    order: {
      id: 'ord-1', reference: 'SZ-20261123-0042', service: 'traffic-violation-query', city: '440300', kind: 'query',
      title: { 'zh-Hans': '交通违法查询' }, status: 'processing',
      createdAt: '2026-11-23T09:30:00+08:00', updatedAt: '2026-11-23T10:00:00+08:00',
      timeline: [
        { status: 'received', at: '2026-11-23T09:30:00+08:00' },
        { status: 'processing', at: '2026-11-23T10:00:00+08:00', note: { 'zh-Hans': '已转交交警支队', en: 'Sent to the traffic police' } },
      ],
      booking: { date: '2026-12-01', timeSlot: '09:00–12:00', location: { 'zh-Hans': '福田检测站', en: 'Futian station' } },
      submission: 'sub-1',
    },
    ...overrides,
  });
}
