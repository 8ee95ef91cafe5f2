import type { LocalizedText } from '@cityhub/schema';
import {
  format, localYear, maskedHolder, num, row, section, str, text, topicWords,
  type SandboxAnswer, type SandboxContext,
} from './context.js';

interface Exam {
  name: LocalizedText;
  subjects: Array<[LocalizedText, number]>;
  /** Pass mark as a fraction of the full score, or undefined for ranked exams. */
  pass?: number;
}

const EXAMS: Record<'gaokao' | 'zhongkao' | 'generic', Exam> = {
  gaokao: {
    name: text('普通高考', '普通高考', 'National college entrance exam'),
    subjects: [
      [text('语文', '語文', 'Chinese'), 150], [text('数学', '數學', 'Mathematics'), 150], [text('外语', '外語', 'Foreign language'), 150],
      [text('物理', '物理', 'Physics'), 100], [text('化学', '化學', 'Chemistry'), 100], [text('生物', '生物', 'Biology'), 100],
    ],
  },
  zhongkao: {
    name: text('中考', '中考', 'High-school entrance exam'),
    subjects: [
      [text('语文', '語文', 'Chinese'), 120], [text('数学', '數學', 'Mathematics'), 120], [text('英语', '英語', 'English'), 120],
      [text('物理', '物理', 'Physics'), 70], [text('化学', '化學', 'Chemistry'), 50], [text('体育', '體育', 'PE'), 60],
    ],
  },
  generic: {
    name: text('考试', '考試', 'Exam'),
    subjects: [[text('科目一', '科目一', 'Paper 1'), 100], [text('科目二', '科目二', 'Paper 2'), 100]],
    pass: 0.6,
  },
};

function examOf(ctx: SandboxContext): Exam {
  const words = topicWords(ctx);
  if (/gaokao|college-entrance|university/.test(words)) return EXAMS.gaokao;
  if (/zhongkao|high-school|secondary/.test(words)) return EXAMS.zhongkao;
  return { ...EXAMS.generic, name: ctx.service.name };
}

/** Exam number (+ ID, year) → scores by subject. */
export function examScores(ctx: SandboxContext): SandboxAnswer {
  const exam = examOf(ctx);
  const rng = ctx.rng.fork('scores');
  const ability = 0.45 + rng.next() * 0.5;
  const scores = exam.subjects.map(([subject, full]) => {
    const score = Math.max(0, Math.min(full, Math.round(full * (ability + (rng.next() - 0.5) * 0.2))));
    return { subject, full, score };
  });
  const total = scores.reduce((s, x) => s + x.score, 0);
  const full = scores.reduce((s, x) => s + x.full, 0);
  const year = num(ctx, 'year') ?? localYear(ctx.now);
  const passed = exam.pass === undefined ? undefined : scores.every((s) => s.score >= s.full * exam.pass!);
  const examNumber = str(ctx, 'examNumber');
  return {
    status: 'completed',
    summary: format(text('{year} 年{exam}成绩：总分 {total}/{full}', '{year} 年{exam}成績：總分 {total}/{full}', '{year} {exam}: {total}/{full}'), {
      year: String(year), exam: exam.name, total: String(total), full: String(full),
    }),
    sections: [
      section(text('考生信息', '考生資訊', 'Candidate'), [
        row(text('姓名', '姓名', 'Name'), maskedHolder(ctx, rng), true),
        ...(examNumber ? [row(text('准考证号', '准考證號', 'Exam number'), examNumber)] : []),
        row(text('年份', '年份', 'Year'), String(year)),
      ]),
      section(text('各科成绩', '各科成績', 'Scores'), [
        ...scores.map((s) => row(s.subject, `${s.score} / ${s.full}`)),
        row(text('总分', '總分', 'Total'), `${total} / ${full}`),
        ...(passed === undefined
          ? [row(text('全市排名', '全市排名', 'City rank'), String(Math.max(1, Math.round((1 - ability) * 60_000 + rng.int(0, 500)))))]
          : [row(text('结果', '結果', 'Result'), passed ? text('合格', '合格', 'Pass') : text('不合格', '不合格', 'Fail'))]),
      ]),
    ],
    bills: [],
  };
}
