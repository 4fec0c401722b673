/**
 * A year (2020) of inspections and study visits (视察考察) shaped like a city committee's, for the
 * sample: six visits held, organised by three special committees, a sector and the chairs'
 * meeting (and one more planned for the epidemic's first weeks and cancelled); each with its
 * invitations and answers, who attended, and a report whose recommendations (30 in all) are
 * addressed to handling units. The units follow up in every status (accepted, in progress, done,
 * not adopted with a reason); a few recommendations have no response at the end of the year, some
 * of them overdue, and one report came in after its deadline.
 *
 * Drawn from a stream of its own (`inspectionsSeed`), after everything else: nothing here changes
 * another draw. Every step is dated inside 2020, in the order it happened.
 */
import { DAY, dateOf, dateTimeOf, day } from './calendar.js';
import { Rng } from './rng.js';

type Table = { header: readonly string[]; rows: string[][] };

export interface InspectionMember {
  id: string;
  roles: readonly string[];
  joinedMs: number;
  specialCommittee: string;
  sector: string;
}

export const inspectionsSeed = (seed: number): number => (seed ^ 0x1a5b_ec70) >>> 0;

const HOUR = 3_600_000;
const YEAR_END = day(2021, 1, 1);

interface Plan {
  id: string;
  kind: 'INSPECTION' | 'STUDY_VISIT';
  topic: string;
  organiser: string;
  startsMs: number;
  days: number;
  place: string;
  places: string[];
  /** Days from the visit's end to its report. */
  reportAfter: number;
  recommendations: ReadonlyArray<readonly [unitId: string, text: string]>;
}

const PLANS: readonly Plan[] = [
  {
    id: 'sc-2020-01',
    kind: 'INSPECTION',
    topic: '疫情防控常态化下企业复工复产情况',
    organiser: 'sc-social',
    startsMs: day(2020, 4, 21),
    days: 1,
    place: '格尔木市区及昆仑经济技术开发区',
    places: ['昆仑经济技术开发区', '市人民医院发热门诊', '河西农贸市场'],
    reportAfter: 12,
    recommendations: [
      ['hu-health', '完善发热门诊和核酸检测能力布局，做好常态化疫情防控物资储备。'],
      ['hu-hrss', '落实阶段性减免社保费政策，扩大以工代训补贴范围。'],
      ['hu-finance', '加快惠企资金拨付进度，对受疫情影响较大的小微企业给予贴息支持。'],
      ['hu-market', '加强农贸市场冷链食品检测和环境消杀。'],
      ['hu-commerce', '出台促进消费回补的具体措施，支持餐饮住宿业恢复经营。'],
    ],
  },
  {
    id: 'sc-2020-02',
    kind: 'INSPECTION',
    topic: '陆港型国家物流枢纽承载城市建设',
    organiser: 'sc-economy',
    startsMs: day(2020, 5, 19),
    days: 2,
    place: '格尔木市',
    places: ['格尔木铁路物流园', '藏青工业园', '格尔木机场'],
    reportAfter: 20,
    recommendations: [
      ['hu-ndrc', '统筹编制物流枢纽建设实施方案，明确近期重点项目清单。'],
      ['hu-natres', '优先保障物流园区建设用地，盘活闲置低效用地。'],
      ['hu-transport', '完善园区集疏运道路网络，打通铁路专用线“最后一公里”。'],
      ['hu-commerce', '培育本地物流龙头企业，引进第三方物流和冷链企业。'],
      ['hu-govsvc', '建设物流公共信息平台，推进通关和审批服务便利化。'],
      ['hu-finance', '设立物流产业发展引导资金。'],
    ],
  },
  {
    id: 'sc-2020-03',
    kind: 'STUDY_VISIT',
    topic: '文化旅游融合发展考察',
    organiser: 'sc-culture',
    startsMs: day(2020, 7, 14),
    days: 4,
    place: '甘肃省敦煌市、青海省海西州德令哈市',
    places: ['敦煌莫高窟数字展示中心', '鸣沙山月牙泉景区', '德令哈海子诗歌陈列馆'],
    reportAfter: 41,
    recommendations: [
      ['hu-culture', '借鉴敦煌经验，打造昆仑文化旅游品牌，策划精品旅游线路。'],
      ['hu-culture', '加强文旅融合项目策划，推动非遗进景区。'],
      ['hu-transport', '开通主要景区旅游专线，完善旅游交通标识。'],
      ['hu-urban', '提升旅游旺季城市管理和服务接待能力。'],
      ['hu-market', '规范旅游市场秩序，开展旅游服务质量专项整治。'],
    ],
  },
  {
    id: 'sc-2020-04',
    kind: 'INSPECTION',
    topic: '枸杞产业提质增效',
    organiser: 'sector-agri',
    startsMs: day(2020, 8, 25),
    days: 1,
    place: '大格勒乡、河西街道',
    places: ['大格勒乡枸杞种植基地', '枸杞深加工企业'],
    reportAfter: 15,
    recommendations: [
      ['hu-agri', '推进枸杞标准化种植和有机认证，建设可追溯体系。'],
      ['hu-agri', '培育本地枸杞精深加工企业，延长产业链。'],
      ['hu-commerce', '拓宽枸杞电商销售渠道，打造区域公用品牌。'],
      ['hu-water', '完善枸杞基地节水灌溉设施。'],
      ['hu-finance', '加大对种植合作社的信贷担保支持。'],
    ],
  },
  {
    id: 'sc-2020-05',
    kind: 'INSPECTION',
    topic: '老旧小区改造和城市精细化管理',
    organiser: 'CHAIRS',
    startsMs: day(2020, 10, 13),
    days: 1,
    place: '格尔木市城区',
    places: ['昆仑路街道老旧小区', '金峰路街道背街小巷', '城区供热站'],
    reportAfter: 10,
    recommendations: [
      ['hu-housing', '制定老旧小区改造三年计划，优先改造供暖管网和屋面防水。'],
      ['hu-housing', '建立改造项目居民议事机制，改造方案公示征求意见。'],
      ['hu-urban', '开展背街小巷环境综合整治，补齐路灯和垃圾清运短板。'],
      ['hu-police', '挖潜增设停车泊位，规范医院学校周边停车秩序。'],
      ['hu-civil', '在改造小区同步配建社区养老服务站点。'],
    ],
  },
  {
    id: 'sc-2020-06',
    kind: 'STUDY_VISIT',
    topic: '提案办理协商和“回头看”工作考察',
    organiser: 'sc-proposals',
    startsMs: day(2020, 11, 24),
    days: 2,
    place: '海西州德令哈市',
    places: ['政协海西州委员会', '德令哈市政协'],
    reportAfter: 14,
    recommendations: [
      ['hu-govsvc', '建立提案办理协商和答复质量评价机制。'],
      ['hu-edu', '对教育领域重点提案开展办理情况“回头看”。'],
      ['hu-health', '对卫生健康领域重点提案开展办理情况“回头看”。'],
      ['hu-ndrc', '将提案办理结果纳入部门年度绩效考核。'],
    ],
  },
];

export const INSPECTION_STEP_HEADER = [
  'inspection_id',
  'step',
  'date',
  'reason',
  'invitee_ids',
  'invitee_id',
  'answer',
  'held_to',
  'places_visited',
  'unit_ids',
  'attendee_ids',
  'summary',
  'number',
  'text',
  'unit_id',
  'status',
] as const;

interface Step {
  ms: number;
  id: string;
  step: string;
  cells: Record<string, string>;
}

const DECLINE_REASONS = ['工作冲突，无法参加', '外出学习', '身体原因请假'];

export function generateInspections(seed: number, members: readonly InspectionMember[]): Record<string, Table> {
  const rng = new Rng(inspectionsSeed(seed));
  const at = (d: number, h = rng.int(9, 16)) => d + h * HOUR + rng.pick([0, 30]) * 60_000;
  const leaders = members.filter((m) => m.roles.includes('CHAIR') || m.roles.includes('VICE_CHAIR'));
  const steps: Step[] = [];
  const plans: string[][] = [];
  const push = (id: string, ms: number, step: string, cells: Record<string, string> = {}) => steps.push({ ms, id, step, cells });

  // Planned for the spring, called off when meetings stopped.
  const cancelled = 'sc-2020-00';
  plans.push([cancelled, 'INSPECTION', '冬春季节大气污染防治', 'sc-economy', '2020-02-18', '2020-02-18', '格尔木市区', dateTimeOf(at(day(2020, 1, 13)))]);
  push(cancelled, at(day(2020, 1, 27)), 'CANCEL', { reason: '新冠肺炎疫情防控期间暂停集中活动' });

  for (const p of PLANS) {
    const endMs = p.startsMs + (p.days - 1) * DAY;
    const plannedMs = at(p.startsMs - rng.int(25, 40) * DAY);
    plans.push([p.id, p.kind, p.topic, p.organiser, dateOf(p.startsMs), dateOf(endMs), p.place, dateTimeOf(plannedMs)]);
    // Invitations: the organiser's members first, then others; a leader leads the chairs' visit.
    const own = members.filter((m) => m.joinedMs <= plannedMs && (m.specialCommittee === p.organiser || m.sector === p.organiser));
    const others = rng.shuffle(members.filter((m) => m.joinedMs <= plannedMs && !own.includes(m)));
    const lead = rng.pick(leaders);
    const invited = [lead, ...rng.shuffle(own).slice(0, rng.int(6, 9)), ...others.slice(0, rng.int(3, 6))].filter((m, i, all) => all.indexOf(m) === i);
    const invitedMs = plannedMs + rng.int(2, 5) * DAY;
    push(p.id, invitedMs, 'INVITE', { invitee_ids: invited.map((m) => m.id).join(';') });
    const accepted: string[] = [];
    for (const m of invited) {
      const answerMs = invitedMs + rng.int(4, 120) * HOUR;
      const yes = m === lead || rng.chance(0.82);
      if (!yes) push(p.id, answerMs, 'ANSWER', { invitee_id: m.id, answer: 'DECLINED', reason: rng.pick(DECLINE_REASONS) });
      else if (rng.chance(0.9)) {
        push(p.id, answerMs, 'ANSWER', { invitee_id: m.id, answer: 'ACCEPTED' });
        accepted.push(m.id);
      }
    }
    // Who came: most of those who accepted, now and then one who did not answer.
    const came = accepted.filter((id) => id === lead.id || rng.chance(0.9));
    const silent = invited.filter((m) => !accepted.includes(m.id) && !steps.some((s) => s.id === p.id && s.step === 'ANSWER' && s.cells.invitee_id === m.id));
    if (silent.length > 0 && rng.chance(0.5)) came.push(silent[0]!.id);
    const units = [...new Set(p.recommendations.map(([u]) => u))];
    push(p.id, at(p.startsMs, 9), 'HOLD', { held_to: p.days > 1 ? dateOf(endMs) : '', places_visited: p.places.join(';'), unit_ids: units.join(';'), attendee_ids: came.join(';') });
    const heldEndMs = endMs + 18 * HOUR;

    // The report, one row per recommendation.
    const reportedMs = at(endMs + p.reportAfter * DAY);
    p.recommendations.forEach(([unitId, text], i) =>
      push(p.id, reportedMs, 'REPORT', {
        summary: i === 0 ? `${p.topic}${p.kind === 'INSPECTION' ? '视察' : '考察'}报告：委员们实地察看、听取汇报，形成${p.recommendations.length}条建议。` : '',
        number: String(i + 1),
        text,
        unit_id: unitId,
      }),
    );
    void heldEndMs;

    // Follow-ups: a first response within about two months (due after 60 days), some later, some never.
    p.recommendations.forEach(([unitId], i) => {
      const number = String(i + 1);
      const fate = rng.weighted([['DONE', 4], ['IN_PROGRESS', 3], ['ACCEPTED', 2], ['NOT_ADOPTED', 1], ['SILENT', 0.6]] as const);
      if (fate === 'SILENT') return;
      const late = rng.chance(0.2);
      const firstMs = at(reportedMs - (reportedMs % DAY) + (late ? rng.int(62, 90) : rng.int(10, 55)) * DAY);
      if (firstMs >= YEAR_END) return;
      if (fate === 'NOT_ADOPTED') {
        push(p.id, firstMs, 'FOLLOW_UP', { number, status: 'NOT_ADOPTED', text: '经研究，该建议暂不具备实施条件。', reason: '受财力和现行政策所限' });
        return;
      }
      push(p.id, firstMs, 'FOLLOW_UP', { number, status: fate === 'ACCEPTED' ? 'ACCEPTED' : 'IN_PROGRESS', text: `${unitId === 'hu-finance' ? '已列入预算安排' : '已研究部署'}，正在推进落实。` });
      if (fate === 'DONE') {
        const doneMs = at(firstMs - (firstMs % DAY) + rng.int(20, 80) * DAY);
        if (doneMs < YEAR_END) push(p.id, doneMs, 'FOLLOW_UP', { number, status: 'DONE', text: '建议事项已落实完成。' });
      }
    });
  }

  const sorted = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.ms - b.s.ms || a.i - b.i).map(({ s }) => s);
  return {
    'inspection_rules.csv': { header: ['report_due_days', 'response_due_days', 'due_soon_days', 'reason'], rows: [['30', '60', '10', '《政协格尔木市委员会委员视察考察制度》：视察结束后30日内形成报告，承办单位60日内反馈，到期前10日提醒']] },
    'inspections.csv': { header: ['id', 'kind', 'topic', 'organiser_id', 'starts_on', 'ends_on', 'place', 'planned_at'], rows: plans.sort((a, b) => (a[7]! < b[7]! ? -1 : 1)) },
    'inspection_steps.csv': {
      header: INSPECTION_STEP_HEADER,
      rows: sorted.map((s) => INSPECTION_STEP_HEADER.map((column) => (column === 'inspection_id' ? s.id : column === 'step' ? s.step : column === 'date' ? dateTimeOf(s.ms) : (s.cells[column] ?? '')))),
    },
  };
}
