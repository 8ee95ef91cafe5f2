import {
  format, isoDay, row, section, str, text,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

const STAGES = [
  text('已受理', '已受理', 'Received'),
  text('审核中', '審核中', 'Under review'),
  text('审批通过', '審批通過', 'Approved'),
  text('制证中', '製證中', 'Being produced'),
  text('已寄出', '已寄出', 'Posted'),
] as const;

/** An application number → how far the application has come (exit-entry permits, licences, certificates). */
export function applicationProgress(ctx: SandboxContext): SandboxAnswer {
  const number = str(ctx, 'applicationNumber')!;
  const rng = ctx.rng.fork('progress');
  const reached = rng.int(0, STAGES.length - 1);
  const started = rng.int(reached * 2 + 1, reached * 3 + 6);
  const steps = STAGES.slice(0, reached + 1).map((stage, i) =>
    row(stage, isoDay(ctx.now, -started + Math.round((i * started) / (reached + 1)))));
  const current = STAGES[reached]!;
  return {
    status: 'completed',
    summary: format(text('申请 {n}：{stage}', '申請 {n}：{stage}', 'Application {n}: {stage}'), { n: number, stage: current }),
    sections: [
      section(text('办理进度', '辦理進度', 'Progress'), [
        row(text('申请编号', '申請編號', 'Application number'), number),
        row(text('事项', '事項', 'Service'), ctx.service.name),
        row(text('当前状态', '目前狀態', 'Status'), current),
      ]),
      section(text('办理记录', '辦理記錄', 'History'), steps),
    ],
    bills: [],
  };
}
