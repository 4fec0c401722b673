/**
 * A synthetic liaison network shaped like Golmud's (seed/golmud-cppcc-2020.txt), written as the
 * CSV files `importDirectory` reads. Deterministic: the same seed gives byte-identical files, so
 * the committed sample can be regenerated and diffed. The reference data (localities, parties,
 * organizations, sectors, names) is in golmud.ts and the generator in rng.ts, shared with the
 * benchmark's network (bench/network.ts).
 *
 * What is real and what is invented: the eight democratic parties, the people's organizations,
 * the four special committees (提案委员会 among them), eleven liaison groups, two member studios and
 * the 2020 key consultation topics follow the seed. The five subdistricts, two towns and two
 * townships are Golmud's own; the seed names no locality, so the two urban areas, every person and
 * member name, and every contact are invented. Every row passes the deciders' rules: scheme rules
 * (`checkSchemeRule`), both ends of each served link among a contact's participants, at least two
 * participants, and nothing dated after 2020-12-31.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Affiliation, PeriodKind, Scheme } from '#domain';
import { toCsv } from '../csv.js';
import { DAY, dateOf, dateTimeOf, day } from './calendar.js';
import {
  DEMOCRATIC_PARTIES,
  ETHNICITIES,
  HANDLING_UNITS,
  LOCALITIES,
  Locality,
  PARTY_COMMITTEE,
  PARTY_COMMITTEE_NAME,
  PEOPLES_ORGANIZATIONS,
  PLENARY,
  PROFESSIONAL_SECTORS,
  SECTORS,
  SPECIAL_COMMITTEES,
  STUDIOS,
  TERM,
  TERM_START,
  deputySecretaryOf,
  deputySecretaryTitle,
  groupName,
  groupOf,
  homeSectorOf,
  localityId,
  personName,
  plenaryWindow,
} from './golmud.js';
import { generateProposals } from './proposals.js';
import { generateOpinions } from './opinions.js';
import { generateInspections } from './inspections.js';
import { generateTopics, type TaggableWork } from './topics.js';
import { generateDuty } from './duty.js';
import { Rng } from './rng.js';

export interface SampleTable {
  header: readonly string[];
  rows: string[][];
}

export type SampleFiles = Record<string, SampleTable>;

export const DEFAULT_SEED = 20200323;

// ---------------------------------------------------------------- committee-local calendar (see calendar.ts)

const monthsBetween = (fromMs: number, toMs: number) => {
  const out: Array<[number, number]> = [];
  for (let t = new Date(fromMs); t.getTime() < toMs; t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1))) {
    out.push([t.getTime(), Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1)]);
  }
  return out;
};
const MONTHS_PER: Record<PeriodKind, number> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };
/** Calendar periods of a kind that start inside [from, to). */
const periods = (kind: PeriodKind, fromMs: number, toMs: number) => {
  const months = monthsBetween(fromMs, toMs);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < months.length; i += MONTHS_PER[kind]) out.push([months[i]![0], months[Math.min(i + MONTHS_PER[kind], months.length) - 1]![1]]);
  return out;
};

const CONTACTS_FROM = day(2019, 1, 1);
const CONTACTS_TO = day(2021, 1, 1);
const LINKS_FROM = day(2019, 1, 1);

const within = (ms: number, from: number, to: number) => ms >= from && ms < to;
/** Spring Festival weeks, when little liaison work happens. */
const SPRING_FESTIVAL = [
  [day(2019, 1, 31), day(2019, 2, 12)],
  [day(2020, 1, 21), day(2020, 2, 3)],
] as const;
/** Early 2020: meetings stopped; what contact there was went by phone and online. */
const EPIDEMIC = [day(2020, 1, 24), day(2020, 3, 20)] as const;
/** Public holidays: New Year's Day, Qingming, Labour Day, Dragon Boat, National Day. */
const HOLIDAYS = [
  [day(2019, 1, 1), day(2019, 1, 2)],
  [day(2019, 4, 5), day(2019, 4, 6)],
  [day(2019, 5, 1), day(2019, 5, 5)],
  [day(2019, 6, 7), day(2019, 6, 8)],
  [day(2019, 10, 1), day(2019, 10, 8)],
  [day(2020, 1, 1), day(2020, 1, 2)],
  [day(2020, 4, 4), day(2020, 4, 7)],
  [day(2020, 5, 1), day(2020, 5, 6)],
  [day(2020, 6, 25), day(2020, 6, 28)],
  [day(2020, 10, 1), day(2020, 10, 9)],
] as const;

const inPlenary = (ms: number) => PLENARY.some((p) => within(ms, p.start, p.start + p.days * DAY));
const inEpidemic = (ms: number) => within(ms, EPIDEMIC[0], EPIDEMIC[1]);

/** How likely liaison work is on a given day, relative to an ordinary weekday. */
function dayWeight(ms: number): number {
  const weekday = new Date(ms).getUTCDay();
  let w = weekday === 0 || weekday === 6 ? 0.12 : 1;
  if (SPRING_FESTIVAL.some(([a, b]) => within(ms, a, b)) || HOLIDAYS.some(([a, b]) => within(ms, a, b))) w *= 0.08;
  if (inPlenary(ms)) w *= 0.1;
  if (inEpidemic(ms)) w *= 0.3;
  if (new Date(ms).getUTCMonth() === 7) w *= 0.75; // August: holidays and the plateau's short building season
  return w;
}

// ---------------------------------------------------------------- members

interface Member {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  ethnicity: string;
  affiliation: Affiliation;
  sector: string;
  specialCommittee: string;
  group: string | null;
  roles: string[];
  joinedMs: number;
  /** How reliably this member keeps the links they hold, and turns up when invited. */
  diligence: number;
  attendance: number;
}

const isCpc = (m: Member) => m.affiliation === 'CPC';
const hasRole = (m: Member, role: string) => m.roles.includes(role);
const isLeader = (m: Member) => ['PARTY_GROUP', 'CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL'].some((r) => hasRole(m, r));
const affiliationOfParty = (id: string) => DEMOCRATIC_PARTIES.find(([dp]) => dp === id)![2];

function buildMembers(rng: Rng, used: Set<string>): Member[] {
  // 150 members: ~40% CPC, the rest over the democratic parties and non-Party figures.
  const leaders: Array<[Affiliation, string[]]> = [
    ['CPC', ['CHAIR', 'PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CPC', ['VICE_CHAIR', 'PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CPC', ['VICE_CHAIR', 'PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CPC', ['VICE_CHAIR', 'PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CNDCA', ['VICE_CHAIR', 'STANDING_COMMITTEE']],
    ['CDL', ['VICE_CHAIR', 'STANDING_COMMITTEE']],
    ['CPC', ['SECRETARY_GENERAL', 'PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CPC', ['PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CPC', ['PARTY_GROUP', 'STANDING_COMMITTEE']],
    ['CPC', ['PARTY_GROUP']],
  ];
  const pool: Affiliation[] = rng.shuffle([
    ...Array<Affiliation>(52).fill('CPC'),
    ...Array<Affiliation>(6).fill('RCCK'),
    ...Array<Affiliation>(9).fill('CDL'),
    ...Array<Affiliation>(9).fill('CNDCA'),
    ...Array<Affiliation>(8).fill('CAPD'),
    ...Array<Affiliation>(8).fill('CPWDP'),
    ...Array<Affiliation>(3).fill('CZGP'),
    ...Array<Affiliation>(8).fill('JIUSAN'),
    ...Array<Affiliation>(2).fill('TDSGL'),
    ...Array<Affiliation>(35).fill('NON_PARTY'),
  ]);
  const plan: Array<[Affiliation, string[]]> = [...leaders, ...pool.map((a): [Affiliation, string[]] => [a, []])];
  const groups = LOCALITIES.map((l) => [groupOf(l), l.weight] as const);
  const members = plan.map(([affiliation, roles], i): Member => {
    const gender = rng.chance(0.32) ? 'FEMALE' : 'MALE';
    const ethnicity = rng.weighted(ETHNICITIES);
    const own = homeSectorOf(affiliation);
    let sector = rng.chance(i < leaders.length ? 1 : affiliation === 'CPC' ? 0.4 : 0.42) ? own.id : rng.pick(PROFESSIONAL_SECTORS).id;
    if (ethnicity !== '汉族' && rng.chance(0.3)) sector = 'sector-ethnic';
    const r = rng.next();
    return {
      id: `m-${String(i + 1).padStart(3, '0')}`,
      name: personName(rng, gender, ethnicity, used),
      gender,
      ethnicity,
      affiliation,
      sector,
      specialCommittee: rng.pick(SPECIAL_COMMITTEES)[0],
      group: i >= leaders.length && rng.chance(0.88) ? rng.weighted(groups) : null,
      roles: [...roles],
      // Most were elected with the term; the last two were added at the 2020 session (增补委员).
      joinedMs: i >= plan.length - 2 ? day(2020, 1, 7) : TERM_START,
      diligence: r < 0.25 ? 0.95 : r < 0.7 ? 0.75 : r < 0.9 ? 0.45 : 0.12,
      attendance: 0.45 + rng.next() * 0.5,
    };
  });
  // Every sector needs a convener and people to convene: top up thin ones from the biggest professional sector.
  for (const sector of PROFESSIONAL_SECTORS) {
    while (members.filter((m) => m.sector === sector.id).length < 4) {
      const counts = PROFESSIONAL_SECTORS.map((s) => [s.id, members.filter((m) => m.sector === s.id).length] as const);
      const biggest = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      members.find((m) => m.sector === biggest && m.roles.length === 0)!.sector = sector.id;
    }
  }
  // Conveners: one per sector, three of the four special committees, six of the eleven groups; one body each.
  const appointed = new Set<Member>();
  const free = (m: Member) => !isLeader(m) && !appointed.has(m) && m.joinedMs === TERM_START;
  const appoint = (m: Member, bodyId: string) => {
    appointed.add(m);
    m.roles.push(`CONVENER:${bodyId}`);
    if (rng.chance(0.6) && !hasRole(m, 'STANDING_COMMITTEE')) m.roles.push('STANDING_COMMITTEE');
  };
  for (const sector of SECTORS) appoint(rng.pick(members.filter((m) => m.sector === sector.id && free(m))), sector.id);
  for (const [sc] of SPECIAL_COMMITTEES.slice(0, 3)) appoint(rng.pick(members.filter((m) => m.specialCommittee === sc && free(m))), sc);
  for (const l of rng.shuffle(LOCALITIES).slice(0, 6)) {
    const candidates = members.filter((m) => m.group === groupOf(l) && free(m));
    if (candidates.length > 0) appoint(rng.pick(candidates), groupOf(l));
  }
  for (const m of rng.shuffle(members.filter((x) => x.roles.length === 0)).slice(0, 12)) m.roles.push('STANDING_COMMITTEE');
  return members;
}

const conveners = (members: readonly Member[], bodyId: string) => members.filter((m) => m.roles.includes(`CONVENER:${bodyId}`));

// ---------------------------------------------------------------- links

interface Link {
  id: string;
  scheme: Scheme;
  source: string;
  target: string;
  min: number;
  per: PeriodKind;
  fromMs: number;
  toMs: number | null;
  endReason: string | null;
  /** How well the source keeps this link. */
  diligence: number;
}

const activeAt = (l: Link, ms: number) => ms >= l.fromMs && (l.toMs === null || ms < l.toMs);

function buildLinks(rng: Rng, members: readonly Member[]): Link[] {
  const links: Link[] = [];
  const startOf = (...ms: Member[]) => Math.max(LINKS_FROM, ...ms.map((m) => m.joinedMs + 6 * DAY));
  const add = (scheme: Scheme, source: string, target: string, min: number, per: PeriodKind, fromMs: number, diligence: number) => {
    const link: Link = { id: `l-${String(links.length + 1).padStart(4, '0')}`, scheme, source, target, min, per, fromMs, toMs: null, endReason: null, diligence: clamp(diligence + (rng.next() - 0.5) * 0.2) };
    links.push(link);
    return link;
  };
  const byId = new Map(members.map((m) => [m.id, m]));

  // 党组成员联系党员委员: each CPC member outside the Party group is kept by one Party-group member.
  const partyGroup = members.filter((m) => hasRole(m, 'PARTY_GROUP'));
  const cpcTargets = rng.shuffle(members.filter((m) => isCpc(m) && !hasRole(m, 'PARTY_GROUP')));
  cpcTargets.forEach((t, i) => add('PARTY_GROUP_TO_PARTY_MEMBER', partyGroup[i % partyGroup.length]!.id, t.id, 1, 'QUARTER', startOf(t), partyGroup[i % partyGroup.length]!.diligence));

  // 党员委员联系党外委员: every non-Party member is kept by one CPC member (not a Party-group member).
  const cpcSources = rng.shuffle(members.filter((m) => isCpc(m) && !hasRole(m, 'PARTY_GROUP') && m.joinedMs === TERM_START));
  rng.shuffle(members.filter((m) => !isCpc(m))).forEach((t, i) => {
    const s = cpcSources[i % cpcSources.length]!;
    add('PARTY_MEMBER_TO_NON_PARTY', s.id, t.id, 1, 'QUARTER', startOf(t), s.diligence);
  });

  // 联系民主党派和人民团体: the chair and vice-chairs share the sixteen; a vice-chair from a party keeps their own.
  const heads = members.filter((m) => hasRole(m, 'CHAIR') || hasRole(m, 'VICE_CHAIR'));
  const orgs = [...DEMOCRATIC_PARTIES.map(([id]) => id), ...PEOPLES_ORGANIZATIONS.map(([id]) => id)];
  orgs.forEach((org, i) => {
    const own = heads.find((h) => org.startsWith('dp-') && h.affiliation === affiliationOfParty(org));
    const s = own ?? heads[i % heads.length]!;
    add('COMMITTEE_TO_PARTIES_AND_ORGS', s.id, org, 1, 'HALF_YEAR', LINKS_FROM, s.diligence);
  });

  // 界别联系: each sector's convener keeps every other member of the sector.
  for (const sector of SECTORS) {
    const [convener] = conveners(members, sector.id);
    for (const t of members.filter((m) => m.sector === sector.id && m !== convener)) add('SECTOR', convener!.id, t.id, 1, 'QUARTER', startOf(t), convener!.diligence);
  }

  // 联络组运行: a committee leader keeps each group (twice a quarter); each group keeps its members (monthly).
  const leaders = rng.shuffle(members.filter(isLeader));
  LOCALITIES.forEach((l, i) => add('LIAISON_GROUP', leaders[i % leaders.length]!.id, groupOf(l), 2, 'QUARTER', LINKS_FROM, leaders[i % leaders.length]!.diligence));
  for (const l of LOCALITIES) {
    for (const t of members.filter((m) => m.group === groupOf(l))) add('LIAISON_GROUP', groupOf(l), t.id, 1, 'MONTH', startOf(t), l.rate / 2);
  }

  // 闭会期间召集人: special-committee conveners keep a dozen of their committee; group conveners keep their group.
  for (const [sc] of SPECIAL_COMMITTEES) {
    for (const c of conveners(members, sc)) {
      for (const t of rng.shuffle(members.filter((m) => m.specialCommittee === sc && m !== c)).slice(0, 12)) add('CONVENER', c.id, t.id, 1, 'HALF_YEAR', startOf(t), c.diligence);
    }
  }
  for (const l of LOCALITIES) {
    for (const c of conveners(members, groupOf(l))) {
      for (const t of members.filter((m) => m.group === groupOf(l) && m !== c)) add('CONVENER', c.id, t.id, 1, 'HALF_YEAR', startOf(t), c.diligence);
    }
  }

  // A few links end partway; most duties pass to another holder with a new link from the same day.
  const ends: ReadonlyArray<readonly [Scheme, number, string, boolean]> = [
    ['PARTY_GROUP_TO_PARTY_MEMBER', day(2019, 9, 1), '党组成员分工调整，联系对象重新安排', true],
    ['PARTY_GROUP_TO_PARTY_MEMBER', day(2020, 4, 1), '党组成员分工调整，联系对象重新安排', true],
    ['PARTY_MEMBER_TO_NON_PARTY', day(2019, 7, 1), '联系委员工作调动，联系关系调整', true],
    ['PARTY_MEMBER_TO_NON_PARTY', day(2020, 1, 1), '按年度联系安排调整联系人', true],
    ['PARTY_MEMBER_TO_NON_PARTY', day(2020, 7, 1), '联系委员长期外出挂职，联系关系调整', true],
    ['COMMITTEE_TO_PARTIES_AND_ORGS', day(2020, 7, 1), '主席会议调整联系分工', true],
    ['CONVENER', day(2020, 1, 10), '专委会委员调整，不再列入联系范围', false],
    ['CONVENER', day(2020, 7, 1), '联络组委员调整，不再列入联系范围', false],
  ];
  const convenesGroup = (id: string) => byId.get(id)!.roles.some((r) => r.startsWith('CONVENER:lg-'));
  for (const [scheme, at, reason, handOver] of ends) {
    // A convener link ends for the kind of body its reason names.
    const fits = (l: Link) => scheme !== 'CONVENER' || convenesGroup(l.source) === reason.startsWith('联络组');
    const link = rng.pick(links.filter((l) => l.scheme === scheme && l.toMs === null && l.fromMs === LINKS_FROM && fits(l)));
    link.toMs = at;
    link.endReason = reason;
    if (!handOver) continue;
    const eligible = members.filter((m) => {
      if (m.id === link.source || m.id === link.target || m.joinedMs !== TERM_START) return false;
      if (scheme === 'PARTY_GROUP_TO_PARTY_MEMBER') return hasRole(m, 'PARTY_GROUP');
      if (scheme === 'PARTY_MEMBER_TO_NON_PARTY') return isCpc(m) && !hasRole(m, 'PARTY_GROUP');
      return hasRole(m, 'CHAIR') || hasRole(m, 'VICE_CHAIR');
    });
    const s = rng.pick(eligible);
    add(scheme, s.id, link.target, link.min, link.per, at, byId.get(s.id)!.diligence);
  }
  return links;
}

const clamp = (p: number) => Math.min(0.98, Math.max(0.03, p));

// ---------------------------------------------------------------- contacts

interface Contact {
  ms: number;
  channel: string;
  participants: string[];
  links: string[];
  topic: string;
  summary: string;
  issues: string[];
  group: string | null;
}

interface Topic {
  topic: string;
  issues: readonly string[];
  /** Only between these dates (e.g. epidemic prevention in 2020). */
  from?: number;
  to?: number;
}

const GROUP_TOPICS: readonly Topic[] = [
  { topic: '老旧小区改造协商议事', issues: ['小区供暖管网老化，冬季室温不达标', '楼道照明和消防通道亟待整治', '加装电梯费用分摊意见不一'] },
  { topic: '创建全国文明城市督导', issues: ['背街小巷环境卫生保洁不到位', '农贸市场周边占道经营反复出现', '公益广告设施破损未及时更换'] },
  { topic: '社区网格化治理', issues: ['网格员待遇偏低、流动性大', '流动人口信息登记不全', '物业服务与社区管理衔接不畅'] },
  { topic: '农牧民增收与特色产业', issues: ['枸杞收购价格波动大，种植户收益不稳', '冷链仓储设施不足', '农牧民技能培训针对性不强'] },
  { topic: '城乡人居环境整治', issues: ['农村生活垃圾清运不及时', '旱厕改造后维护跟不上', '村道两侧乱堆乱放'] },
  { topic: '民族团结进步创建', issues: ['双语宣传材料不足', '少数民族群众就业服务需加强'] },
  { topic: '扫黑除恶专项斗争宣传', issues: ['群众举报渠道知晓率不高', '城乡结合部治安巡逻需加密'] },
  { topic: '脱贫攻坚成果巩固', issues: ['易地搬迁户后续产业支撑薄弱', '边缘户动态监测不及时'] },
  { topic: '疫情防控和复工复产', issues: ['小区封闭管理人手紧张', '个体工商户租金减免政策落实不到位', '复学后校园防疫物资储备不足'], from: day(2020, 1, 24), to: day(2020, 10, 1) },
  { topic: '养老服务与居家养老', issues: ['社区日间照料中心利用率低', '高龄独居老人探访制度需落实'] },
  { topic: '基层医疗服务', issues: ['乡镇卫生院全科医生缺口大', '慢性病签约服务落实不到位'] },
  { topic: '城市供暖与燃气安全', issues: ['供暖收费标准群众有意见', '老旧燃气管道存在安全隐患'], from: day(2019, 9, 1) },
];
const TALK_TOPICS: readonly Topic[] = [
  { topic: '谈心谈话，了解履职情况', issues: ['希望多提供参加视察调研的机会', '履职培训内容需更贴近基层'] },
  { topic: '年度履职计划交流', issues: ['提案选题缺少部门数据支撑', '希望加强界别之间的协作'] },
  { topic: '学习贯彻党的十九届四中全会精神', issues: ['基层学习资料更新不及时'], from: day(2019, 11, 1) },
  { topic: '年度重点协商议题意见征集', issues: ['营商环境评价应引入第三方', '物流园区用地指标紧张', '医保异地结算手续繁琐'], from: day(2019, 10, 1) },
  { topic: '委员履职档案填报', issues: ['履职登记系统操作不便'] },
  { topic: '社情民意信息撰写交流', issues: ['社情民意信息反馈渠道不畅', '希望通报信息采用情况'] },
];
const ORG_TOPICS: readonly Topic[] = [
  { topic: '听取年度工作情况通报', issues: ['组织发展后备力量不足', '活动经费保障困难'] },
  { topic: '联合开展专题调研', issues: ['希望在调研选题上提前沟通', '调研成果转化机制需完善'] },
  { topic: '年度重点协商议题通报', issues: ['希望参与营商环境专题协商', '医疗保障议题建议邀请一线医生参加'], from: day(2019, 12, 1) },
  { topic: '参政议政工作交流', issues: ['集体提案办理反馈不及时'] },
];
const COMMITTEE_TOPICS: Readonly<Record<string, readonly string[]>> = {
  'sc-proposals': ['提案线索征集', '重点提案督办', '提案办理情况回头看'],
  'sc-economy': ['陆港型国家物流枢纽建设调研', '盐湖化工循环经济发展', '营商环境专题视察'],
  'sc-culture': ['昆仑文化文史资料征集', '文化旅游融合发展调研', '委员读书活动'],
  'sc-social': ['法治政府建设视察', '民族宗教工作调研', '社会救助政策落实情况'],
};
const KEY_TOPICS_2020 = [
  '优化格尔木市营商环境，推动民营经济发展',
  '健全完善格尔木市医疗保障体系',
  '依托独特文化旅游资源加快文旅融合发展',
  '推动陆港型国家物流枢纽承载城市发展',
];

const topicAt = (rng: Rng, topics: readonly Topic[], ms: number) => rng.pick(topics.filter((t) => (t.from ?? 0) <= ms && ms < (t.to ?? Infinity)));

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** What every scheme's contacts are drawn from, and the list they are appended to. */
interface Draw {
  rng: Rng;
  members: readonly Member[];
  links: readonly Link[];
  byId: ReadonlyMap<string, Member>;
  /** For the summaries, which name people and bodies: persons (not members) by id; organizations and members by id. */
  persons: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
  contacts: Contact[];
}

/** A working day in [from, to), weighted by the calendar; `null` when the window is all holiday. */
function pickDay(rng: Rng, from: number, to: number): number | null {
  const days = Math.round((to - from) / DAY);
  if (days <= 0) return null;
  for (let tries = 0; tries < 60; tries++) {
    const d = from + rng.int(0, days - 1) * DAY;
    if (rng.next() < dayWeight(d)) return d;
  }
  return null;
}

/** On the hour or half hour of the working day; a phone call may come in the evening. */
const at = (rng: Rng, d: number, evening = false) => d + (evening ? rng.int(19, 20) : rng.int(9, 17)) * 3_600_000 + rng.pick([0, 30]) * 60_000;

/** While meetings were stopped, contact went by phone and online. */
const remote = (ms: number) => inEpidemic(ms);

const issuesOf = (rng: Rng, topic: Topic) => rng.shuffle(topic.issues).slice(0, rng.weighted([[0, 3], [1, 5], [2, 2]] as const));

/** A member added at the 2020 session cannot have taken part in anything before it. */
const present = (m: Member, ms: number) => m.joinedMs <= ms;

/** A working day's time in [from, to) for an activity that may fall on any day. */
function pickTime(rng: Rng, from: number, to: number): number | null {
  const d = pickDay(rng, from, to);
  return d === null ? null : at(rng, d);
}

/**
 * The links whose targets come to a gathering at `ms`: each member by their own attendance. Only
 * links running then, so a gathering never serves a link that had ended or not yet begun.
 */
const attending = (ctx: Draw, links: readonly Link[], ms: number) =>
  links.filter((l) => activeAt(l, ms) && present(ctx.byId.get(l.target)!, ms) && ctx.rng.chance(ctx.byId.get(l.target)!.attendance));

/** The link's requirement periods over the contact years, cut to when the link ran, so no contact falls outside it. */
function activeWindows(link: Link): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [from, to] of periods(link.per, CONTACTS_FROM, CONTACTS_TO)) {
    const a = Math.max(from, link.fromMs);
    const b = Math.min(to, link.toMs ?? Infinity);
    if (a < b) out.push([a, b]);
  }
  return out;
}

/** Talks between a link's two ends, and nobody else: how both one-to-one Party schemes are kept. */
function individualTalks(ctx: Draw, link: Link, templates: readonly string[]): void {
  const { rng } = ctx;
  for (const [a, b] of activeWindows(link)) {
    const n = rng.chance(link.diligence) ? link.min + rng.poisson(0.9) : rng.chance(0.25) ? 1 : 0;
    for (let k = 0; k < n; k++) {
      const d = pickDay(rng, a, b);
      if (d === null) continue;
      const phone = remote(d) ? rng.chance(0.8) : rng.chance(0.2);
      const ms = at(rng, d, phone && rng.chance(0.3));
      const topic = topicAt(rng, TALK_TOPICS, ms);
      const target = ctx.byId.get(link.target)!;
      const template = rng.pick(templates);
      ctx.contacts.push({
        ms,
        channel: phone ? rng.pick(['PHONE', 'ONLINE']) : rng.pick(['VISIT', 'MEETING', 'VISIT']),
        participants: [link.source, link.target],
        links: [link.id],
        topic: topic.topic,
        summary: fill(template, { target: target.name, topic: topic.topic }),
        issues: issuesOf(rng, topic),
        group: null,
      });
    }
  }
}

/** PARTY_GROUP_TO_PARTY_MEMBER: a Party-group member talks with a Party member in confidence. */
const partyGroupTalks = (ctx: Draw, link: Link) =>
  individualTalks(ctx, link, ['与{target}委员谈心谈话，了解其履职情况和思想动态，围绕“{topic}”交换意见。', '约{target}委员面谈，通报党组近期工作安排，听取对“{topic}”的想法。']);

/** PARTY_MEMBER_TO_NON_PARTY: a Party member calls on a non-Party member to hear their views. */
const nonPartyTalks = (ctx: Draw, link: Link) =>
  individualTalks(ctx, link, ['走访党外委员{target}，通报市委重点工作，听取其对“{topic}”的意见建议。', '与{target}委员交流履职体会，就“{topic}”征求意见。']);

/** COMMITTEE_TO_PARTIES_AND_ORGS: a chair or vice-chair visits the party or organization they keep. */
function partyAndOrgVisits(ctx: Draw): void {
  const { rng } = ctx;
  for (const link of ctx.links.filter((l) => l.scheme === 'COMMITTEE_TO_PARTIES_AND_ORGS')) {
    for (const [a, b] of activeWindows(link)) {
      const n = rng.chance(link.diligence) ? link.min + (rng.chance(0.35) ? 1 : 0) : 0;
      for (let k = 0; k < n; k++) {
        const ms = pickTime(rng, a, b);
        if (ms === null) continue;
        const topic = topicAt(rng, ORG_TOPICS, ms);
        ctx.contacts.push({
          ms,
          channel: remote(ms) ? 'ONLINE' : rng.pick(['VISIT', 'MEETING']),
          participants: [link.source, link.target],
          links: [link.id],
          topic: topic.topic,
          summary: fill('走访{org}，听取组织建设和年度工作情况介绍，就“{topic}”进行协商交流。', { org: ctx.names.get(link.target)!, topic: topic.topic }),
          issues: issuesOf(rng, topic),
          group: null,
        });
      }
    }
  }
}

/**
 * SECTOR: the convener gathers part of the sector, and the contact serves the links of those who
 * came; a careful convener then looks up, one by one, those who missed every activity of the
 * quarter, so diligent sectors end up fully covered and careless ones do not.
 */
function sectorActivities(ctx: Draw): void {
  const { rng, byId } = ctx;
  for (const sector of SECTORS) {
    const sectorLinks = ctx.links.filter((l) => l.scheme === 'SECTOR' && byId.get(l.target)!.sector === sector.id);
    const [convener] = conveners(ctx.members, sector.id);
    for (const [from, to] of periods('QUARTER', CONTACTS_FROM, CONTACTS_TO)) {
      const n = rng.chance(convener!.diligence) ? 1 + rng.poisson(0.8) : rng.chance(0.3) ? 1 : 0;
      const served = new Set<string>();
      for (let k = 0; k < n; k++) {
        const ms = pickTime(rng, from, to);
        if (ms === null) continue;
        const came = attending(ctx, sectorLinks, ms);
        if (came.length === 0) continue;
        const topicText = ms >= day(2019, 12, 1) && rng.chance(0.3) ? rng.pick(KEY_TOPICS_2020) : rng.pick(sector.topics);
        ctx.contacts.push({
          ms,
          channel: remote(ms) ? 'ONLINE' : rng.pick(['MEETING', 'MEETING', 'EVENT', 'VISIT']),
          participants: [convener!.id, ...came.map((l) => l.target)],
          links: came.map((l) => l.id),
          topic: `界别活动：${topicText}`,
          summary: fill('{sector}召集委员{n}人开展界别活动，围绕“{topic}”座谈交流，梳理形成提案线索。', { sector: sector.name, n: String(came.length + 1), topic: topicText }),
          issues: [],
          group: null,
        });
        for (const l of came) served.add(l.id);
      }
      // The look-ups: the more careful the convener, the more of those left out they reach.
      for (const link of sectorLinks.filter((l) => !served.has(l.id) && rng.chance(convener!.diligence * 0.5))) {
        const ms = pickTime(rng, Math.max(from, link.fromMs), Math.min(to, link.toMs ?? Infinity));
        if (ms === null) continue;
        const topicText = rng.pick(sector.topics);
        ctx.contacts.push({
          ms,
          channel: remote(ms) || rng.chance(0.3) ? 'PHONE' : 'VISIT',
          participants: [convener!.id, link.target],
          links: [link.id],
          topic: `界别联系：${topicText}`,
          summary: fill('{sector}召集人走访{target}委员，通报界别活动情况，听取其对“{topic}”的意见。', { sector: sector.name, target: byId.get(link.target)!.name, topic: topicText }),
          issues: [],
          group: null,
        });
      }
    }
  }
}

/**
 * LIAISON_GROUP, both halves: a group's own activities (serving its members' links) and the visits
 * of the committee leader who keeps the group. One locality at a time, both halves together, as
 * the committed sample was drawn.
 */
function liaisonGroupActivities(ctx: Draw): void {
  for (const l of LOCALITIES) {
    const memberLinks = ctx.links.filter((x) => x.scheme === 'LIAISON_GROUP' && x.source === groupOf(l));
    groupActivities(ctx, l, memberLinks);
    leaderVisits(ctx, l, memberLinks);
  }
}

const isQuiet = (l: Locality, ms: number) => l.quiet.some(([a, b]) => within(ms, a, b));

/**
 * A group's activities, month by month at the locality's own rate. When the group's convener comes
 * (and they usually do), the contact also serves the convener's CONVENER links to the members
 * present, which is how group conveners keep theirs.
 */
function groupActivities(ctx: Draw, l: Locality, memberLinks: readonly Link[]): void {
  const { rng, byId } = ctx;
  const group = groupOf(l);
  const [convener] = conveners(ctx.members, group);
  const convenerLinks = convener ? ctx.links.filter((x) => x.scheme === 'CONVENER' && x.source === convener.id) : [];
  for (const [from, to] of monthsBetween(CONTACTS_FROM, CONTACTS_TO)) {
    if (isQuiet(l, from)) continue;
    // The epidemic spring, and February's Spring Festival, slow every group down.
    const seasonal = inEpidemic(from + 14 * DAY) ? 0.3 : new Date(from).getUTCMonth() === 1 ? 0.5 : 1;
    const n = rng.poisson(l.rate * seasonal * 1.5);
    for (let k = 0; k < n; k++) {
      const ms = pickTime(rng, from, to);
      if (ms === null) continue;
      const came = attending(ctx, memberLinks, ms);
      if (came.length === 0) continue;
      const attendees = new Set(came.map((x) => x.target));
      const convenerCame = convener !== undefined && (attendees.has(convener.id) || rng.chance(0.7));
      if (convenerCame) attendees.add(convener.id);
      const served = [...came, ...(convenerCame ? convenerLinks.filter((x) => activeAt(x, ms) && attendees.has(x.target)) : [])];
      const topic = topicAt(rng, GROUP_TOPICS, ms);
      const withLeader = rng.chance(0.6);
      ctx.contacts.push({
        ms,
        channel: remote(ms) ? rng.pick(['ONLINE', 'PHONE']) : rng.pick(['MEETING', 'VISIT', 'EVENT', 'MEETING']),
        participants: [group, ...(withLeader ? [deputySecretaryOf(l)] : []), ...attendees],
        links: served.map((x) => x.id),
        topic: topic.topic,
        summary: fill(
          rng.pick([
            '{place}联络组组织委员{n}人围绕“{topic}”开展活动，深入群众了解情况，收集意见建议。',
            '联络组在{place}召开协商议事会，委员们就“{topic}”交流意见，形成建议清单报市政协。',
            '{place}联络组委员走访辖区企业和居民，就“{topic}”听取群众诉求。',
          ]),
          { place: l.name, n: String(attendees.size), topic: topic.topic },
        ),
        issues: issuesOf(rng, topic),
        group,
      });
    }
  }
}

/** The leader's visits to a group: twice a quarter when kept well, rarely when not. */
function leaderVisits(ctx: Draw, l: Locality, memberLinks: readonly Link[]): void {
  const { rng, byId } = ctx;
  const group = groupOf(l);
  const leaderLink = ctx.links.find((x) => x.scheme === 'LIAISON_GROUP' && x.target === group)!;
  const leaderName = byId.get(leaderLink.source)!.name;
  for (const [from, to] of periods('QUARTER', CONTACTS_FROM, CONTACTS_TO)) {
    const n = rng.chance(leaderLink.diligence) ? leaderLink.min + (rng.chance(0.2) ? 1 : 0) : rng.int(0, 1);
    for (let k = 0; k < n; k++) {
      const d = pickDay(rng, from, to);
      if (d === null || isQuiet(l, d)) continue;
      const ms = at(rng, d);
      const came = rng.shuffle(memberLinks.filter((x) => activeAt(x, ms) && present(byId.get(x.target)!, ms))).slice(0, rng.int(0, 3));
      const topic = topicAt(rng, GROUP_TOPICS, ms);
      ctx.contacts.push({
        ms,
        channel: remote(ms) ? 'PHONE' : 'VISIT',
        participants: [leaderLink.source, group, deputySecretaryOf(l), ...came.map((x) => x.target)],
        links: [leaderLink.id, ...came.map((x) => x.id)],
        topic: `指导联络组工作：${topic.topic}`,
        summary: fill('{leader}到{place}联络组调研指导，听取联络组工作情况汇报，就“{topic}”提出工作要求。', { leader: leaderName, place: l.name, topic: topic.topic }),
        issues: issuesOf(rng, topic),
        group,
      });
    }
  }
}

/**
 * CONVENER, for special committees: between sessions the convener gathers part of the committee.
 * (Group conveners keep their CONVENER links at their group's activities; see groupActivities.)
 */
function convenerActivities(ctx: Draw): void {
  const { rng, byId } = ctx;
  for (const [sc, scName] of SPECIAL_COMMITTEES) {
    for (const convener of conveners(ctx.members, sc)) {
      const scLinks = ctx.links.filter((x) => x.scheme === 'CONVENER' && x.source === convener.id);
      for (const [from, to] of periods('HALF_YEAR', CONTACTS_FROM, CONTACTS_TO)) {
        const n = rng.chance(convener.diligence) ? rng.int(1, 3) : rng.int(0, 1);
        for (let k = 0; k < n; k++) {
          const ms = pickTime(rng, from, to);
          if (ms === null) continue;
          const came = attending(ctx, scLinks, ms);
          if (came.length === 0) continue;
          const topic = rng.pick(COMMITTEE_TOPICS[sc]!);
          ctx.contacts.push({
            ms,
            channel: remote(ms) ? 'ONLINE' : rng.pick(['MEETING', 'EVENT']),
            participants: [sc, convener.id, ...came.map((x) => x.target)],
            links: came.map((x) => x.id),
            topic,
            summary: fill('{sc}召集委员开展闭会期间活动，围绕“{topic}”组织座谈，{n}名委员参加。', { sc: scName, topic, n: String(came.length + 1) }),
            issues: [],
            group: null,
          });
        }
      }
    }
  }
}

/**
 * Contacts that serve no link. The register holds more than liaison work, and the coverage figures
 * must not count it: proposal consultations with handling units, inspections, studio reception
 * days, and the annual reports to the city Party committee.
 */
function linklessContacts(ctx: Draw): void {
  const handlingHeads = HANDLING_UNITS.map(([id, unit]) => ({ id, unit, head: handlingHeadOf(id) }));
  // Month by month, the three kinds in turn, as the committed sample was drawn.
  for (const [from, to] of monthsBetween(CONTACTS_FROM, CONTACTS_TO)) {
    proposalConsultations(ctx, from, to, handlingHeads);
    inspections(ctx, from, to, handlingHeads);
    studioReceptions(ctx, from, to);
  }
  reportsToPartyCommittee(ctx);
}

type HandlingHead = { id: string; unit: string; head: string };

const handlingHeadOf = (unitId: string) => `p-${unitId}-head`;

function proposalConsultations(ctx: Draw, from: number, to: number, handlingHeads: readonly HandlingHead[]): void {
  const { rng } = ctx;
  for (let k = rng.poisson(inEpidemic(from + 14 * DAY) ? 1.5 : 5); k > 0; k--) {
    const ms = pickTime(rng, from, to);
    if (ms === null) continue;
    const unit = rng.pick(handlingHeads);
    const proposers = rng.shuffle(ctx.members.filter((m) => present(m, ms))).slice(0, rng.int(1, 3));
    ctx.contacts.push({
      ms,
      channel: rng.pick(['MEETING', 'VISIT', 'PHONE']),
      participants: [...proposers.map((m) => m.id), unit.head],
      links: [],
      topic: '提案办理协商',
      summary: fill('{unit}与提案者就提案办理情况面商沟通，{head}介绍办理进展，提案者对答复意见表示{view}。', {
        unit: unit.unit,
        head: ctx.persons.get(unit.head)!,
        view: rng.weighted([['满意', 6], ['基本满意', 3], ['不满意，要求进一步办理', 1]] as const),
      }),
      issues: [],
      group: null,
    });
  }
}

/** 视察考察: a leader takes a party of members to see how a key topic is handled. */
function inspections(ctx: Draw, from: number, to: number, handlingHeads: readonly HandlingHead[]): void {
  const { rng, members } = ctx;
  for (let k = rng.poisson(inEpidemic(from + 14 * DAY) ? 0.5 : 2.5); k > 0; k--) {
    const ms = pickTime(rng, from, to);
    if (ms === null) continue;
    const unit = rng.pick(handlingHeads);
    const leader = rng.pick(members.filter((m) => hasRole(m, 'VICE_CHAIR') || hasRole(m, 'SECRETARY_GENERAL')));
    const party = rng.shuffle(members.filter((m) => m !== leader && present(m, ms))).slice(0, rng.int(4, 10));
    const topicText = ms >= day(2020, 1, 1) && rng.chance(0.6) ? rng.pick(KEY_TOPICS_2020) : rng.pick(rng.pick(PROFESSIONAL_SECTORS).topics);
    ctx.contacts.push({
      ms,
      channel: 'VISIT',
      participants: [leader.id, ...party.map((m) => m.id), unit.head],
      links: [],
      topic: `视察调研：${topicText}`,
      summary: fill('{leader}带领{n}名委员赴{unit}视察调研，实地察看并听取情况汇报，围绕“{topic}”提出意见建议。', {
        leader: leader.name,
        n: String(party.length),
        unit: unit.unit,
        topic: topicText,
      }),
      issues: [],
      group: null,
    });
  }
}

function studioReceptions(ctx: Draw, from: number, to: number): void {
  const { rng } = ctx;
  for (const [studio, studioName, sector] of STUDIOS) {
    for (let k = rng.poisson(1.2); k > 0; k--) {
      const ms = pickTime(rng, from, to);
      if (ms === null) continue;
      const came = rng.shuffle(ctx.members.filter((m) => m.sector === sector && present(m, ms))).slice(0, rng.int(2, 5));
      if (came.length === 0) continue;
      const topicText = rng.pick(SECTORS.find((s) => s.id === sector)!.topics);
      ctx.contacts.push({
        ms,
        channel: 'EVENT',
        participants: [studio, ...came.map((m) => m.id)],
        links: [],
        topic: `委员工作室接待：${topicText}`,
        summary: fill('{studio}开展委员接待日活动，{n}名委员接待群众来访，围绕“{topic}”收集诉求。', { studio: studioName, n: String(came.length), topic: topicText }),
        issues: [],
        group: null,
      });
    }
  }
}

/** Twice a year the committee's Party group reports to the city Party committee's standing committee. */
function reportsToPartyCommittee(ctx: Draw): void {
  const { members } = ctx;
  const chair = members.find((m) => hasRole(m, 'CHAIR'))!;
  for (const [y, m, dd] of [
    [2019, 7, 16],
    [2019, 12, 20],
    [2020, 6, 23],
    [2020, 12, 18],
  ] as const) {
    ctx.contacts.push({
      ms: day(y, m, dd) + 9.5 * 3_600_000,
      channel: 'MEETING',
      participants: [chair.id, ...members.filter((x) => hasRole(x, 'PARTY_GROUP') && x !== chair).map((x) => x.id).slice(0, 2), PARTY_COMMITTEE],
      links: [],
      topic: '向市委常委会汇报政协工作',
      summary: '市政协党组向市委常委会汇报政协工作，市委研究政协工作，对年度重点协商议题和履职工作提出要求。',
      issues: [],
      group: null,
    });
  }
}

/**
 * Every contact of the two years, scheme by scheme. The order of the calls (and of the loops inside
 * them) is the order of the random draws, so it must not change: the committed sample/golmud files
 * were drawn in exactly this order, and every later draw depends on the earlier ones.
 */
function generateContacts(rng: Rng, members: readonly Member[], links: readonly Link[], persons: ReadonlyMap<string, string>, names: ReadonlyMap<string, string>): Contact[] {
  const ctx: Draw = { rng, members, links, byId: new Map(members.map((m) => [m.id, m])), persons, names, contacts: [] };
  // One pass over the links for the two one-to-one schemes, not a pass per scheme: buildLinks
  // appends the links handed over partway after all the others, so a pass per scheme would draw
  // the Party-group hand-overs before the first non-Party links and change the whole sample.
  for (const link of links) {
    if (link.scheme === 'PARTY_GROUP_TO_PARTY_MEMBER') partyGroupTalks(ctx, link);
    else if (link.scheme === 'PARTY_MEMBER_TO_NON_PARTY') nonPartyTalks(ctx, link);
  }
  partyAndOrgVisits(ctx);
  sectorActivities(ctx);
  liaisonGroupActivities(ctx);
  convenerActivities(ctx);
  linklessContacts(ctx);
  return ctx.contacts;
}

// ---------------------------------------------------------------- the files

export function generateSample(seed = DEFAULT_SEED): SampleFiles {
  const rng = new Rng(seed);
  const used = new Set<string>();

  const persons: Array<[id: string, name: string, title: string, organizationId: string]> = [];
  for (const l of LOCALITIES) {
    persons.push([deputySecretaryOf(l), personName(rng, rng.chance(0.3) ? 'FEMALE' : 'MALE', rng.weighted(ETHNICITIES), used), deputySecretaryTitle(l), '']);
  }
  for (const [id, unit, title] of HANDLING_UNITS) persons.push([handlingHeadOf(id), personName(rng, rng.chance(0.3) ? 'FEMALE' : 'MALE', '汉族', used), `${unit}${title}`, id]);
  persons.push(['p-united-front', personName(rng, 'MALE', '汉族', used), '市委常委、统战部部长', PARTY_COMMITTEE]);

  const members = buildMembers(rng, used);
  const links = buildLinks(rng, members);

  const organizations: Array<[id: string, kind: string, name: string, localityId: string, leaderId: string]> = [
    ...DEMOCRATIC_PARTIES.map(([id, name]) => [id, 'DEMOCRATIC_PARTY', name, '', ''] as [string, string, string, string, string]),
    ...PEOPLES_ORGANIZATIONS.map(([id, name]) => [id, 'PEOPLES_ORGANIZATION', name, '', ''] as [string, string, string, string, string]),
    ...SECTORS.map((s) => [s.id, 'SECTOR', s.name, '', ''] as [string, string, string, string, string]),
    ...SPECIAL_COMMITTEES.map(([id, name]) => [id, 'SPECIAL_COMMITTEE', name, '', ''] as [string, string, string, string, string]),
    ...STUDIOS.map(([id, name]) => [id, 'MEMBER_STUDIO', name, '', ''] as [string, string, string, string, string]),
    [PARTY_COMMITTEE, 'PARTY_COMMITTEE', PARTY_COMMITTEE_NAME, '', ''],
    ...HANDLING_UNITS.map(([id, name]) => [id, 'HANDLING_UNIT', name, '', ''] as [string, string, string, string, string]),
    ...LOCALITIES.map((l) => [groupOf(l), 'LIAISON_GROUP', groupName(l), localityId(l), deputySecretaryOf(l)] as [string, string, string, string, string]),
  ];
  const names = new Map<string, string>([...organizations.map(([id, , name]) => [id, name] as const), ...members.map((m) => [m.id, m.name] as const)]);
  const personNames = new Map(persons.map(([id, name]) => [id, name]));

  const generated = generateContacts(rng, members, links, personNames, names);
  // Sorted by when they happened, as a register export would be; ties keep generation order.
  const ordered = generated.map((c, i) => ({ c, i })).sort((a, b) => a.c.ms - b.c.ms || a.i - b.i).map(({ c }) => c);
  const contacts = ordered.map((c, i) => ({ id: `c-${String(i + 1).padStart(5, '0')}`, ...c }));

  // Retractions: five contacts keyed in twice (the copy is retracted) and five that should not have been logged.
  const originals = rng.shuffle(contacts).slice(0, 5);
  const duplicates = originals.map((c, i) => ({ ...c, id: `c-dup-${i + 1}` }));
  const wrong = rng.shuffle(contacts.filter((c) => c.links.length > 0 && !originals.includes(c))).slice(0, 5);
  const retractions: string[][] = [
    ...duplicates.map((c, i) => [c.id, `与${originals[i]!.id}重复录入`]),
    ...wrong.map((c) => [c.id, rng.pick(['活动因故取消，误录入', '联系对象登记错误，作废', '非本联系制度范围内的活动，误录入'])]),
  ];
  const retracted = new Set(wrong.map((c) => c.id));

  // Corrections: a few dozen, each changing something real.
  const corrections: string[][] = [];
  for (const c of rng.shuffle(contacts.filter((x) => !retracted.has(x.id))).slice(0, 36)) {
    const row = [c.id, '', '', '', '', '', '', ''];
    switch (rng.int(0, 4)) {
      case 0: {
        const start = Date.UTC(new Date(c.ms).getUTCFullYear(), new Date(c.ms).getUTCMonth(), 1);
        const shifted = Math.min(Math.max(c.ms + rng.pick([-3, -2, -1, 1, 2]) * DAY, start), day(2020, 12, 31));
        if (shifted === c.ms) continue;
        row[1] = '发生时间录入有误，据签到表更正';
        row[2] = dateTimeOf(shifted);
        break;
      }
      case 1:
        row[1] = '联系方式登记有误';
        row[3] = c.channel === 'PHONE' ? 'VISIT' : 'PHONE';
        break;
      case 2: {
        const candidates = members.filter((m) => !c.participants.includes(m.id) && (m.group === c.group || c.group === null) && m.joinedMs <= c.ms);
        if (candidates.length === 0) continue;
        const extra = rng.pick(candidates);
        row[1] = '补录参加人员';
        row[4] = [...c.participants, extra.id].join(';');
        break;
      }
      case 3:
        row[1] = '议题表述不准确';
        row[6] = `${c.topic}（专题）`;
        break;
      default:
        row[1] = '补充联系内容';
        row[7] = `${c.summary}会后已将意见建议整理报送市政协办公室。`;
    }
    corrections.push(row);
  }
  corrections.sort((a, b) => a[0]!.localeCompare(b[0]!));

  // Drawn last, from a stream of its own, so the liaison network above is what it was before proposals were kept.
  const proposals = generateProposals(seed, members.map((m) => ({ id: m.id, roles: m.roles, joinedMs: m.joinedMs })));
  // Then the year's opinion reports and inspections, each from a stream of its own: the draws above stay as they were.
  const proposalSteps = proposals.files['proposal_steps.csv']!;
  const col = (name: string) => proposalSteps.header.indexOf(name);
  const titles = new Map(proposals.files['proposals.csv']!.rows.map((r) => [r[0]!, r[3]!]));
  const notFiled = proposalSteps.rows
    .filter((r) => r[col('step')] === 'NOT_FILED' && r[col('to_opinion_report')] === 'true')
    .map((r) => ({ id: r[col('proposal_id')]!, title: titles.get(r[col('proposal_id')]!)!, ms: Date.parse(`${r[col('date')]}Z`) }));
  const withIssues = contacts.filter((c) => c.issues.length > 0 && !retracted.has(c.id) && c.ms >= day(2020, 1, 1)).map((c) => ({ id: c.id, ms: c.ms, issues: c.issues }));
  const opinions = generateOpinions(seed, members.map((m) => ({ id: m.id, roles: m.roles, joinedMs: m.joinedMs, group: m.group, sector: m.sector })), withIssues, notFiled);
  const inspectionFiles = generateInspections(seed, members.map((m) => ({ id: m.id, roles: m.roles, joinedMs: m.joinedMs, specialCommittee: m.specialCommittee, sector: m.sector })));
  const dutyFiles = generateDuty(seed, members.map((m) => ({ id: m.id, roles: m.roles, joinedMs: m.joinedMs })));
  const term = { startsOn: dateTimeOf(TERM.start + 9 * 3_600_000), endsOn: dateTimeOf(TERM.end + 12 * 3_600_000) };
  // Last, the year's key topics and the work tagged to them, read off the files above: nothing is drawn.
  const wall = (value: string) => Date.parse(`${value.length === 10 ? `${value}T00:00` : value}Z`);
  const table = (files: Record<string, { rows: string[][] }>, file: string) => files[file]!;
  const cancelled = new Set(table(inspectionFiles, 'inspection_steps.csv').rows.filter((r) => r[1] === 'CANCEL').map((r) => r[0]!));
  const taggable: TaggableWork[] = [
    ...contacts.filter((c) => !retracted.has(c.id) && c.ms >= day(2020, 1, 1)).map((c) => ({ kind: 'CONTACT' as const, id: c.id, text: c.topic, ms: c.ms })),
    ...table(proposals.files, 'proposals.csv').rows.map((r) => ({ kind: 'PROPOSAL' as const, id: r[0]!, text: r[3]!, ms: wall(r[6]!) })),
    ...table(opinions.files, 'opinion_reports.csv').rows.map((r) => ({ kind: 'OPINION_REPORT' as const, id: r[0]!, text: r[2]!, ms: wall(r[5]!) })),
    ...table(inspectionFiles, 'inspections.csv').rows.filter((r) => !cancelled.has(r[0]!)).map((r) => ({ kind: 'INSPECTION' as const, id: r[0]!, text: r[2]!, ms: wall(r[7]!) })),
  ];
  const topicFiles = generateTopics(taggable);

  return {
    'localities.csv': { header: ['id', 'name', 'kind'], rows: LOCALITIES.map((l) => [localityId(l), l.name, l.kind]) },
    'organizations.csv': { header: ['id', 'kind', 'name', 'locality_id', 'leader_id'], rows: [...organizations, ...proposals.organizations] },
    'persons.csv': { header: ['id', 'name', 'title', 'organization_id'], rows: persons },
    'members.csv': {
      header: ['id', 'name', 'gender', 'ethnicity', 'affiliation', 'sector_id', 'special_committee_id', 'liaison_group_id', 'roles', 'joined_on'],
      rows: members.map((m) => [m.id, m.name, m.gender, m.ethnicity, m.affiliation, m.sector, m.specialCommittee, m.group ?? '', m.roles.join(';'), dateOf(m.joinedMs)]),
    },
    'terms.csv': { header: ['id', 'name', 'number', 'starts_on', 'ends_on'], rows: [[TERM.id, TERM.name, String(TERM.number), term.startsOn, term.endsOn]] },
    'plenary_sessions.csv': {
      header: ['id', 'name', 'starts_on', 'ends_on', 'term_id', 'number'],
      rows: PLENARY.map((p) => {
        const { startsOn, endsOn } = plenaryWindow(p);
        return [p.id, p.name, startsOn, endsOn, TERM.id, String(p.number)];
      }),
    },
    'links.csv': {
      header: ['id', 'scheme', 'source_id', 'target_id', 'min_contacts', 'per', 'active_from', 'active_to', 'end_reason'],
      rows: links.map((l) => [l.id, l.scheme, l.source, l.target, String(l.min), l.per, dateOf(l.fromMs), l.toMs === null ? '' : dateOf(l.toMs), l.endReason ?? '']),
    },
    'contacts.csv': {
      header: ['id', 'occurred_at', 'channel', 'participant_ids', 'link_ids', 'topic', 'summary', 'issues_raised', 'liaison_group_id', 'issue_ids'],
      rows: [...contacts, ...duplicates].map((c) => [
        c.id,
        dateTimeOf(c.ms),
        c.channel,
        c.participants.join(';'),
        c.links.join(';'),
        c.topic,
        c.summary,
        c.issues.join(';'),
        c.group ?? '',
        opinions.issueIds.get(c.id)?.join(';') ?? '',
      ]),
    },
    'contact_corrections.csv': { header: ['contact_id', 'reason', 'occurred_at', 'channel', 'participant_ids', 'link_ids', 'topic', 'summary'], rows: corrections },
    'contact_retractions.csv': { header: ['contact_id', 'reason'], rows: retractions },
    ...proposals.files,
    ...opinions.files,
    ...inspectionFiles,
    ...topicFiles,
    ...dutyFiles,
  };
}

/** Writes the sample as CSV files into `dir` (created if absent); returns rows and bytes per file. */
export async function writeSample(dir: string, seed = DEFAULT_SEED): Promise<Array<{ file: string; rows: number; bytes: number }>> {
  await mkdir(dir, { recursive: true });
  const out: Array<{ file: string; rows: number; bytes: number }> = [];
  for (const [file, table] of Object.entries(generateSample(seed))) {
    const text = toCsv(table.header, table.rows);
    await writeFile(join(dir, file), text, 'utf8');
    out.push({ file, rows: table.rows.length, bytes: Buffer.byteLength(text) });
  }
  return out;
}