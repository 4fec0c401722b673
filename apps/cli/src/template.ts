/**
 * `template --to FILE.xlsx`: the import as a workbook to fill in. One sheet per import file, named
 * as the import reads it (`members` for members.csv); row 1 the columns, required ones bold, each
 * with a note giving what it holds and its allowed values in Chinese and English; row 2 an example
 * (the first row of the synthetic sample). A `README` sheet, which the import skips, lists every
 * column with the same notes. The columns come from the import's own file specs, so the template
 * cannot drift from what the import takes.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { IMPORT_FILES } from './csvImport.js';
import { README_SHEET } from './sources.js';
import { generateSample } from './sample/generateSample.js';
import { OPINION_STEP_LABELS } from './opinionFiles.js';
import { INSPECTION_STEP_LABELS } from './inspectionFiles.js';

type Allowed = ReadonlyArray<readonly [code: string, zh: string]>;

const DATE = '日期 date: 2020-12-20, or with a time 2020-12-20T15:00 (committee time, UTC+8)';
const LIST = '多个值用分号分隔 several values separated by ;';
const ID = '编号 id: text, unique in its file';

const KINDS_OF: Record<string, Allowed> = {
  'localities.csv': [['SUBDISTRICT', '街道'], ['TOWN', '镇'], ['TOWNSHIP', '乡'], ['URBAN_AREA', '城区']],
  'organizations.csv': [
    ['DEMOCRATIC_PARTY', '民主党派'],
    ['PEOPLES_ORGANIZATION', '人民团体'],
    ['SECTOR', '界别'],
    ['SPECIAL_COMMITTEE', '专门委员会'],
    ['LIAISON_GROUP', '委员联络组'],
    ['MEMBER_STUDIO', '委员工作室'],
    ['PARTY_COMMITTEE', '党委'],
    ['HANDLING_UNIT', '提案承办单位'],
  ],
  'opinion_recipients.csv': [['PARTY_COMMITTEE', '党委'], ['GOVERNMENT', '政府'], ['CPPCC', '政协'], ['PEOPLES_CONGRESS', '人大'], ['DEPARTMENT', '部门'], ['OTHER', '其他']],
  'inspections.csv': [['INSPECTION', '视察'], ['STUDY_VISIT', '考察']],
  'meetings.csv': [['PLENARY', '全体会议（须填次会议编号）'], ['STANDING_COMMITTEE', '常委会议']],
};

const LEVELS: Allowed = [['CITY', '市'], ['PREFECTURE', '州'], ['PROVINCE', '省'], ['NATIONAL', '全国']];

/** Allowed values of a column in one file only (`step` means another list in each steps file). */
const ALLOWED_IN: Record<string, Record<string, Allowed>> = {
  'opinion_recipients.csv': { level: LEVELS },
  'opinion_report_steps.csv': { step: OPINION_STEP_LABELS, level: LEVELS, gist: [['true / false', '是 / 否（批示内容为摘要）']] },
  'inspections.csv': { organiser_id: [['CHAIRS', '主席会议（或专门委员会、界别的编号）']] },
  'meeting_attendance.csv': { status: [['ATTENDED', '出席'], ['EXCUSED', '请假（须填请假理由）'], ['ABSENT', '缺席']] },
  'inspection_steps.csv': {
    step: INSPECTION_STEP_LABELS,
    answer: [['ACCEPTED', '接受'], ['DECLINED', '谢绝']],
    status: [['ACCEPTED', '已采纳'], ['IN_PROGRESS', '办理中'], ['DONE', '已办结'], ['NOT_ADOPTED', '未采纳（须填理由）']],
  },
};

/** Allowed values by column, whatever the file (`kind` differs by file: KINDS_OF). */
const ALLOWED: Record<string, Allowed> = {
  gender: [['MALE', '男'], ['FEMALE', '女']],
  affiliation: [
    ['CPC', '中共'],
    ['NON_PARTY', '无党派人士'],
    ['RCCK', '民革'],
    ['CDL', '民盟'],
    ['CNDCA', '民建'],
    ['CAPD', '民进'],
    ['CPWDP', '农工党'],
    ['CZGP', '致公党'],
    ['JIUSAN', '九三学社'],
    ['TDSGL', '台盟'],
  ],
  roles: [
    ['PARTY_GROUP', '党组成员'],
    ['CHAIR', '主席'],
    ['VICE_CHAIR', '副主席'],
    ['SECRETARY_GENERAL', '秘书长'],
    ['STANDING_COMMITTEE', '常委'],
    ['CONVENER:body-id', '召集人（所召集的界别、专委会或联络组编号）'],
  ],
  scheme: [
    ['PARTY_GROUP_TO_PARTY_MEMBER', '党组成员联系中共党员委员'],
    ['PARTY_MEMBER_TO_NON_PARTY', '中共党员委员联系党外委员'],
    ['COMMITTEE_TO_PARTIES_AND_ORGS', '政协联系民主党派和人民团体'],
    ['SECTOR', '界别联系委员'],
    ['LIAISON_GROUP', '联络组联系委员'],
    ['CONVENER', '召集人联系委员'],
  ],
  per: [['MONTH', '每月'], ['QUARTER', '每季度'], ['HALF_YEAR', '每半年'], ['YEAR', '每年']],
  channel: [['VISIT', '走访'], ['MEETING', '座谈会议'], ['PHONE', '电话'], ['ONLINE', '网络'], ['LETTER', '信函'], ['EVENT', '活动']],
  day_kind: [['CALENDAR', '自然日'], ['WORKING', '工作日']],
  role: [['LEAD', '主办'], ['ASSIST', '协办']],
  attitude: [['SATISFIED', '满意'], ['BASICALLY_SATISFIED', '基本满意'], ['UNSATISFIED', '不满意']],
  result: [
    ['A', '答复：所提问题已解决或采纳 (REPLY)'],
    ['B', '答复：列入计划拟解决 (REPLY)'],
    ['C', '答复：留作参考 (REPLY)'],
    ['SATISFIED / BASICALLY_SATISFIED / UNSATISFIED', '测评：满意 / 基本满意 / 不满意 (RATE)'],
  ],
  reporter: [['UNIT', '承办单位'], ['OFFICE', '提案委']],
  to_opinion_report: [['true / false', '是 / 否']],
  step: [
    ['INVITE', '邀请联署'],
    ['CO_SIGN', '联署'],
    ['WITHDRAW', '撤回'],
    ['RETURN_FOR_REVISION', '退回修改'],
    ['RESUBMIT', '重新提交'],
    ['FILE', '立案'],
    ['NOT_FILED', '不予立案'],
    ['MERGE', '并案'],
    ['ASSIGN', '交办'],
    ['RETURN_ASSIGNMENT', '退回交办'],
    ['EXTEND', '延期'],
    ['KEY', '重点提案'],
    ['REPLY', '答复'],
    ['SEND_BACK', '退回答复'],
    ['RELEASE', '发布答复'],
    ['RATE', '测评'],
    ['REQUEST_REHANDLING', '要求重新办理'],
    ['REOPEN', '重新办理'],
    ['CLOSE', '办结'],
    ['PROMISE_DELIVERED', '承诺事项落实'],
  ],
};

/** What a column holds, in Chinese and English. */
function describe(file: string, column: string): string {
  const allowed = ALLOWED_IN[file]?.[column] ?? (column === 'kind' ? KINDS_OF[file] : undefined) ?? ALLOWED[column];
  const lines: string[] = [];
  const chinese = IMPORT_FILES.find((s) => s.file === file)?.headers;
  const zh = chinese && Object.entries(chinese).find(([, c]) => c === column)?.[0];
  if (zh) lines.push(`中文列名 also read under the header: ${zh}`);
  if (allowed) lines.push('允许的值 allowed values:', ...allowed.map(([code, zh]) => `${code} = ${zh}`));
  if (column === 'id' || column.endsWith('_id')) lines.push(column === 'id' ? ID : '编号 the id of a row of another sheet');
  // `from` in opinion_report_steps.csv is who sent the feedback, not a date.
  if ((/(^|_)(on|at|from|to|date)$/.test(column) || column === 'date') && !(file === 'opinion_report_steps.csv' && column === 'from')) lines.push(DATE);
  if (column.endsWith('_ids') || ['roles', 'issues_raised', 'link_ids', 'participant_ids', 'places_visited'].includes(column)) lines.push(LIST);
  if (['min_contacts', 'number', 'lead_days', 'assist_days', 'due_soon_days', 'invitation_days', 'days', 'from_year', 'report_due_days', 'response_due_days'].includes(column) || /^(committee_adoption|media_pickup|adoption_|instruction_)/.test(column)) lines.push('整数 a whole number');
  if (file === 'inspection_steps.csv' && ['summary', 'number', 'text', 'unit_id'].includes(column)) lines.push('报告 REPORT: 每条建议一行，同一视察同一日期的连续行为一份报告 one row per recommendation; consecutive REPORT rows of one inspection and date are one report');
  return lines.join('\n');
}

export async function templateWorkbook(): Promise<ExcelJS.Workbook> {
  const sample = generateSample();
  const book = new ExcelJS.Workbook();
  const readme = book.addWorksheet(README_SHEET);
  readme.addRow(['sheet 工作表', 'column 列', 'required 必填', 'what it holds 说明']).font = { bold: true };
  readme.addRow([
    '',
    '',
    '',
    'Fill in one sheet per file and import with `import --file THIS.xlsx`; delete the example row (row 2) first. Leave an optional cell empty for no value. This README sheet is not imported.\n每个工作表对应一个导入文件；导入前删除第 2 行示例；选填列可留空；本说明页不导入。',
  ]);
  for (const spec of IMPORT_FILES) {
    const name = spec.file.replace(/\.csv$/, '');
    const columns = [...spec.required, ...spec.optional];
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(columns);
    const example = sample[spec.file];
    if (example?.rows[0]) sheet.addRow(columns.map((c) => example.rows[0]![example.header.indexOf(c)] || null)).font = { italic: true, color: { argb: 'FF808080' } };
    columns.forEach((column, i) => {
      const cell = header.getCell(i + 1);
      const required = spec.required.includes(column);
      cell.font = { bold: required };
      const text = [`${required ? '必填 required' : '选填 optional'}`, describe(spec.file, column)].filter(Boolean).join('\n');
      cell.note = text;
      sheet.getColumn(i + 1).width = Math.max(12, column.length + 4);
      readme.addRow([name, column, required ? 'yes 是' : 'no 否', describe(spec.file, column)]);
    });
  }
  readme.columns.forEach((c, i) => (c.width = [24, 22, 12, 90][i]));
  return book;
}

export async function runTemplate(to: string, io: { err(line: string): void }): Promise<number> {
  const book = await templateWorkbook();
  await writeFile(to, Buffer.from(await book.xlsx.writeBuffer()));
  io.err(`wrote the import template to ${to}: ${IMPORT_FILES.length} sheets and ${README_SHEET}`);
  return 0;
}
