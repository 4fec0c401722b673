/**
 * The Golmud reference data, in one place for the sample generator (generateSample.ts) and the
 * benchmark's network (bench/network.ts), so the two cannot drift apart again.
 *
 * The committed sample/golmud files, and the figures the README and tests quote, were generated
 * from exactly these lists in exactly this order: reordering an entry, or adding one, changes the
 * sample. Beside names and kinds, some entries carry how the sample's synthetic committee behaves
 * (a locality's share of members and group activity, a sector's topics); the bench ignores those.
 */
import type { Affiliation } from '#domain';
import { day, DAY, dateTimeOf } from './calendar.js';
import type { Rng } from './rng.js';

// ---------------------------------------------------------------- localities and their liaison groups

export interface Locality {
  slug: string;
  name: string;
  kind: 'SUBDISTRICT' | 'TOWN' | 'TOWNSHIP' | 'URBAN_AREA';
  /** Share of members living or working there, and how busy its group is (activities a month). */
  weight: number;
  rate: number;
  /** Months (inclusive start, exclusive end) in which the group did nothing. */
  quiet: ReadonlyArray<readonly [number, number]>;
}

export const LOCALITIES: readonly Locality[] = [
  { slug: 'kunlunlu', name: '昆仑路街道', kind: 'SUBDISTRICT', weight: 1.4, rate: 3.2, quiet: [] },
  { slug: 'huanghelu', name: '黄河路街道', kind: 'SUBDISTRICT', weight: 1.3, rate: 2.8, quiet: [] },
  { slug: 'jinfenglu', name: '金峰路街道', kind: 'SUBDISTRICT', weight: 1.2, rate: 2.2, quiet: [[day(2019, 7, 1), day(2019, 10, 1)]] },
  { slug: 'hexi', name: '河西街道', kind: 'SUBDISTRICT', weight: 1.2, rate: 2.8, quiet: [] },
  { slug: 'xizanglu', name: '西藏路街道', kind: 'SUBDISTRICT', weight: 1.1, rate: 1.8, quiet: [] },
  { slug: 'guolemude', name: '郭勒木德镇', kind: 'TOWN', weight: 1.0, rate: 2.0, quiet: [] },
  { slug: 'tanggulashan', name: '唐古拉山镇', kind: 'TOWN', weight: 0.4, rate: 0.6, quiet: [[day(2019, 11, 1), day(2020, 5, 1)]] },
  { slug: 'dagele', name: '大格勒乡', kind: 'TOWNSHIP', weight: 0.7, rate: 1.4, quiet: [[day(2020, 2, 1), day(2020, 7, 1)]] },
  { slug: 'wutumeiren', name: '乌图美仁乡', kind: 'TOWNSHIP', weight: 0.6, rate: 1.1, quiet: [[day(2019, 5, 1), day(2019, 11, 1)]] },
  { slug: 'dongcheng', name: '东城区', kind: 'URBAN_AREA', weight: 1.0, rate: 2.4, quiet: [] },
  { slug: 'xicheng', name: '西城区', kind: 'URBAN_AREA', weight: 1.0, rate: 2.0, quiet: [[day(2020, 8, 1), day(2021, 1, 1)]] },
];

export const localityId = (l: Locality): string => `loc-${l.slug}`;
/** Each locality has one liaison group, led by the locality's deputy Party secretary. */
export const groupOf = (l: Locality): string => `lg-${l.slug}`;
export const groupName = (l: Locality): string => `${l.name}政协工作联络组`;
export const deputySecretaryOf = (l: Locality): string => `p-${l.slug}-dps`;
/** A subdistrict has a Party working committee (党工委); towns and townships a Party committee. */
export const deputySecretaryTitle = (l: Locality): string => `${l.name}${l.kind === 'SUBDISTRICT' ? '党工委' : '党委'}副书记`;

// ---------------------------------------------------------------- parties, organizations, committees

export const DEMOCRATIC_PARTIES: ReadonlyArray<readonly [string, string, Affiliation]> = [
  ['dp-rcck', '民革格尔木市支部', 'RCCK'],
  ['dp-cdl', '民盟格尔木市总支部', 'CDL'],
  ['dp-cndca', '民建格尔木市总支部', 'CNDCA'],
  ['dp-capd', '民进格尔木市支部', 'CAPD'],
  ['dp-cpwdp', '农工党格尔木市支部', 'CPWDP'],
  ['dp-czgp', '致公党格尔木市小组', 'CZGP'],
  ['dp-jiusan', '九三学社格尔木市支社', 'JIUSAN'],
  ['dp-tdsgl', '台盟格尔木市联络组', 'TDSGL'],
];
export const PEOPLES_ORGANIZATIONS: ReadonlyArray<readonly [string, string]> = [
  ['po-union', '格尔木市总工会'],
  ['po-cyl', '共青团格尔木市委员会'],
  ['po-women', '格尔木市妇女联合会'],
  ['po-sast', '格尔木市科学技术协会'],
  ['po-overseas', '格尔木市归国华侨联合会'],
  ['po-taiwan', '格尔木市台湾同胞联谊会'],
  ['po-youth', '格尔木市青年联合会'],
  ['po-fic', '格尔木市工商业联合会'],
];
export const SPECIAL_COMMITTEES: ReadonlyArray<readonly [string, string]> = [
  ['sc-proposals', '提案委员会'],
  ['sc-economy', '经济科技和人口资源环境委员会'],
  ['sc-culture', '文化文史和学习委员会'],
  ['sc-social', '社会法制和民族宗教委员会'],
];

export interface Sector {
  id: string;
  name: string;
  /** Who may sit in it: a Party-specific sector takes only that affiliation group. */
  only?: 'CPC' | 'PARTIES' | 'NON_PARTY';
  topics: readonly string[];
}
export const SECTORS: readonly Sector[] = [
  { id: 'sector-cpc', name: '中国共产党界', only: 'CPC', topics: ['学习贯彻党的十九届四中全会精神', '发挥党员委员示范作用'] },
  { id: 'sector-parties', name: '民主党派界', only: 'PARTIES', topics: ['多党合作助推高质量发展', '参政议政调研选题'] },
  { id: 'sector-nonparty', name: '无党派人士界', only: 'NON_PARTY', topics: ['无党派人士建言献策', '基层社会治理创新'] },
  { id: 'sector-youth', name: '共青团和青年联合会界', topics: ['青年创新创业扶持', '青少年思想道德建设'] },
  { id: 'sector-union', name: '工会界', topics: ['职工权益保障', '产业工人队伍建设'] },
  { id: 'sector-women', name: '妇女联合会界', topics: ['妇女儿童权益保护', '巾帼创业就业'] },
  { id: 'sector-business', name: '工商业联合会界', topics: ['优化营商环境，推动民营经济发展', '中小微企业融资难题'] },
  { id: 'sector-economy', name: '经济界', topics: ['陆港型国家物流枢纽承载城市建设', '盐湖资源综合利用'] },
  { id: 'sector-agri', name: '农业和农村界', topics: ['枸杞产业提质增效', '高原特色农牧业发展'] },
  { id: 'sector-edu', name: '教育界', topics: ['学前教育资源配置', '职业教育产教融合'] },
  { id: 'sector-sci', name: '科学技术和科协界', topics: ['光伏新能源产业发展', '科技成果转化'] },
  { id: 'sector-culture', name: '文化艺术和新闻出版界', topics: ['文化旅游产业融合发展', '昆仑文化保护传承'] },
  { id: 'sector-health', name: '医药卫生界', topics: ['健全完善医疗保障体系', '基层医疗卫生服务能力'] },
  { id: 'sector-welfare', name: '社会福利和社会保障界', topics: ['养老服务体系建设', '困难群众救助'] },
  { id: 'sector-ethnic', name: '少数民族和宗教界', topics: ['民族团结进步创建', '宗教活动场所规范管理'] },
  { id: 'sector-invited', name: '特邀界', topics: ['城市精细化管理', '生态环境保护'] },
];
/** The sectors open to anyone, as against the three Party-specific ones. */
export const PROFESSIONAL_SECTORS = SECTORS.filter((s) => !s.only);
/** The Party-specific sector a member of this affiliation belongs to unless placed in a professional one. */
export const homeSectorOf = (affiliation: Affiliation): Sector => {
  const group = affiliation === 'CPC' ? 'CPC' : affiliation === 'NON_PARTY' ? 'NON_PARTY' : 'PARTIES';
  return SECTORS.find((s) => s.only === group)!;
};

/** Member studios, each run for one sector. */
export const STUDIOS: ReadonlyArray<readonly [id: string, name: string, sectorId: string]> = [
  ['studio-business', '民营经济界别委员工作室', 'sector-business'],
  ['studio-health', '医药卫生界别委员工作室', 'sector-health'],
];
/** Units that handle proposals, with the title of the person at their head. */
export const HANDLING_UNITS: ReadonlyArray<readonly [id: string, name: string, headTitle: string]> = [
  ['hu-ndrc', '格尔木市发展和改革委员会', '主任'],
  ['hu-edu', '格尔木市教育局', '局长'],
  ['hu-health', '格尔木市卫生健康委员会', '主任'],
  ['hu-housing', '格尔木市住房和城乡建设局', '局长'],
  ['hu-culture', '格尔木市文体旅游广电局', '局长'],
  ['hu-transport', '格尔木市交通运输局', '局长'],
];
/**
 * The other units that handle proposals (25 with the six above). Kept apart from HANDLING_UNITS
 * because the sample draws a head for each of those six in its main stream: adding one there
 * would change every later draw, and with it the liaison figures the README quotes.
 */
export const PROPOSAL_UNITS: ReadonlyArray<readonly [id: string, name: string]> = [
  ['hu-finance', '格尔木市财政局'],
  ['hu-hrss', '格尔木市人力资源和社会保障局'],
  ['hu-natres', '格尔木市自然资源局'],
  ['hu-ecoenv', '海西州生态环境局格尔木分局'],
  ['hu-agri', '格尔木市农业农村和科技局'],
  ['hu-water', '格尔木市水利局'],
  ['hu-commerce', '格尔木市商务局'],
  ['hu-industry', '格尔木市工业和信息化局'],
  ['hu-civil', '格尔木市民政局'],
  ['hu-market', '格尔木市市场监督管理局'],
  ['hu-emergency', '格尔木市应急管理局'],
  ['hu-urban', '格尔木市城市管理综合执法局'],
  ['hu-ethnic', '格尔木市民族宗教事务局'],
  ['hu-medins', '格尔木市医疗保障局'],
  ['hu-forest', '格尔木市林业和草原局'],
  ['hu-police', '格尔木市公安局'],
  ['hu-govsvc', '格尔木市政务服务监督管理局'],
  ['hu-statistics', '格尔木市统计局'],
  ['hu-veterans', '格尔木市退役军人事务局'],
];
export const PARTY_COMMITTEE = 'pc-city';
export const PARTY_COMMITTEE_NAME = '中共格尔木市委员会';

// ---------------------------------------------------------------- the term and its plenary sessions

/** 政协格尔木市第十届委员会 (2017–2021): every session below is one of its sessions, numbered 1 to 5. */
export const TERM = { id: 'term-10', name: '政协格尔木市第十届委员会', number: 10, start: day(2017, 1, 5), end: day(2022, 1, 5) } as const;

export const PLENARY: ReadonlyArray<{ id: string; name: string; number: number; start: number; days: number }> = [
  { id: 'ps-10-1', name: '政协格尔木市第十届委员会第一次会议', number: 1, start: day(2017, 1, 5), days: 4 },
  { id: 'ps-10-2', name: '政协格尔木市第十届委员会第二次会议', number: 2, start: day(2018, 1, 8), days: 4 },
  { id: 'ps-10-3', name: '政协格尔木市第十届委员会第三次会议', number: 3, start: day(2019, 1, 8), days: 4 },
  { id: 'ps-10-4', name: '政协格尔木市第十届委员会第四次会议', number: 4, start: day(2020, 1, 6), days: 4 },
  { id: 'ps-10-5', name: '政协格尔木市第十届委员会第五次会议', number: 5, start: day(2021, 1, 11), days: 3 },
];
/** Members elected with the term joined at its first session. */
export const TERM_START = day(2017, 1, 5);

/** A session opens at 09:00 on its first day and closes at noon on its last, in committee time. */
export const plenaryWindow = (p: (typeof PLENARY)[number]): { startsOn: string; endsOn: string } => ({
  startsOn: dateTimeOf(p.start + 9 * 3_600_000),
  endsOn: dateTimeOf(p.start + (p.days - 1) * DAY + 12 * 3_600_000),
});

// ---------------------------------------------------------------- names

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭罗梁宋郑谢唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹易常武乔贺龚文祁鲁';
const MALE_CHARS = '伟强军平刚斌勇峰磊涛明华建国志海波鹏杰宏东亮林文辉永成德振新春荣生福青江洪庆山岩宁超晖俊毅';
const FEMALE_CHARS = '芳娜敏静丽艳娟霞英兰梅红燕琴萍洁慧婷雪丹玲晶颖倩凤秀琳莉娅佳蓉';
const TIBETAN = { male: ['才让', '多杰', '扎西', '索南', '尼玛', '达瓦', '旦增', '贡保', '更登', '加羊'], female: ['卓玛', '拉毛', '央金', '措吉', '德吉', '才措', '拉姆'] };
const MONGOLIAN = { male: ['巴特尔', '额尔敦', '那仁', '格日勒', '哈斯', '敖登'], female: ['其木格', '乌兰', '斯琴', '图雅', '萨仁'] };
/** Golmud's mix, as weights for `Rng.weighted`. */
export const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [
  ['汉族', 72],
  ['藏族', 8],
  ['回族', 8],
  ['蒙古族', 6],
  ['土族', 3],
  ['撒拉族', 3],
];

/** A name not used before; ethnic naming styles fall back to a surname-and-given-name form once their few names are taken. */
export function personName(rng: Rng, gender: 'MALE' | 'FEMALE', ethnicity: string, used: Set<string>): string {
  for (let tries = 0; ; tries++) {
    let name: string;
    const chars = gender === 'MALE' ? MALE_CHARS : FEMALE_CHARS;
    const given = () => (rng.chance(0.7) ? rng.pick([...chars]) + rng.pick([...chars]) : rng.pick([...chars]));
    if (tries > 20) name = rng.pick([...SURNAMES]) + given();
    else if (ethnicity === '藏族') name = rng.pick(TIBETAN.male) + rng.pick(gender === 'MALE' ? TIBETAN.male : TIBETAN.female);
    else if (ethnicity === '蒙古族') name = rng.pick(gender === 'MALE' ? MONGOLIAN.male : MONGOLIAN.female);
    else if (ethnicity === '回族' || ethnicity === '撒拉族') name = rng.pick([...'马韩冶沙穆']) + given();
    else name = rng.pick([...SURNAMES]) + given();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}
