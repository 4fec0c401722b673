/**
 * The public-opinion office's files (社情民意): its rules (the recipients reports are forwarded to,
 * the reasons a report is not adopted, the issue number's format, the credit tables), the reports
 * as submitted, and each report's later history one step a row, through the same deciders as the
 * API.
 *
 * A report's rows are decided at the moment they record (`submitted_on`, a step's `date`), and
 * the step's own date (adopted on, issued on …) is the committee day of that cell, so the figures
 * (days to adoption, the year of an instruction) are those the office recorded, not the import's.
 * Issue numbers are never read from the file: ISSUE takes the next serial of the year, so issuing
 * rows in the order the office numbered them reproduces its numbers. Headers may be the office's
 * Chinese ones (报告编号) or the English column names; step names, levels and kinds may be written
 * in Chinese (采用, 省) or as codes.
 */
import { DomainCommand, OPINION_LEVELS, invalid, parseInstant } from '#domain';
import { Cell, FileSpec, coded, dayOfCell, integer, list, yesNo } from './fileSpec.js';

/** 市 / 州 / 省 / 全国. */
const LEVELS: Readonly<Record<string, string>> = { 市: 'CITY', 市级: 'CITY', 州: 'PREFECTURE', 州级: 'PREFECTURE', 省: 'PROVINCE', 省级: 'PROVINCE', 全国: 'NATIONAL', 国家: 'NATIONAL' };
const RECIPIENT_KINDS: Readonly<Record<string, string>> = { 党委: 'PARTY_COMMITTEE', 政府: 'GOVERNMENT', 政协: 'CPPCC', 人大: 'PEOPLES_CONGRESS', 部门: 'DEPARTMENT', 其他: 'OTHER' };

export const OPINION_RECIPIENTS: FileSpec = {
  file: 'opinion_recipients.csv',
  required: ['id', 'name', 'level', 'kind'],
  optional: ['organization_id'],
  columnOf: { recipientId: 'id' },
  headers: { 编号: 'id', 名称: 'name', 级别: 'level', 类别: 'kind', 对应单位编号: 'organization_id' },
  commands: (c) => [{ type: 'DefineOpinionRecipient', recipientId: c('id')!, name: c('name')!, level: coded(c('level'), LEVELS)!, kind: coded(c('kind'), RECIPIENT_KINDS)!, organizationId: c('organization_id') }],
};

export const OPINION_NOT_ADOPTED_REASONS: FileSpec = {
  file: 'opinion_not_adopted_reasons.csv',
  required: ['code', 'label'],
  optional: [],
  columnOf: {},
  headers: { 代码: 'code', 说明: 'label' },
  commands: (c) => [{ type: 'DefineOpinionNotAdoptedReason', code: c('code')!, label: c('label')! }],
};

export const OPINION_ISSUE_FORMAT: FileSpec = {
  file: 'opinion_issue_format.csv',
  required: ['number_format', 'reason'],
  optional: [],
  columnOf: {},
  headers: { 期号格式: 'number_format', 理由: 'reason' },
  commands: (c) => [{ type: 'SetOpinionIssueFormat', numberFormat: c('number_format')!, reason: c('reason')! }],
};

const LEVEL_COLUMNS = OPINION_LEVELS.map((l) => l.toLowerCase());
const ZH_LEVEL: Readonly<Record<string, string>> = { city: '市', prefecture: '州', province: '省', national: '全国' };

/** One table a row: points for the committee's adoption, a recipient's adoption and a leader's instruction at each level. */
export const OPINION_CREDIT_RULES: FileSpec = {
  file: 'opinion_credit_rules.csv',
  required: ['from_year', 'committee_adoption', ...LEVEL_COLUMNS.map((l) => `adoption_${l}`), ...LEVEL_COLUMNS.map((l) => `instruction_${l}`), 'reason'],
  optional: ['media_pickup'],
  columnOf: Object.fromEntries(OPINION_LEVELS.flatMap((l) => [[`points.adoption.${l}`, `adoption_${l.toLowerCase()}`], [`points.instruction.${l}`, `instruction_${l.toLowerCase()}`]])),
  headers: {
    起始年度: 'from_year',
    政协采用: 'committee_adoption',
    ...Object.fromEntries(LEVEL_COLUMNS.flatMap((l) => [[`${ZH_LEVEL[l]}采用`, `adoption_${l}`], [`${ZH_LEVEL[l]}批示`, `instruction_${l}`]])),
    媒体采用: 'media_pickup',
    理由: 'reason',
  },
  commands: (c) => {
    const levels = (kind: string) => Object.fromEntries(OPINION_LEVELS.map((l) => [l, integer(c(`${kind}_${l.toLowerCase()}`))]));
    const points = { committeeAdoption: integer(c('committee_adoption')), adoption: levels('adoption'), instruction: levels('instruction'), mediaPickup: integer(c('media_pickup')) };
    return [{ type: 'SetOpinionCreditRules', fromYear: integer(c('from_year')) as number, points: points as never, reason: c('reason')! }];
  },
};

export const OPINION_REPORTS: FileSpec = {
  file: 'opinion_reports.csv',
  required: ['id', 'author_ids', 'title', 'situation', 'suggestions', 'submitted_on'],
  optional: ['source_contact_id', 'source_issue_id', 'source_proposal_id'],
  columnOf: { reportId: 'id' },
  headers: {
    报告编号: 'id',
    作者编号: 'author_ids',
    标题: 'title',
    情况反映: 'situation',
    意见建议: 'suggestions',
    报送日期: 'submitted_on',
    来源联系编号: 'source_contact_id',
    来源问题编号: 'source_issue_id',
    来源提案编号: 'source_proposal_id',
  },
  at: (c) => parseInstant(c('submitted_on'), 'submittedOn'),
  thread: { key: (c) => c('id') && `opinion-report ${c('id')}`, column: 'submitted_on', rows: "a report's rows" },
  commands: (c) => [
    {
      type: 'SubmitOpinionReport',
      reportId: c('id')!,
      authorIds: list(c('author_ids'))!,
      title: c('title')!,
      situation: c('situation')!,
      suggestions: c('suggestions')!,
      submittedOn: dayOfCell(c('submitted_on'), 'submittedOn'),
      sourceContactId: c('source_contact_id'),
      sourceIssueId: c('source_issue_id'),
      sourceProposalId: c('source_proposal_id'),
    },
  ],
};

type Step = { zh: string; columns: readonly string[]; command(c: Cell, reportId: string, on: string): DomainCommand };

/** Each step of a report's life after submission, with the columns it reads; any other non-blank cell is refused. */
const STEPS: Readonly<Record<string, Step>> = {
  WITHDRAW: { zh: '撤回', columns: ['reason'], command: (c, reportId) => ({ type: 'WithdrawOpinionReport', reportId, reason: c('reason')! }) },
  EDIT: { zh: '编辑', columns: ['title', 'situation', 'suggestions', 'note'], command: (c, reportId) => ({ type: 'EditOpinionReport', reportId, title: c('title'), situation: c('situation'), suggestions: c('suggestions'), note: c('note')! }) },
  ADOPT: { zh: '采用', columns: ['note'], command: (c, reportId, on) => ({ type: 'AdoptOpinionReport', reportId, adoptedOn: on, note: c('note') }) },
  DECLINE: { zh: '不采用', columns: ['reason_code', 'note'], command: (c, reportId, on) => ({ type: 'DeclineOpinionReport', reportId, reasonCode: c('reason_code')!, note: c('note'), decidedOn: on }) },
  COMBINE: {
    zh: '综合',
    columns: ['part_ids', 'title', 'situation', 'suggestions'],
    command: (c, reportId, on) => ({ type: 'CombineOpinionReports', reportId, partIds: list(c('part_ids'))!, title: c('title')!, situation: c('situation')!, suggestions: c('suggestions')!, combinedOn: on }),
  },
  ISSUE: { zh: '签发', columns: ['signed_by'], command: (c, reportId, on) => ({ type: 'IssueOpinionReport', reportId, signedBy: c('signed_by')!, issuedOn: on }) },
  FORWARD: { zh: '报送', columns: ['recipient_ids'], command: (c, reportId, on) => ({ type: 'ForwardOpinionReport', reportId, recipientIds: list(c('recipient_ids'))!, forwardedOn: on }) },
  RECIPIENT_ADOPTION: { zh: '上级采用', columns: ['recipient_id', 'note'], command: (c, reportId, on) => ({ type: 'RecordRecipientAdoption', reportId, recipientId: c('recipient_id')!, adoptedOn: on, note: c('note') }) },
  INSTRUCTION: {
    zh: '批示',
    columns: ['instruction_id', 'leader_name', 'leader_title', 'level', 'text', 'gist'],
    command: (c, reportId, on) => ({
      type: 'RecordLeaderInstruction',
      reportId,
      instructionId: c('instruction_id'),
      leaderName: c('leader_name')!,
      leaderTitle: c('leader_title'),
      level: coded(c('level'), LEVELS)!,
      instructedOn: on,
      text: c('text')!,
      gist: yesNo(c('gist'), 'gist', 'gist'),
    }),
  },
  FEEDBACK: {
    zh: '反馈',
    columns: ['feedback_id', 'recipient_id', 'from', 'text'],
    command: (c, reportId, on) => ({ type: 'RecordOpinionFeedback', reportId, feedbackId: c('feedback_id'), recipientId: c('recipient_id'), from: c('from'), text: c('text')!, receivedOn: on }),
  },
  MEDIA_PICKUP: { zh: '媒体采用', columns: ['pickup_id', 'outlet', 'note'], command: (c, reportId, on) => ({ type: 'RecordOpinionMediaPickup', reportId, pickupId: c('pickup_id'), outlet: c('outlet')!, pickedUpOn: on, note: c('note') }) },
};

export const OPINION_STEP_NAMES = Object.keys(STEPS);
/** The steps as the template lists them: code and Chinese name. */
export const OPINION_STEP_LABELS: ReadonlyArray<readonly [string, string]> = Object.entries(STEPS).map(([code, s]) => [code, s.zh]);
const BY_CHINESE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(STEPS).map(([code, s]) => [s.zh, code]));

const STEP_COLUMNS = [...new Set(Object.values(STEPS).flatMap((s) => s.columns))];
/** The fields whose column is the step's date. */
const DATED = ['adoptedOn', 'decidedOn', 'combinedOn', 'issuedOn', 'forwardedOn', 'instructedOn', 'receivedOn', 'pickedUpOn'];

export const OPINION_REPORT_STEPS: FileSpec = {
  file: 'opinion_report_steps.csv',
  required: ['report_id', 'step', 'date'],
  optional: STEP_COLUMNS,
  columnOf: Object.fromEntries(DATED.map((f) => [f, 'date'])),
  headers: {
    报告编号: 'report_id',
    步骤: 'step',
    日期: 'date',
    理由: 'reason',
    标题: 'title',
    情况反映: 'situation',
    意见建议: 'suggestions',
    备注: 'note',
    不采用理由代码: 'reason_code',
    综合的报告编号: 'part_ids',
    签发人编号: 'signed_by',
    报送对象编号: 'recipient_ids',
    对象编号: 'recipient_id',
    批示编号: 'instruction_id',
    批示领导: 'leader_name',
    领导职务: 'leader_title',
    级别: 'level',
    内容: 'text',
    是否摘要: 'gist',
    反馈编号: 'feedback_id',
    反馈单位: 'from',
    媒体采用编号: 'pickup_id',
    媒体: 'outlet',
  },
  at: (c) => parseInstant(c('date'), 'date'),
  thread: { key: (c) => c('report_id') && `opinion-report ${c('report_id')}`, column: 'date', rows: "a report's rows" },
  commands(c) {
    const name = c('step');
    const code = name === undefined ? undefined : (BY_CHINESE[name] ?? name.toUpperCase());
    const step = code === undefined ? undefined : STEPS[code];
    if (!step) throw invalid(`${name === undefined ? 'step is blank; give one of' : `step "${name}" is not one of`} ${OPINION_STEP_LABELS.map(([k, zh]) => `${k} (${zh})`).join(', ')}`, 'step');
    // A cell the step does not read would be dropped silently: refuse it, as an unknown column is.
    for (const column of STEP_COLUMNS) {
      if (!step.columns.includes(column) && c(column) !== undefined) throw invalid(`${column} has no meaning for a ${code} step; clear the cell (a ${code} row reads ${step.columns.join(', ')})`, column);
    }
    return [step.command(c, c('report_id')!, dayOfCell(c('date'), 'date'))];
  },
};

export const OPINION_FILES: readonly FileSpec[] = [OPINION_RECIPIENTS, OPINION_NOT_ADOPTED_REASONS, OPINION_ISSUE_FORMAT, OPINION_CREDIT_RULES, OPINION_REPORTS, OPINION_REPORT_STEPS];
