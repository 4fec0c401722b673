/**
 * The office's files for the year's key topics (年度重点协商议题) and the reports to the Party
 * committee (向市委汇报), through the same deciders as the API:
 * - key_topics.csv: each topic as the standing committee set it, decided at its `set_at`;
 * - topic_tags.csv: the work tagged to a topic (or untagged, with a reason), one row each,
 *   decided at its `date`; a row names the work by kind and id, so it comes after the files
 *   that record the work;
 * - party_committee_reports.csv and party_committee_studies.csv: the reports and the Party
 *   committee's studies of CPPCC work, each decided on the day it happened.
 * Headers may be the office's Chinese ones (议题编号) or the English column names; kinds and steps
 * may be written in Chinese (提案, 标注, 工作报告) or as codes.
 */
import { parseInstant } from '#domain';
import { Cell, FileSpec, coded, integer, list } from './fileSpec.js';

const WORK_KINDS: Readonly<Record<string, string>> = { 联系: 'CONTACT', 联系活动: 'CONTACT', 提案: 'PROPOSAL', 社情民意: 'OPINION_REPORT', 视察: 'INSPECTION', 视察考察: 'INSPECTION' };
const TAG_STEPS: Readonly<Record<string, string>> = { 标注: 'TAG', 取消: 'UNTAG' };
const REPORT_KINDS: Readonly<Record<string, string>> = { 工作报告: 'WORK_REPORT', 请示报告: 'REQUEST_FOR_INSTRUCTIONS', 请示: 'REQUEST_FOR_INSTRUCTIONS' };
/** A day written alone is recorded at committee noon of that day, so it is never after the moment it records. */
const dayAt = (value: string | undefined, field: string) => parseInstant(value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00` : value, field);

export const KEY_TOPICS: FileSpec = {
  file: 'key_topics.csv',
  required: ['id', 'year', 'title', 'lead_body_id', 'set_at'],
  optional: ['period_from', 'period_to'],
  columnOf: { topicId: 'id', leadBodyId: 'lead_body_id' },
  headers: { 议题编号: 'id', 年度: 'year', 议题: 'title', 牵头单位编号: 'lead_body_id', 开始日期: 'period_from', 结束日期: 'period_to', 确定日期: 'set_at' },
  at: (c) => dayAt(c('set_at'), 'setAt'),
  commands: (c) => [
    {
      type: 'SetKeyTopic',
      topicId: c('id')!,
      year: integer(c('year')) as number,
      title: c('title')!,
      leadBodyId: c('lead_body_id') === '主席会议' ? 'CHAIRS' : c('lead_body_id')!,
      periodFrom: c('period_from'),
      periodTo: c('period_to'),
    },
  ],
};

export const TOPIC_TAGS: FileSpec = {
  file: 'topic_tags.csv',
  required: ['topic_id', 'work_kind', 'work_id', 'date'],
  optional: ['step', 'note', 'reason'],
  columnOf: {},
  headers: { 议题编号: 'topic_id', 步骤: 'step', 类别: 'work_kind', 编号: 'work_id', 说明: 'note', 理由: 'reason', 日期: 'date' },
  at: (c) => dayAt(c('date'), 'date'),
  commands: (c: Cell) => {
    const step = coded(c('step'), TAG_STEPS) ?? 'TAG';
    const work = { topicId: c('topic_id')!, workKind: coded(c('work_kind'), WORK_KINDS)!, workId: c('work_id')! };
    return step === 'UNTAG' ? [{ type: 'UntagWorkFromTopic', ...work, reason: c('reason')! }] : [{ type: 'TagWorkToTopic', ...work, note: c('note') }];
  },
};

export const PARTY_COMMITTEE_REPORTS: FileSpec = {
  file: 'party_committee_reports.csv',
  required: ['id', 'kind', 'subject', 'recipient', 'reported_on', 'reporter_ids'],
  optional: ['summary'],
  columnOf: { reportId: 'id' },
  headers: { 编号: 'id', 类别: 'kind', 事项: 'subject', 汇报对象: 'recipient', 汇报日期: 'reported_on', 汇报人编号: 'reporter_ids', 摘要: 'summary' },
  at: (c) => dayAt(c('reported_on'), 'reportedOn'),
  commands: (c) => [
    { type: 'RecordPartyCommitteeReport', reportId: c('id')!, kind: coded(c('kind'), REPORT_KINDS)!, subject: c('subject')!, recipient: c('recipient')!, reportedOn: c('reported_on')!, reporterIds: list(c('reporter_ids'))!, summary: c('summary') },
  ],
};

export const PARTY_COMMITTEE_STUDIES: FileSpec = {
  file: 'party_committee_studies.csv',
  required: ['id', 'studied_on', 'meeting', 'matters'],
  optional: ['report_ids'],
  columnOf: { studyId: 'id' },
  headers: { 编号: 'id', 研究日期: 'studied_on', 会议: 'meeting', 研究事项: 'matters', 汇报编号: 'report_ids' },
  at: (c) => dayAt(c('studied_on'), 'studiedOn'),
  commands: (c) => [{ type: 'RecordPartyCommitteeStudy', studyId: c('id')!, studiedOn: c('studied_on')!, meeting: c('meeting')!, matters: list(c('matters'))!, reportIds: list(c('report_ids')) }],
};

export const TOPIC_FILES: readonly FileSpec[] = [KEY_TOPICS, TOPIC_TAGS, PARTY_COMMITTEE_REPORTS, PARTY_COMMITTEE_STUDIES];
