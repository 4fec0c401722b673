/**
 * A year (2020) of proposals shaped like a city committee's, for the sample: 150 proposals made at
 * the fourth session of the tenth term (大会提案) and between sessions (平时提案); 120 filed and
 * numbered, 18 not filed for one of six reasons, 12 merged into a filed one; a dozen key
 * proposals supervised by the chair and vice-chairs; 25 handling units, each with its habits
 * (some always on time, some late, three that leave replies overdue at the end of the year;
 * some whose "A: solved" the proposers rate unsatisfied); B replies whose promises are kept on
 * time, late, or not yet.
 *
 * Drawn from a stream of its own (`proposalsSeed`), after the liaison network is drawn: nothing
 * here changes a draw of the members, links or contacts. Every step is dated no later than
 * 2020-12-31, and the steps file is in the order things happened, as a register export would be,
 * so filing order is number order.
 */
import { DAY, dateOf, dateTimeOf, day } from './calendar.js';
import { DEMOCRATIC_PARTIES, HANDLING_UNITS, PEOPLES_ORGANIZATIONS, PLENARY, PROFESSIONAL_SECTORS, PROPOSAL_UNITS, SPECIAL_COMMITTEES } from './golmud.js';
import { Rng } from './rng.js';

export interface ProposalMember {
  id: string;
  roles: readonly string[];
  joinedMs: number;
}

type Table = { header: readonly string[]; rows: string[][] };

/** Derives the proposals' stream from the sample's seed (a fixed odd constant keeps it apart from the main stream). */
export const proposalsSeed = (seed: number): number => (seed ^ 0x5eed_7a0a) >>> 0;

const SESSION = PLENARY.find((p) => p.id === 'ps-10-4')!;
const YEAR_END = day(2021, 1, 1);
const HOUR = 3_600_000;

export const NOT_FILED_REASONS: ReadonlyArray<readonly [code: string, label: string]> = [
  ['OUT_OF_SCOPE', '不属于政协提案受理范围'],
  ['NO_SUGGESTION', '只有案由没有具体建议，或建议不可行'],
  ['JUDICIAL', '涉及司法诉讼或党政机关内部事务'],
  ['ALREADY_SOLVED', '所提问题已经解决或正在解决'],
  ['MULTIPLE_ISSUES', '一案多事，不符合一事一案要求'],
  ['PERSONAL', '涉及个人诉求或商业宣传'],
];

type Punctuality = 'ALWAYS' | 'MOSTLY' | 'OFTEN_LATE' | 'OVERDUE';

/** Each unit's habits and what proposals to it are about. */
const UNITS: ReadonlyArray<{ id: string; punctuality: Punctuality; unsatisfied: number; aUnsatisfied: number; subjects: readonly string[] }> = [
  { id: 'hu-ndrc', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['陆港型国家物流枢纽承载城市建设', '重大项目前期工作', '盐湖资源综合利用产业规划'] },
  { id: 'hu-edu', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['学前教育资源配置', '职业教育产教融合', '中小学课后服务'] },
  { id: 'hu-health', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0.3, subjects: ['基层医疗卫生服务能力', '公共卫生应急体系建设', '高原病防治'] },
  { id: 'hu-housing', punctuality: 'OFTEN_LATE', unsatisfied: 0.2, aUnsatisfied: 0.4, subjects: ['老旧小区改造', '城市供暖管网改造', '物业服务管理'] },
  { id: 'hu-culture', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['文化旅游融合发展', '昆仑文化保护传承'] },
  { id: 'hu-transport', punctuality: 'OVERDUE', unsatisfied: 0.25, aUnsatisfied: 0.3, subjects: ['城乡公交一体化', '农村公路养护'] },
  { id: 'hu-finance', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['中小微企业融资担保', '财政资金绩效管理'] },
  { id: 'hu-hrss', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['高校毕业生就业创业', '农民工工资支付保障'] },
  { id: 'hu-natres', punctuality: 'OFTEN_LATE', unsatisfied: 0.15, aUnsatisfied: 0.2, subjects: ['物流园区用地保障', '国土空间规划编制'] },
  { id: 'hu-ecoenv', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['大气污染联防联控', '工业固体废物处置'] },
  { id: 'hu-agri', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['枸杞产业提质增效', '高原特色农牧业发展'] },
  { id: 'hu-water', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['城乡供水安全', '农田水利设施建设'] },
  { id: 'hu-commerce', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['冷链仓储设施建设', '夜间经济发展'] },
  { id: 'hu-industry', punctuality: 'OVERDUE', unsatisfied: 0.2, aUnsatisfied: 0.2, subjects: ['光伏新能源产业发展', '盐湖化工循环经济'] },
  { id: 'hu-civil', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['养老服务体系建设', '困难群众救助'] },
  { id: 'hu-market', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['食品安全监管', '优化营商环境'] },
  { id: 'hu-emergency', punctuality: 'MOSTLY', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['安全生产监管', '防灾减灾能力建设'] },
  { id: 'hu-urban', punctuality: 'OFTEN_LATE', unsatisfied: 0.3, aUnsatisfied: 0.5, subjects: ['城市精细化管理', '背街小巷环境整治', '停车难问题治理'] },
  { id: 'hu-ethnic', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['民族团结进步创建'] },
  { id: 'hu-medins', punctuality: 'MOSTLY', unsatisfied: 0.15, aUnsatisfied: 0, subjects: ['医保异地结算', '健全完善医疗保障体系'] },
  { id: 'hu-forest', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['城市绿化和防风固沙'] },
  { id: 'hu-police', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['城乡结合部治安防控', '道路交通秩序管理'] },
  { id: 'hu-govsvc', punctuality: 'ALWAYS', unsatisfied: 0.05, aUnsatisfied: 0, subjects: ['政务服务一网通办', '12345热线办理质量'] },
  { id: 'hu-statistics', punctuality: 'OVERDUE', unsatisfied: 0.15, aUnsatisfied: 0, subjects: ['统计数据共享'] },
  { id: 'hu-veterans', punctuality: 'MOSTLY', unsatisfied: 0.1, aUnsatisfied: 0, subjects: ['退役军人就业安置'] },
];

const TITLE_PREFIXES = ['关于', '关于进一步加强', '关于加快推进', '关于切实做好', '关于完善'];

interface Step {
  ms: number;
  step: string;
  cells: Record<string, string>;
}

interface Proposal {
  id: string;
  proposer: string;
  unit: (typeof UNITS)[number];
  subject: string;
  title: string;
  submittedMs: number;
  coSigners: string[];
  /** Its history after submission, in the order it happened. */
  steps: Step[];
}

const STEP_HEADER = [
  'proposal_id',
  'step',
  'date',
  'member_id',
  'assignment_id',
  'unit_id',
  'role',
  'due_on',
  'days',
  'reason',
  'reason_code',
  'note',
  'to_opinion_report',
  'into_proposal_id',
  'supervisor_id',
  'result',
  'text',
  'planned_on',
  'attitude',
  'comment',
  'reporter',
  'delivered_on',
] as const;

/** The files of the proposals office, and the organization rows of the units not in HANDLING_UNITS. */
export function generateProposals(seed: number, members: readonly ProposalMember[]): { organizations: string[][]; files: Record<string, Table> } {
  const rng = new Rng(proposalsSeed(seed));
  const unitName = new Map<string, string>([...HANDLING_UNITS.map(([id, name]) => [id, name] as const), ...PROPOSAL_UNITS]);
  const bodies = [...DEMOCRATIC_PARTIES.map(([id]) => id), ...PEOPLES_ORGANIZATIONS.map(([id]) => id), ...PROFESSIONAL_SECTORS.map((s) => s.id), ...SPECIAL_COMMITTEES.map(([id]) => id)];
  const elected = members.filter((m) => m.joinedMs <= SESSION.start);
  const leaders = members.filter((m) => m.roles.includes('CHAIR') || m.roles.includes('VICE_CHAIR'));
  const at = (d: number, h = rng.int(9, 17)) => d + h * HOUR + rng.pick([0, 30]) * 60_000;
  const dayStart = (ms: number) => ms - (ms % DAY);
  // The lead units of the 150, each of the 25 at least four times, the rest by weight (the big departments get more).
  const leads = rng.shuffle([
    ...UNITS.flatMap((u) => Array<(typeof UNITS)[number]>(4).fill(u)),
    ...Array.from({ length: 50 }, () => rng.weighted(UNITS.map((u) => [u, u.subjects.length] as const))),
  ]);

  // ---------------------------------------------------------------- submission
  const proposals: Proposal[] = leads.map((unit, i) => {
    const duringSession = i < 130;
    const byBody = rng.chance(0.13);
    const proposer = byBody ? rng.pick(bodies) : rng.pick(elected).id;
    const submittedMs = duringSession ? SESSION.start + rng.int(0, 3) * DAY + rng.int(9, 11) * HOUR + rng.pick([0, 30]) * 60_000 : at(day(2020, 3, 2) + rng.int(0, 200) * DAY);
    const coSigners = !byBody && rng.chance(0.3) ? rng.shuffle(elected.filter((m) => m.id !== proposer)).slice(0, rng.int(1, 3)).map((m) => m.id) : [];
    const subject = rng.pick(unit.subjects);
    return { id: `pr-2020-${String(i + 1).padStart(3, '0')}`, proposer, unit, subject, title: `${rng.pick(TITLE_PREFIXES)}${subject}的提案`, submittedMs, coSigners, steps: [] };
  });
  proposals.sort((a, b) => a.submittedMs - b.submittedMs || (a.id < b.id ? -1 : 1));
  for (const p of proposals) {
    for (const m of p.coSigners) if (rng.chance(0.8)) p.steps.push({ ms: p.submittedMs + rng.int(2, 140) * HOUR, step: 'CO_SIGN', cells: { member_id: m } });
  }

  // ---------------------------------------------------------------- review: 120 filed, 18 not filed, 12 merged
  const fates = rng.shuffle([...Array<string>(120).fill('FILE'), ...Array<string>(18).fill('NOT_FILED'), ...Array<string>(12).fill('MERGE')]);
  /** When the office reviews: session proposals after the epidemic's first weeks, the others two or three weeks after they came. */
  const reviewOf = (p: Proposal) => (p.submittedMs < day(2020, 2, 1) ? at(day(2020, 2, 24) + rng.int(0, 18) * DAY) : at(dayStart(p.submittedMs) + rng.int(10, 21) * DAY));
  const filed: Proposal[] = [];
  const merged: Proposal[] = [];
  proposals.forEach((p, i) => {
    const fate = fates[i]!;
    const lastMs = p.steps.reduce((m, s) => Math.max(m, s.ms), p.submittedMs);
    let review = Math.max(reviewOf(p), lastMs + HOUR);
    if (fate === 'FILE' && rng.chance(0.03)) {
      // Returned for revision, then resubmitted: filed on the second look.
      p.steps.push({ ms: review, step: 'RETURN_FOR_REVISION', cells: { reason: '建议部分过于笼统，请补充具体措施' } });
      p.steps.push({ ms: review + rng.int(4, 8) * DAY, step: 'RESUBMIT', cells: {} });
      review += rng.int(10, 14) * DAY;
    }
    if (fate === 'FILE') {
      p.steps.push({ ms: review, step: 'FILE', cells: {} });
      filed.push(p);
    } else if (fate === 'NOT_FILED') {
      const [code] = rng.pick(NOT_FILED_REASONS);
      const toOpinionReport = code === 'OUT_OF_SCOPE' && rng.chance(0.5);
      p.steps.push({ ms: review, step: 'NOT_FILED', cells: toOpinionReport ? { reason_code: code, note: '建议以社情民意信息报送', to_opinion_report: 'true' } : { reason_code: code } });
    } else merged.push(p);
  });

  // ---------------------------------------------------------------- assignment, replies, ratings
  const unitOf = (id: string) => UNITS.find((u) => u.id === id)!;
  const openAtEnd = new Set<Proposal>();
  for (const p of filed) {
    const filedMs = p.steps.find((s) => s.step === 'FILE')!.ms;
    const assignedMs = at(dayStart(filedMs) + rng.int(1, 5) * DAY);
    const assignments: Array<{ id: string; unit: (typeof UNITS)[number]; role: 'LEAD' | 'ASSIST'; fromMs: number; dueMs: number }> = [];
    const assign = (unit: (typeof UNITS)[number], role: 'LEAD' | 'ASSIST', ms: number, n: number) => {
      const byDate = role === 'LEAD' && rng.chance(0.1);
      const days = role === 'LEAD' ? (byDate ? 60 : 90) : 30;
      const dueMs = dayStart(ms) + days * DAY;
      const id = `${p.id}-${n}`;
      p.steps.push({ ms, step: 'ASSIGN', cells: { assignment_id: id, unit_id: unit.id, role, ...(byDate ? { due_on: dateOf(dueMs) } : {}) } });
      const a = { id, unit, role, fromMs: ms, dueMs };
      assignments.push(a);
      return a;
    };
    let lead = assign(p.unit, 'LEAD', assignedMs, 1);
    const helpers = rng.shuffle(UNITS.filter((u) => u !== p.unit)).slice(0, rng.weighted([[0, 5], [1, 4], [2, 2]] as const));
    helpers.forEach((u, k) => assign(u, 'ASSIST', assignedMs, k + 2));
    if (rng.chance(0.04)) {
      // 退回改办: the lead unit says another should lead; the office agrees and reassigns.
      const other = rng.pick(UNITS.filter((u) => !assignments.some((a) => a.unit === u)));
      const back = assignedMs + rng.int(3, 9) * DAY;
      p.steps.push({ ms: back, step: 'RETURN_ASSIGNMENT', cells: { assignment_id: lead.id, reason: '所提事项不属于本单位职责', suggested_unit_id: other.id } });
      assignments.splice(assignments.indexOf(lead), 1);
      lead = assign(other, 'LEAD', at(dayStart(back) + rng.int(2, 4) * DAY), assignments.length + 2);
    }
    const released: Array<{ a: (typeof assignments)[number]; result: string; releasedMs: number; plannedMs: number | null }> = [];
    for (const a of assignments) {
      const habit = a.unit.punctuality;
      if (habit === 'OVERDUE' && rng.chance(0.4)) continue; // never answered: overdue at the end of the year, or not yet due
      let extendedMs = 0;
      if (habit !== 'ALWAYS' && rng.chance(0.06)) {
        const ext = a.dueMs - rng.int(3, 10) * DAY;
        if (ext > a.fromMs + DAY && ext < YEAR_END) {
          a.dueMs += 30 * DAY;
          extendedMs = at(ext);
          p.steps.push({ ms: extendedMs, step: 'EXTEND', cells: { assignment_id: a.id, due_on: dateOf(a.dueMs), reason: '需会同相关部门调研论证，申请延期答复' } });
        }
      }
      const onTime = rng.chance(habit === 'ALWAYS' ? 1 : habit === 'MOSTLY' ? 0.85 : 0.4);
      // An extended deadline is answered after the extension, never before it.
      let replyMs = Math.max(at(onTime ? Math.max(a.fromMs + 7 * DAY, a.dueMs - rng.int(1, 35) * DAY) : a.dueMs + rng.int(2, 45) * DAY), extendedMs + DAY);
      if (replyMs >= YEAR_END - 3 * DAY) continue;
      const result = rng.weighted([['A', 50], ['B', 32], ['C', 18]] as const);
      const planned = result === 'B' ? dayStart(replyMs) + rng.int(45, 300) * DAY : null;
      const reply = (ms: number, text: string): Step => ({
        ms,
        step: 'REPLY',
        cells: { assignment_id: a.id, result, text, ...(planned !== null ? { planned_on: dateOf(planned) } : {}), ...(result === 'C' ? { reason: '受现行政策和财力所限，暂不具备实施条件' } : {}) },
      });
      const texts = { A: `关于${p.subject}，我单位已会同有关部门落实，所提问题已基本解决。`, B: `关于${p.subject}，已列入年度工作计划，将按计划推进。`, C: `关于${p.subject}，所提建议留作今后工作参考。` };
      if (rng.chance(0.08)) {
        p.steps.push(reply(replyMs, `${texts[result]}（初稿）`));
        p.steps.push({ ms: replyMs + rng.int(18, 30) * HOUR, step: 'SEND_BACK', cells: { assignment_id: a.id, reason: '答复未与提案者沟通，内容过于简单' } });
        replyMs = at(dayStart(replyMs) + rng.int(5, 10) * DAY);
        if (replyMs >= YEAR_END - 3 * DAY) continue;
      }
      p.steps.push(reply(replyMs, texts[result]));
      const releasedMs = replyMs + rng.int(20, 60) * HOUR;
      p.steps.push({ ms: releasedMs, step: 'RELEASE', cells: { assignment_id: a.id } });
      released.push({ a, result, releasedMs, plannedMs: planned });
    }

    // The proposer rates each released reply; the last rating of a proposal all satisfied closes it.
    const unsatisfied: typeof released = [];
    let lastRating = 0;
    let rated = 0;
    for (const r of released) {
      const ms = r.releasedMs + rng.int(5, 25) * DAY;
      if (ms >= YEAR_END) continue;
      const bad = rng.chance(r.result === 'A' ? r.a.unit.aUnsatisfied || r.a.unit.unsatisfied : r.a.unit.unsatisfied);
      const good = () => rng.weighted([['SATISFIED', 7], ['BASICALLY_SATISFIED', 3]] as const);
      const attitude = bad && rng.chance(0.4) ? 'UNSATISFIED' : good();
      const result = bad ? 'UNSATISFIED' : good();
      p.steps.push({ ms, step: 'RATE', cells: { assignment_id: r.a.id, attitude, result, comment: bad ? '问题没有实质性解决' : '' } });
      if (bad) unsatisfied.push(r);
      lastRating = Math.max(lastRating, ms);
      rated++;
    }
    const closedByRatings = unsatisfied.length === 0 && rated === assignments.length;
    if (unsatisfied.length > 0) {
      // Decided once everything else on the proposal has happened, so nothing is answered after it is closed.
      const ms = p.steps.reduce((m, st) => Math.max(m, st.ms), lastRating) + rng.int(3, 10) * DAY;
      if (rng.chance(0.35) && ms < YEAR_END - 45 * DAY) {
        // 重新办理: asked for, reopened with 30 days, answered again and rated.
        p.steps.push({ ms, step: 'REQUEST_REHANDLING', cells: { reason: '答复所述措施未落实，申请重新办理' } });
        const reopenMs = ms + rng.int(2, 5) * DAY;
        p.steps.push({ ms: reopenMs, step: 'REOPEN', cells: { days: '30', reason: '提案者不满意，交承办单位重新办理' } });
        for (const r of unsatisfied) {
          const again = at(dayStart(reopenMs) + rng.int(10, 28) * DAY);
          p.steps.push({ ms: again, step: 'REPLY', cells: { assignment_id: r.a.id, result: 'A', text: `关于${p.subject}，经重新办理，已落实整改措施。` } });
          p.steps.push({ ms: again + rng.int(20, 40) * HOUR, step: 'RELEASE', cells: { assignment_id: r.a.id } });
          r.plannedMs = null;
        }
        openAtEnd.add(p);
      } else if (rated === assignments.length && rng.chance(0.5) && ms < YEAR_END) {
        p.steps.push({ ms, step: 'CLOSE', cells: { reason: '经与提案者沟通，已作说明，同意办结' } });
      } else openAtEnd.add(p);
    } else if (!closedByRatings) openAtEnd.add(p);

    // A B reply promises a date: the office reports it kept (on time or late), or it stays open.
    for (const r of released) {
      if (r.plannedMs === null) continue;
      const kept = rng.weighted([['ON_TIME', 5], ['LATE', 3], ['OPEN', 2]] as const);
      if (kept === 'OPEN') continue;
      const deliveredMs = kept === 'ON_TIME' ? Math.max(r.releasedMs + 10 * DAY, r.plannedMs - rng.int(0, 30) * DAY) : r.plannedMs + rng.int(5, 40) * DAY;
      const reportMs = at(dayStart(deliveredMs) + rng.int(1, 6) * DAY);
      if (reportMs >= YEAR_END) continue;
      if (rng.chance(0.5)) p.steps.push({ ms: at(dayStart(deliveredMs)), step: 'PROMISE_DELIVERED', cells: { assignment_id: r.a.id, reporter: 'UNIT', delivered_on: dateOf(deliveredMs), note: '已按计划完成' } });
      p.steps.push({ ms: reportMs, step: 'PROMISE_DELIVERED', cells: { assignment_id: r.a.id, reporter: 'OFFICE', delivered_on: dateOf(deliveredMs), note: '经核实已落实' } });
    }
  }

  // ---------------------------------------------------------------- key proposals and merges
  // A dozen key proposals, among those filed at the session, each supervised by the chair or a vice-chair.
  const key = rng.shuffle(filed.filter((p) => p.submittedMs < day(2020, 2, 1))).slice(0, 12);
  key.forEach((p, i) => {
    const filedMs = p.steps.find((s) => s.step === 'FILE')!.ms;
    p.steps.push({ ms: filedMs + rng.int(2, 6) * HOUR, step: 'KEY', cells: { supervisor_id: leaders[i % leaders.length]!.id, reason: '主席会议确定为年度重点提案' } });
  });
  // A merged proposal joins a filed one on the same subject, or of the same unit, once that one is
  // filed. Only proposals still open at the end of the year take them: MergeProposal is not yet
  // idempotent once its target is closed, and the sample must re-import quietly.
  for (const p of merged) {
    const targets = [...openAtEnd].filter((t) => t.unit === p.unit && t.subject === p.subject);
    const pool = targets.length > 0 ? targets : [...openAtEnd].filter((t) => t.unit === p.unit);
    const into = rng.pick(pool.length > 0 ? pool : [...openAtEnd]);
    const intoFiled = into.steps.find((s) => s.step === 'FILE')!.ms;
    const lastMs = p.steps.reduce((m, s) => Math.max(m, s.ms), p.submittedMs);
    p.steps.push({ ms: Math.max(intoFiled, lastMs) + rng.int(1, 3) * HOUR, step: 'MERGE', cells: { into_proposal_id: into.id, reason: `与${into.id}所提问题相同，并案办理` } });
  }

  // ---------------------------------------------------------------- the files
  const steps = proposals.flatMap((p) => p.steps.map((s) => ({ p, s }))).sort((x, y) => x.s.ms - y.s.ms || (x.p.id < y.p.id ? -1 : x.p.id > y.p.id ? 1 : 0));
  return {
    organizations: PROPOSAL_UNITS.map(([id, name]) => [id, 'HANDLING_UNIT', name, '', '']),
    files: {
      'proposal_rules.csv': {
        header: ['number_format', 'lead_days', 'assist_days', 'day_kind', 'due_soon_days', 'invitation_days', 'reason'],
        rows: [['格政协〔{year}〕第{n}号', '90', '30', 'CALENDAR', '7', '7', '《政协格尔木市委员会提案工作条例》：主办单位三个月内答复，协办单位一个月内提出意见']],
      },
      'not_filed_reasons.csv': { header: ['code', 'label'], rows: NOT_FILED_REASONS.map(([code, label]) => [code, label]) },
      'proposals.csv': {
        header: ['id', 'session_id', 'proposer_id', 'title', 'reasons', 'suggestions', 'submitted_at', 'co_signer_ids'],
        rows: proposals.map((p) => [
          p.id,
          SESSION.id,
          p.proposer,
          p.title,
          `${p.subject}工作中还存在短板，群众反映较多，需要${unitName.get(p.unit.id)}等部门统筹解决。`,
          `一是摸清底数、制定方案；二是加大投入、明确责任；三是建立定期督查和通报机制。`,
          dateTimeOf(p.submittedMs),
          p.coSigners.join(';'),
        ]),
      },
      'proposal_steps.csv': {
        header: STEP_HEADER,
        // Ties keep the proposal's own order, then the proposal id's.
        rows: steps.map(({ p, s }) => STEP_HEADER.map((column) => (column === 'proposal_id' ? p.id : column === 'step' ? s.step : column === 'date' ? dateTimeOf(s.ms) : (s.cells[column] ?? '')))),
      },
    },
  };
}
