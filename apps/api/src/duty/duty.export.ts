/**
 * A duty record as a file: a printable HTML page (A4, every count and the points item by item,
 * each year under its own table) and an .xlsx workbook; and the list of members' records as one
 * table. The figures are the query's (duty.queries.ts), so the file says what the API says.
 * Every text from the record is escaped: a member's name is data, not markup.
 */
import ExcelJS from 'exceljs';
import { DUTY_COUNT_COLUMNS, type DutyRecord } from '#projections/duty/duty.queries';

/** Chinese labels of the counts, in the record's order. */
export const COUNT_LABELS: Record<(typeof DUTY_COUNT_COLUMNS)[number], string> = {
  contacts: '参加联系活动',
  linksDue: '承担联系任务',
  linksServed: '已开展联系',
  linksMet: '达到联系要求',
  proposalsLed: '领衔提案',
  proposalsLedFiled: '领衔提案·立案',
  proposalsLedNotFiled: '领衔提案·不立案',
  proposalsLedMerged: '领衔提案·并案',
  proposalsLedPending: '领衔提案·待审',
  proposalsLedWithdrawn: '领衔提案·撤回',
  proposalsCoSigned: '附议提案',
  proposalsCoSignedFiled: '附议提案·立案',
  proposalsCoSignedNotFiled: '附议提案·不立案',
  proposalsCoSignedMerged: '附议提案·并案',
  proposalsCoSignedPending: '附议提案·待审',
  opinionsSubmitted: '报送社情民意',
  opinionsAdopted: '社情民意·采用',
  opinionsAdoptedAtCity: '市级采用',
  opinionsAdoptedAtPrefecture: '州级采用',
  opinionsAdoptedAtProvince: '省级采用',
  opinionsAdoptedAtNational: '全国采用',
  instructionsCity: '市级批示',
  instructionsPrefecture: '州级批示',
  instructionsProvince: '省级批示',
  instructionsNational: '全国批示',
  inspectionsInvited: '受邀视察考察',
  inspectionsAttended: '参加视察考察',
  plenaryAttended: '全体会议·出席',
  plenaryExcused: '全体会议·请假',
  plenaryAbsent: '全体会议·缺席',
  standingAttended: '常委会议·出席',
  standingExcused: '常委会议·请假',
  standingAbsent: '常委会议·缺席',
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const scopeText = (r: DutyRecord) => (r.termId ? `${r.termId}（${r.years[0]}–${r.years[r.years.length - 1]}年）` : `${r.year}年度`);
const tableText = (fromYear: number | null) => (fromYear === null ? '默认积分表' : `${fromYear}年起施行的积分表`);

/** The printable page of one member's record. */
export function recordHtml(r: DutyRecord, committee: string, asOf: string | null): string {
  const counts = DUTY_COUNT_COLUMNS.map((c) => `<tr><th>${COUNT_LABELS[c]}</th><td>${r.counts[c]}</td></tr>`).join('\n');
  const years = r.byYear
    .map(
      (y) => `<h2>${y.year}年积分（${escape(tableText(y.fromYear))}：${escape(y.reason)}）</h2>
<table class="points"><thead><tr><th>项目</th><th>次数</th><th>每次</th><th>积分</th></tr></thead><tbody>
${y.lines.map((l) => `<tr><td>${escape(l.item)}</td><td>${l.count}</td><td>${l.each}</td><td>${l.points}</td></tr>`).join('\n')}
<tr class="total"><td colspan="3">合计</td><td>${y.points}</td></tr></tbody></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(`${r.name} ${scopeText(r)}履职档案`)}</title>
<style>@page { size: A4; margin: 18mm } body { font-family: "Noto Serif CJK SC", "SimSun", serif; font-size: 11pt }
h1 { text-align: center; font-size: 16pt } table { border-collapse: collapse; width: 100%; margin: 6pt 0 }
th, td { border: 1px solid #444; padding: 3pt 6pt; text-align: left } td { text-align: right } .total td { font-weight: bold }
h2 { font-size: 12pt; margin-top: 12pt; break-after: avoid } table.points { break-inside: avoid } .meta { color: #333 }</style></head>
<body><h1>${escape(committee)}委员履职档案</h1>
<p class="meta">委员：${escape(r.name)}（${escape(r.memberId)}）　期间：${escape(scopeText(r))}　积分合计：<strong>${r.points}</strong>${asOf ? `　截至记录时点：${escape(asOf)}` : ''}</p>
<table class="counts"><tbody>
${counts}
</tbody></table>
${years}
<p class="meta">本档案由联系记录、提案、社情民意、视察考察和会议出勤记录自动生成，未经手工录入。</p>
</body></html>
`;
}

/** A workbook: one member's record (counts, then the points of each year), or every member's as one sheet. */
export async function recordsXlsx(records: readonly DutyRecord[], single: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (single) {
    const r = records[0]!;
    const sheet = book.addWorksheet('履职档案');
    sheet.addRow(['委员', r.name, r.memberId]).font = { bold: true };
    sheet.addRow(['期间', scopeText(r)]);
    sheet.addRow(['积分合计', r.points]);
    sheet.addRow([]);
    sheet.addRow(['项目', '次数', '字段']).font = { bold: true };
    for (const c of DUTY_COUNT_COLUMNS) sheet.addRow([COUNT_LABELS[c], r.counts[c], c]);
    for (const y of r.byYear) {
      sheet.addRow([]);
      sheet.addRow([`${y.year}年积分`, tableText(y.fromYear), y.reason]).font = { bold: true };
      sheet.addRow(['项目', '次数', '每次', '积分']).font = { bold: true };
      for (const l of y.lines) sheet.addRow([l.item, l.count, l.each, l.points]);
      sheet.addRow(['合计', null, null, y.points]).font = { bold: true };
    }
    sheet.columns.forEach((column) => (column.width = 18));
  } else {
    const sheet = book.addWorksheet('履职档案', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(['委员编号', '姓名', '积分', ...DUTY_COUNT_COLUMNS.map((c) => COUNT_LABELS[c])]).font = { bold: true };
    for (const r of records) sheet.addRow([r.memberId, r.name, r.points, ...DUTY_COUNT_COLUMNS.map((c) => r.counts[c])]);
    sheet.columns.forEach((column) => (column.width = 12));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The list of members' records as a printable page. */
export function recordsHtml(records: readonly DutyRecord[], committee: string, scope: string, asOf: string | null): string {
  const head = ['委员编号', '姓名', '积分', ...DUTY_COUNT_COLUMNS.map((c) => COUNT_LABELS[c])].map((h) => `<th>${h}</th>`).join('');
  const rows = records.map((r) => `<tr><td>${escape(r.memberId)}</td><td>${escape(r.name)}</td><td>${r.points}</td>${DUTY_COUNT_COLUMNS.map((c) => `<td>${r.counts[c]}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(`${scope}委员履职情况`)}</title>
<style>@page { size: A4 landscape; margin: 10mm } body { font-family: "Noto Serif CJK SC", "SimSun", serif; font-size: 8pt }
table { border-collapse: collapse } th, td { border: 1px solid #444; padding: 2pt 3pt } tr { break-inside: avoid }</style></head>
<body><h1>${escape(committee)} ${escape(scope)}委员履职情况</h1>${asOf ? `<p>截至记录时点：${escape(asOf)}</p>` : ''}
<table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
