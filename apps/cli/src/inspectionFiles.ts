/**
 * The inspections office's files (视察考察): its rules (days to the report and to a response), the
 * inspections as planned, and each inspection's later history one step a row (invitations and
 * answers, the visit with who attended, the report with its recommendations, the units'
 * follow-ups), through the same deciders as the API.
 *
 * A row is decided at the moment it records (a step's `date`; a visit over several days at its
 * last day), so the deadlines the office's rules set (the report's, each response's) run from the
 * dates the office recorded. A report is one row per recommendation: consecutive REPORT rows of
 * one inspection and date are one report, numbered in row order, and a refused recommendation is
 * named on its own row. Headers may be the office's Chinese ones (视察编号) or the English column
 * names; steps, kinds, answers and statuses may be written in Chinese (视察, 接受, 已办结) or as codes.
 */
import { CHAIRS, DomainCommand, invalid, parseInstant } from '#domain';
import { Cell, FileSpec, coded, dayOfCell, integer, list } from './fileSpec.js';

const KINDS: Readonly<Record<string, string>> = { 视察: 'INSPECTION', 考察: 'STUDY_VISIT' };
const ANSWERS: Readonly<Record<string, string>> = { 接受: 'ACCEPTED', 参加: 'ACCEPTED', 谢绝: 'DECLINED', 请假: 'DECLINED' };
const STATUSES: Readonly<Record<string, string>> = { 已采纳: 'ACCEPTED', 办理中: 'IN_PROGRESS', 已办结: 'DONE', 未采纳: 'NOT_ADOPTED' };

export const INSPECTION_RULES: FileSpec = {
  file: 'inspection_rules.csv',
  required: ['report_due_days', 'response_due_days', 'due_soon_days', 'reason'],
  optional: [],
  columnOf: {},
  headers: { 报告期限天数: 'report_due_days', 答复期限天数: 'response_due_days', 临期提醒天数: 'due_soon_days', 理由: 'reason' },
  commands: (c) => [
    {
      type: 'SetInspectionRules',
      reportDueDays: integer(c('report_due_days')) as number,
      responseDueDays: integer(c('response_due_days')) as number,
      dueSoonDays: integer(c('due_soon_days')) as number,
      reason: c('reason')!,
    },
  ],
};

const thread = (c: Cell, column: string) => c(column) && `inspection ${c(column)}`;

export const INSPECTIONS: FileSpec = {
  file: 'inspections.csv',
  required: ['id', 'kind', 'topic', 'organiser_id', 'starts_on', 'place', 'planned_at'],
  optional: ['ends_on', 'topic_id'],
  columnOf: { inspectionId: 'id' },
  headers: { 视察编号: 'id', 类别: 'kind', 主题: 'topic', 组织单位编号: 'organiser_id', 开始日期: 'starts_on', 结束日期: 'ends_on', 地点: 'place', 制定日期: 'planned_at', 年度重点议题编号: 'topic_id' },
  at: (c) => parseInstant(c('planned_at'), 'plannedAt'),
  thread: { key: (c) => thread(c, 'id'), column: 'planned_at', rows: "an inspection's rows" },
  commands: (c) => [
    {
      type: 'PlanInspection',
      inspectionId: c('id')!,
      kind: coded(c('kind'), KINDS)!,
      topic: c('topic')!,
      topicId: c('topic_id'),
      organiserId: c('organiser_id') === '主席会议' ? CHAIRS : c('organiser_id')!,
      startsOn: c('starts_on')!,
      endsOn: c('ends_on'),
      place: c('place')!,
    },
  ],
};

type Step = { zh: string; columns: readonly string[]; command(c: Cell, inspectionId: string, on: string, run: readonly Cell[]): DomainCommand };

/** Each step of an inspection's life after its plan, with the columns it reads; any other non-blank cell is refused. */
const STEPS: Readonly<Record<string, Step>> = {
  RESCHEDULE: {
    zh: '调整',
    columns: ['starts_on', 'ends_on', 'place', 'reason'],
    command: (c, inspectionId) => ({ type: 'RescheduleInspection', inspectionId, startsOn: c('starts_on')!, endsOn: c('ends_on'), place: c('place'), reason: c('reason')! }),
  },
  CANCEL: { zh: '取消', columns: ['reason'], command: (c, inspectionId) => ({ type: 'CancelInspection', inspectionId, reason: c('reason')! }) },
  INVITE: { zh: '邀请', columns: ['invitee_ids'], command: (c, inspectionId) => ({ type: 'InviteToInspection', inspectionId, inviteeIds: list(c('invitee_ids'))! }) },
  ANSWER: {
    zh: '回复',
    columns: ['invitee_id', 'answer', 'reason'],
    command: (c, inspectionId) => ({ type: 'AnswerInspectionInvitation', inspectionId, inviteeId: c('invitee_id')!, answer: coded(c('answer'), ANSWERS)!, reason: c('reason') }),
  },
  HOLD: {
    zh: '开展',
    columns: ['held_to', 'places_visited', 'unit_ids', 'attendee_ids'],
    command: (c, inspectionId, on) => ({
      type: 'HoldInspection',
      inspectionId,
      heldFrom: on,
      heldTo: c('held_to'),
      placesVisited: list(c('places_visited'))!,
      unitIds: list(c('unit_ids')),
      attendeeIds: list(c('attendee_ids'))!,
    }),
  },
  ATTENDANCE: { zh: '更正出席', columns: ['attendee_ids', 'reason'], command: (c, inspectionId) => ({ type: 'RecordInspectionAttendance', inspectionId, attendeeIds: list(c('attendee_ids'))!, reason: c('reason')! }) },
  REPORT: {
    zh: '报告',
    columns: ['summary', 'number', 'text', 'unit_id'],
    command: (c, inspectionId, on, run) => ({ type: 'ReportInspection', inspectionId, reportedOn: on, summary: c('summary')!, recommendations: recommendations(run) }),
  },
  FOLLOW_UP: {
    zh: '跟踪',
    columns: ['number', 'status', 'text', 'reason'],
    command: (c, inspectionId, on) => ({ type: 'FollowUpRecommendation', inspectionId, number: integer(c('number')) as number, status: coded(c('status'), STATUSES)!, text: c('text')!, respondedOn: on, reason: c('reason') }),
  },
};

/**
 * A report's rows are its recommendations in order; `number`, when given, must be the row's place
 * (a skipped or repeated number would cite another recommendation than the office meant), and the
 * summary is on the first row (a later row may repeat it, not change it).
 */
function recommendations(run: readonly Cell[]): Array<{ text: string; unitId: string }> {
  const summary = run[0]!('summary');
  return run.map((c, i) => {
    // The first row's other cells are checked with every step's; the later rows' here, on their own line.
    const stray = i > 0 ? STEP_COLUMNS.find((column) => !STEPS.REPORT!.columns.includes(column) && c(column) !== undefined) : undefined;
    if (stray) throw invalid(`${stray} has no meaning for a REPORT step; clear the cell (a REPORT row reads ${STEPS.REPORT!.columns.join(', ')})`, `recommendations[${i}].${stray}`);
    const number = c('number');
    if (number !== undefined && number !== String(i + 1)) throw invalid(`number ${number} is not this row's place in the report (recommendation ${i + 1}); number the report's rows 1, 2, 3 … in order, or leave the cells blank`, `recommendations[${i}].number`);
    if (i > 0 && c('summary') !== undefined && c('summary') !== summary) throw invalid('summary differs from the report\'s first row; give it once, on the first row', `recommendations[${i}].summary`);
    return { text: c('text')!, unitId: c('unit_id')! };
  });
}

export const INSPECTION_STEP_LABELS: ReadonlyArray<readonly [string, string]> = Object.entries(STEPS).map(([code, s]) => [code, s.zh]);
const BY_CHINESE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(STEPS).map(([code, s]) => [s.zh, code]));
const codeOf = (c: Cell) => {
  const name = c('step');
  return name === undefined ? undefined : (BY_CHINESE[name] ?? name.toUpperCase());
};

const STEP_COLUMNS = [...new Set(Object.values(STEPS).flatMap((s) => s.columns))];

export const INSPECTION_STEPS: FileSpec = {
  file: 'inspection_steps.csv',
  required: ['inspection_id', 'step', 'date'],
  optional: STEP_COLUMNS,
  columnOf: { heldFrom: 'date', reportedOn: 'date', respondedOn: 'date', inviteeIds: 'invitee_ids' },
  headers: {
    视察编号: 'inspection_id',
    步骤: 'step',
    日期: 'date',
    开始日期: 'starts_on',
    结束日期: 'ends_on',
    地点: 'place',
    理由: 'reason',
    邀请对象编号: 'invitee_ids',
    受邀人编号: 'invitee_id',
    回复: 'answer',
    结束日: 'held_to',
    视察地点: 'places_visited',
    座谈单位编号: 'unit_ids',
    出席人编号: 'attendee_ids',
    报告摘要: 'summary',
    序号: 'number',
    内容: 'text',
    承办单位编号: 'unit_id',
    状态: 'status',
  },
  // A visit over several days is recorded once it ended: its last day.
  at: (c) => (codeOf(c) === 'HOLD' && c('held_to') !== undefined ? parseInstant(c('held_to'), 'heldTo') : parseInstant(c('date'), 'date')),
  thread: { key: (c) => thread(c, 'inspection_id'), column: 'date', rows: "an inspection's rows" },
  runs: { key: (c) => (codeOf(c) === 'REPORT' && c('inspection_id') ? `${c('inspection_id')}\u0000${c('date') ?? ''}` : undefined), field: 'recommendations' },
  commands(c, run) {
    const name = c('step');
    const code = codeOf(c);
    const step = code === undefined ? undefined : STEPS[code];
    if (!step) throw invalid(`${name === undefined ? 'step is blank; give one of' : `step "${name}" is not one of`} ${INSPECTION_STEP_LABELS.map(([k, zh]) => `${k} (${zh})`).join(', ')}`, 'step');
    // A cell the step does not read would be dropped silently: refuse it, as an unknown column is.
    for (const column of STEP_COLUMNS) {
      if (!step.columns.includes(column) && c(column) !== undefined) throw invalid(`${column} has no meaning for a ${code} step; clear the cell (a ${code} row reads ${step.columns.join(', ')})`, column);
    }
    return [step.command(c, c('inspection_id')!, dayOfCell(c('date'), 'date'), run ?? [c])];
  },
};

export const INSPECTION_FILES: readonly FileSpec[] = [INSPECTION_RULES, INSPECTIONS, INSPECTION_STEPS];
