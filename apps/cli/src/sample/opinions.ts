/**
 * A year (2020) of public-opinion reports (社情民意信息) shaped like a city committee's, for the
 * sample: 80 reports from members, several members together, liaison groups, sectors and
 * democratic parties; some taken up from issues raised in the year's contacts and two from
 * proposals not filed (不立案, to be sent on as opinion reports); about half adopted (two of them
 * combined reports, 综合, of three parts each), the others not adopted for one of the office's
 * reasons, withdrawn or still waiting at the end of the year. Adopted reports are issued as
 * 《社情民意》2020年第n期, signed by a vice-chair, forwarded to the city's Party committee and
 * government and some further up; recipients adopt some, a handful get leaders' instructions
 * (批示) at the city, prefecture and province level, and feedback comes back.
 *
 * Drawn from a stream of its own (`opinionsSeed`), after the liaison network and the proposals:
 * nothing here changes their draws. Every step is dated inside 2020, and the steps file is in the
 * order things happened, so issuing order is number order.
 */
import { DAY, dateTimeOf, day } from './calendar.js';
import { DEMOCRATIC_PARTIES, PROFESSIONAL_SECTORS } from './golmud.js';
import { Rng } from './rng.js';

type Table = { header: readonly string[]; rows: string[][] };

export interface OpinionMember {
  id: string;
  roles: readonly string[];
  joinedMs: number;
  group: string | null;
  sector: string;
}

/** A 2020 contact that raised issues (not retracted), as the sample logged it. */
export interface IssueContact {
  id: string;
  ms: number;
  issues: readonly string[];
}

/** A proposal the office did not file and marked to go on as an opinion report. */
export interface NotFiledProposal {
  id: string;
  title: string;
  ms: number;
}

export const opinionsSeed = (seed: number): number => (seed ^ 0x0b1a_5e11) >>> 0;

const HOUR = 3_600_000;
const YEAR_END = day(2021, 1, 1);

export const OPINION_RECIPIENTS: ReadonlyArray<readonly [id: string, name: string, level: string, kind: string, organizationId: string]> = [
  ['rc-city-pc', '中共格尔木市委员会', 'CITY', 'PARTY_COMMITTEE', 'pc-city'],
  ['rc-city-gov', '格尔木市人民政府', 'CITY', 'GOVERNMENT', ''],
  ['rc-haixi-pc', '中共海西州委员会', 'PREFECTURE', 'PARTY_COMMITTEE', ''],
  ['rc-haixi-cppcc', '政协海西州委员会', 'PREFECTURE', 'CPPCC', ''],
  ['rc-qinghai-cppcc', '政协青海省委员会', 'PROVINCE', 'CPPCC', ''],
  ['rc-national', '全国政协办公厅', 'NATIONAL', 'CPPCC', ''],
];

export const OPINION_REASONS: ReadonlyArray<readonly [code: string, label: string]> = [
  ['NOT_TIMELY', '时效性不强，所反映问题已有部署'],
  ['DUPLICATE', '与已报送信息内容重复'],
  ['LACKS_SUBSTANCE', '反映问题不具体，建议缺乏可操作性'],
  ['OUT_OF_SCOPE', '不属于社情民意信息反映范围'],
];

/** What members hear in the townships and the city, by subject. */
const SUBJECTS: ReadonlyArray<readonly [subject: string, situation: string]> = [
  ['疫情期间中小微企业复工复产困难', '部分中小微企业反映，受疫情影响订单减少、资金周转困难，房租和社保负担较重。'],
  ['农牧区群众就医不便', '农牧区群众反映，乡镇卫生院医生少、设备旧，常见病也要到城区就诊。'],
  ['老旧小区供暖不达标', '部分老旧小区居民反映，冬季室温长期低于标准，管网老化跑冒滴漏严重。'],
  ['城区停车难问题突出', '群众反映，城区主要街道和医院、学校周边停车位严重不足，乱停乱放现象多。'],
  ['枸杞种植户销售渠道单一', '种植户反映，枸杞收购价格波动大，销售依赖外地客商，缺乏本地品牌。'],
  ['高校毕业生返乡就业难', '返乡高校毕业生反映，本地适合的岗位少，创业扶持政策知晓度不高。'],
  ['农村公路养护不到位', '群众反映，部分通村公路路面破损，雨季塌方后修复不及时。'],
  ['学前教育学位紧张', '家长反映，城区公办幼儿园学位不足，民办园收费偏高。'],
  ['盐湖周边生态环境保护', '群众反映，部分企业堆放尾矿、扬尘污染，周边生态修复滞后。'],
  ['养老服务供给不足', '老年群众反映，社区养老服务站点少，失能老人照护压力大。'],
  ['农民工工资拖欠', '务工人员反映，部分工程项目存在拖欠工资现象，维权渠道不畅。'],
  ['城乡供水安全隐患', '群众反映，部分村庄饮水工程老化，冬季管道冻裂、水质不稳定。'],
  ['物流园区配套设施滞后', '企业反映，物流园区道路、仓储和信息平台配套不足，影响陆港建设。'],
  ['旅游旺季接待能力不足', '游客和经营户反映，旅游旺季住宿紧张、服务不规范。'],
  ['背街小巷环境卫生差', '居民反映，背街小巷垃圾清运不及时，路灯损坏多。'],
  ['医保异地结算不便', '外出务工和随子女异地居住的老人反映，医保异地结算手续繁琐。'],
];

const TITLE_FORMS = ['关于{s}的建议', '关于解决{s}的建议', '{s}亟待重视', '群众反映{s}'];

export const OPINION_REPORT_HEADER = ['id', 'author_ids', 'title', 'situation', 'suggestions', 'submitted_on', 'source_contact_id', 'source_issue_id', 'source_proposal_id'] as const;
export const OPINION_STEP_HEADER = [
  'report_id',
  'step',
  'date',
  'reason',
  'title',
  'situation',
  'suggestions',
  'note',
  'reason_code',
  'part_ids',
  'signed_by',
  'recipient_ids',
  'recipient_id',
  'instruction_id',
  'leader_name',
  'leader_title',
  'level',
  'text',
  'gist',
  'feedback_id',
  'from',
  'pickup_id',
  'outlet',
] as const;

interface Step {
  ms: number;
  reportId: string;
  step: string;
  cells: Record<string, string>;
}

interface Report {
  id: string;
  authors: string[];
  subject: (typeof SUBJECTS)[number][0];
  situation: string;
  title: string;
  submittedMs: number;
  source: { contactId: string; issueId: string } | { proposalId: string } | null;
}

/**
 * The files of the opinions office, and the issue ids of the contacts whose issues reports take
 * up (contacts.csv names them, so a report can cite one).
 */
export function generateOpinions(
  seed: number,
  members: readonly OpinionMember[],
  contacts: readonly IssueContact[],
  notFiled: readonly NotFiledProposal[],
): { issueIds: Map<string, string[]>; files: Record<string, Table> } {
  const rng = new Rng(opinionsSeed(seed));
  const at = (d: number) => d + rng.int(9, 17) * HOUR + rng.pick([0, 30]) * 60_000;
  const dayStart = (ms: number) => ms - (ms % DAY);
  const signers = members.filter((m) => m.roles.includes('VICE_CHAIR') || m.roles.includes('SECRETARY_GENERAL'));
  const groups = [...new Set(members.map((m) => m.group).filter((g): g is string => g !== null))].sort();
  const bodies = [...groups, ...PROFESSIONAL_SECTORS.map((s) => s.id), ...DEMOCRATIC_PARTIES.map(([id]) => id)];
  const present = (ms: number) => members.filter((m) => m.joinedMs <= ms);

  // ---------------------------------------------------------------- 80 reports through the year
  const issueIds = new Map<string, string[]>();
  const fromContacts = rng.shuffle(contacts.filter((c) => c.ms >= day(2020, 1, 10) && c.ms < day(2020, 11, 1) && new Set(c.issues).size === c.issues.length)).slice(0, 18);
  const fromProposals = notFiled.slice(0, 2);
  const reports: Report[] = [];
  const draw = (submittedMs: number, source: Report['source'], subjectText?: string): Report => {
    const byBody = rng.chance(0.22);
    const pool = present(submittedMs);
    const first = rng.pick(pool);
    const authors = byBody ? [rng.pick(bodies)] : rng.chance(0.2) ? [first.id, ...rng.shuffle(pool.filter((m) => m !== first)).slice(0, rng.int(1, 2)).map((m) => m.id)] : [first.id];
    const [subject, situation] = rng.pick(SUBJECTS);
    const s = subjectText ?? subject;
    return { id: '', authors, subject: s, situation, title: rng.pick(TITLE_FORMS).replace('{s}', s), submittedMs, source };
  };
  for (const c of fromContacts) {
    const ids = c.issues.map((_, i) => `${c.id}-i${i + 1}`);
    issueIds.set(c.id, ids);
    const k = rng.int(0, c.issues.length - 1);
    reports.push(draw(at(dayStart(c.ms) + rng.int(5, 20) * DAY), { contactId: c.id, issueId: ids[k]! }, c.issues[k]!.replace(/[。；;，,]+$/, '')));
  }
  for (const p of fromProposals) reports.push(draw(at(dayStart(p.ms) + rng.int(7, 20) * DAY), { proposalId: p.id }, p.title.replace(/^关于/, '').replace(/的提案$/, '')));
  while (reports.length < 80) {
    const ms = at(day(2020, 1, 10) + rng.int(0, 320) * DAY);
    if (ms >= day(2020, 1, 24) && ms < day(2020, 2, 10)) continue; // Spring Festival and the first weeks of the epidemic
    reports.push(draw(ms, null));
  }
  reports.sort((a, b) => a.submittedMs - b.submittedMs);
  reports.forEach((r, i) => (r.id = `sq-2020-${String(i + 1).padStart(3, '0')}`));

  // ---------------------------------------------------------------- the office's decisions
  const steps: Step[] = [];
  const push = (reportId: string, ms: number, step: string, cells: Record<string, string> = {}) => steps.push({ ms, reportId, step, cells });
  /** 34 adopted alone, 6 parts of two combined reports, 26 not adopted, 2 withdrawn; the rest wait. Late reports wait more often. */
  const decidable = reports.filter((r) => r.submittedMs < day(2020, 12, 1));
  const fates = new Map<Report, string>();
  const order = rng.shuffle(decidable);
  order.slice(0, 34).forEach((r) => fates.set(r, 'ADOPT'));
  order.slice(34, 40).forEach((r) => fates.set(r, 'PART'));
  order.slice(40, 66).forEach((r) => fates.set(r, 'DECLINE'));
  order.slice(66, 68).forEach((r) => fates.set(r, 'WITHDRAW'));
  // Every report from a contact's issue or a proposal is decided: these are what the office looks for.
  const adopted: Array<{ id: string; adoptedMs: number; authors: string[] }> = [];
  for (const r of reports) {
    const fate = fates.get(r) ?? 'WAIT';
    let ms = at(dayStart(r.submittedMs) + rng.int(3, 15) * DAY);
    if (ms >= YEAR_END) continue;
    if ((fate === 'ADOPT' || fate === 'PART') && rng.chance(0.2)) {
      push(r.id, ms, 'EDIT', { title: `${r.title}（核稿）`, note: '编辑核稿：压缩篇幅，补充数据' });
      ms += rng.int(20, 50) * HOUR;
    }
    if (fate === 'ADOPT') {
      push(r.id, ms, 'ADOPT', { note: rng.chance(0.3) ? '信息价值较高' : '' });
      adopted.push({ id: r.id, adoptedMs: ms, authors: r.authors });
    } else if (fate === 'DECLINE') push(r.id, ms, 'DECLINE', { reason_code: rng.pick(OPINION_REASONS)[0] });
    else if (fate === 'WITHDRAW') push(r.id, at(dayStart(r.submittedMs) + rng.int(1, 3) * DAY), 'WITHDRAW', { reason: '作者要求撤回，补充调研后再报' });
  }

  // Two combined reports (综合) of three parts each, on the parts' common ground.
  const parts = reports.filter((r) => fates.get(r) === 'PART');
  const combined: Array<{ id: string; adoptedMs: number }> = [];
  for (let k = 0; k < 2; k++) {
    const group = parts.slice(k * 3, k * 3 + 3);
    const id = `sq-2020-zh-${k + 1}`;
    const ms = at(dayStart(Math.max(...group.map((p) => p.submittedMs))) + rng.int(5, 12) * DAY);
    push(id, ms, 'COMBINE', {
      part_ids: group.map((p) => p.id).join(';'),
      title: `委员反映${group[0]!.subject}等问题的综合情况`,
      situation: group.map((p) => p.situation).join(''),
      suggestions: '建议相关部门统筹研究，分类施策，逐项明确责任单位和完成时限。',
    });
    combined.push({ id, adoptedMs: ms });
  }

  // ---------------------------------------------------------------- issued, forwarded, and what came back
  const toIssue = [...adopted.map((a) => ({ id: a.id, adoptedMs: a.adoptedMs })), ...combined].sort((a, b) => a.adoptedMs - b.adoptedMs);
  const instructionsLeft = { CITY: 5, PREFECTURE: 2, PROVINCE: 1 };
  let feedbackN = 0;
  for (const r of toIssue) {
    const issuedMs = at(dayStart(r.adoptedMs) + rng.int(2, 10) * DAY);
    if (issuedMs >= YEAR_END - 2 * DAY) continue;
    push(r.id, issuedMs, 'ISSUE', { signed_by: rng.pick(signers).id });
    const forwardedMs = issuedMs + rng.int(2, 30) * HOUR;
    const recipients = ['rc-city-pc', 'rc-city-gov'];
    if (rng.chance(0.4)) recipients.push(rng.pick(['rc-haixi-pc', 'rc-haixi-cppcc']));
    if (rng.chance(0.15)) recipients.push('rc-qinghai-cppcc');
    if (rng.chance(0.04)) recipients.push('rc-national');
    push(r.id, forwardedMs, 'FORWARD', { recipient_ids: recipients.join(';') });
    const levelOf = (id: string) => OPINION_RECIPIENTS.find(([x]) => x === id)![2];
    for (const recipient of recipients) {
      const level = levelOf(recipient);
      const p = level === 'CITY' ? 0.35 : level === 'PREFECTURE' ? 0.4 : 0.3;
      const adoptedMs = at(dayStart(forwardedMs) + rng.int(5, 40) * DAY);
      if (rng.chance(p) && adoptedMs < YEAR_END) push(r.id, adoptedMs, 'RECIPIENT_ADOPTION', { recipient_id: recipient, note: '' });
    }
    // A handful of instructions (批示): city leaders on what the city was sent, a few further up.
    const reach = recipients.map(levelOf);
    const level = reach.includes('PROVINCE') && instructionsLeft.PROVINCE > 0 && rng.chance(0.7) ? 'PROVINCE' : reach.includes('PREFECTURE') && instructionsLeft.PREFECTURE > 0 && rng.chance(0.4) ? 'PREFECTURE' : instructionsLeft.CITY > 0 && rng.chance(0.16) ? 'CITY' : null;
    if (level !== null) {
      const instructedMs = at(dayStart(forwardedMs) + rng.int(3, 25) * DAY);
      if (instructedMs < YEAR_END) {
        instructionsLeft[level as keyof typeof instructionsLeft]--;
        const leader = { CITY: ['王建军', '中共格尔木市委书记'], PREFECTURE: ['李晓东', '海西州人民政府副州长'], PROVINCE: ['张宏伟', '青海省人民政府副省长'] }[level as 'CITY']!;
        push(r.id, instructedMs, 'INSTRUCTION', {
          instruction_id: `${r.id}-ps-1`,
          leader_name: leader[0]!,
          leader_title: leader[1]!,
          level,
          text: level === 'CITY' ? '请市政府分管领导牵头，相关部门认真研究，提出解决措施。' : '所反映问题值得重视，请有关部门研究吸纳。',
          gist: level === 'CITY' ? 'false' : 'true',
        });
        const backMs = at(dayStart(instructedMs) + rng.int(10, 40) * DAY);
        if (backMs < YEAR_END) {
          feedbackN++;
          push(r.id, backMs, 'FEEDBACK', { feedback_id: `${r.id}-fk-1`, recipient_id: 'rc-city-gov', text: '已按领导批示要求，会同相关部门制定整改方案，正在推进落实。' });
        }
      }
    } else if (rng.chance(0.15)) {
      const backMs = at(dayStart(forwardedMs) + rng.int(15, 50) * DAY);
      if (backMs < YEAR_END) {
        feedbackN++;
        push(r.id, backMs, 'FEEDBACK', { feedback_id: `${r.id}-fk-1`, recipient_id: 'rc-city-gov', text: '来信收悉，已转相关部门研究办理。' });
      }
    }
    if (rng.chance(0.08)) {
      const ms = at(dayStart(issuedMs) + rng.int(3, 20) * DAY);
      if (ms < YEAR_END) push(r.id, ms, 'MEDIA_PICKUP', { pickup_id: `${r.id}-mt-1`, outlet: rng.pick(['格尔木日报', '柴达木日报', '青海日报']), note: '' });
    }
  }
  void feedbackN;

  // ---------------------------------------------------------------- the files
  const sorted = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.ms - b.s.ms || a.i - b.i).map(({ s }) => s);
  const sourceCells = (r: Report): [string, string, string] =>
    r.source === null ? ['', '', ''] : 'proposalId' in r.source ? ['', '', r.source.proposalId] : [r.source.contactId, r.source.issueId, ''];
  return {
    issueIds,
    files: {
      'opinion_recipients.csv': { header: ['id', 'name', 'level', 'kind', 'organization_id'], rows: OPINION_RECIPIENTS.map((r) => [...r]) },
      'opinion_not_adopted_reasons.csv': { header: ['code', 'label'], rows: OPINION_REASONS.map((r) => [...r]) },
      'opinion_credit_rules.csv': {
        header: ['from_year', 'committee_adoption', 'adoption_city', 'adoption_prefecture', 'adoption_province', 'adoption_national', 'instruction_city', 'instruction_prefecture', 'instruction_province', 'instruction_national', 'media_pickup', 'reason'],
        rows: [['2020', '1', '2', '3', '5', '10', '3', '5', '8', '15', '1', '《政协格尔木市委员会社情民意信息工作积分办法》（2020年）']],
      },
      'opinion_reports.csv': {
        header: OPINION_REPORT_HEADER,
        rows: reports.map((r) => [
          r.id,
          r.authors.join(';'),
          r.title,
          r.situation,
          '建议相关部门深入调研，加大政策支持和资金投入，尽快解决群众反映的问题。',
          dateTimeOf(r.submittedMs),
          ...sourceCells(r),
        ]),
      },
      'opinion_report_steps.csv': {
        header: OPINION_STEP_HEADER,
        rows: sorted.map((s) => OPINION_STEP_HEADER.map((column) => (column === 'report_id' ? s.reportId : column === 'step' ? s.step : column === 'date' ? dateTimeOf(s.ms) : (s.cells[column] ?? '')))),
      },
    },
  };
}
