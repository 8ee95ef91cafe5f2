/**
 * What the citizen reads after a report was sent on to an Open311 endpoint: the hub's reference, the city
 * system's own number (or token) — or, when its answer was lost, that nobody knows yet whether it arrived and
 * that the hub did not send it twice.
 */
import type { CatalogService, FormValues, LocalizedText, ResultRow } from '@cityhub/schema';
import { format, inputRows, row, section, text, type FieldContext } from '../sandbox/context.js';
import type { SandboxAnswer } from '../sandbox/index.js';

/** Why the outcome of a send is unknown. */
export type UnknownReason = 'timeout' | 'network' | 'unreadable' | 'interrupted' | 'failed';

/** What is known of one report sent to an Open311 endpoint. */
export type ForwardOutcome =
  | { state: 'confirmed'; serviceRequestId?: string; token?: string; notice?: string }
  | { state: 'unknown'; reason: UnknownReason };

export function unknownReason(reason: UnknownReason, timeoutMs: number): LocalizedText {
  const seconds = String(Math.max(1, Math.round(timeoutMs / 1000)));
  switch (reason) {
    case 'timeout':
      return format(text('{n} 秒内没有答复', '{n} 秒內沒有答覆', 'no answer within {n} s'), { n: seconds });
    case 'network':
      return text('连接中断', '連線中斷', 'the connection was lost');
    case 'unreadable':
      return text('答复无法识别', '答覆無法識別', 'its answer could not be read');
    case 'interrupted':
      return text('发送时服务中断', '發送時服務中斷', 'the hub stopped while sending');
    case 'failed':
      return text('对方系统答复出错', '對方系統答覆出錯', 'it answered with an error after receiving it');
  }
}

export interface ReceiptInput {
  service: CatalogService;
  values: FormValues;
  orderReference: string;
  /** The endpoint's host, as the citizen was told before submitting. */
  host: string;
  outcome: ForwardOutcome;
  /** The exchange's time limit (for "no answer within N s"). */
  timeoutMs: number;
}

/** The answer (summary, receipt rows, order draft) for a report the endpoint confirmed or did not answer readably. */
export function forwardReceipt(input: ReceiptInput): SandboxAnswer {
  const { service, outcome, orderReference: ref } = input;
  const provider = service.provider.name;
  const ctx: FieldContext = { service, values: input.values };
  const rows: ResultRow[] = [
    row(text('受理编号', '受理編號', 'Reference'), ref),
    ...outcomeRows(outcome),
    row(text('处理单位', '處理單位', 'Handled by'), provider),
    row(text('接收系统', '接收系統', 'Sent to'), `${input.host}（Open311）`),
    ...inputRows(ctx),
  ];
  if (outcome.state === 'unknown') {
    const why = unknownReason(outcome.reason, input.timeoutMs);
    return {
      status: 'accepted',
      summary: format(text(
        '已记录，受理编号 {ref}。{p}的系统没有确认是否收到（{why}），未重复发送。请勿重复提交；如需确认，请凭受理编号联系{p}。',
        '已記錄，受理編號 {ref}。{p}的系統沒有確認是否收到（{why}），未重複發送。請勿重複提交；如需確認，請憑受理編號聯絡{p}。',
        'Recorded as {ref}. The system of {p} did not confirm that it arrived ({why}); it was not sent again. Please do not submit it again; quote {ref} to {p} to check.',
      ), { ref, p: provider, why }),
      sections: [section(text('受理回执', '受理回執', 'Receipt'), rows)],
      bills: [],
      order: {
        status: 'received',
        timeline: [{ status: 'received', note: format(text('转交结果未知：{why}；未重复发送', '轉交結果未知：{why}；未重複發送', 'Forwarding outcome unknown: {why}; not sent again'), { why }) }],
      },
    };
  }
  const number = outcome.serviceRequestId;
  return {
    status: 'accepted',
    summary: number
      ? format(text('已转交{p}，受理编号 {ref}，对方编号 {id}', '已轉交{p}，受理編號 {ref}，對方編號 {id}', 'Sent to {p} as {ref}; their number is {id}'), { p: provider, ref, id: number })
      : format(text('已转交{p}，受理编号 {ref}；对方编号稍后生成', '已轉交{p}，受理編號 {ref}；對方編號稍後產生', 'Sent to {p} as {ref}; their number follows later'), { p: provider, ref }),
    sections: [section(text('受理回执', '受理回執', 'Receipt'), rows)],
    bills: [],
    order: {
      status: 'received',
      timeline: [{
        status: 'received',
        note: number
          ? format(text('已转交{p}（Open311 编号 {id}）', '已轉交{p}（Open311 編號 {id}）', 'Sent to {p} (Open311 number {id})'), { p: provider, id: number })
          : format(text('已转交{p}（Open311 回执 {token}）', '已轉交{p}（Open311 回執 {token}）', 'Sent to {p} (Open311 token {token})'), { p: provider, token: outcome.token ?? '' }),
      }],
    },
  };
}

function outcomeRows(outcome: ForwardOutcome): ResultRow[] {
  if (outcome.state === 'unknown') return [row(text('转交结果', '轉交結果', 'Forwarding'), text('未确认', '未確認', 'Not confirmed'))];
  return [
    ...(outcome.serviceRequestId ? [row(text('对方编号', '對方編號', 'Their number'), outcome.serviceRequestId)] : []),
    ...(outcome.token ? [row(text('回执令牌', '回執令牌', 'Token'), outcome.token)] : []),
    ...(outcome.notice ? [row(text('系统回复', '系統回覆', 'Their notice'), outcome.notice)] : []),
  ];
}
