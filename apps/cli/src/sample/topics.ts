/**
 * Golmud's four key consultation topics of 2020 (营商环境与民营经济, 医疗保障体系, 文化旅游融合,
 * 陆港型国家物流枢纽, as the seed names them), the work tagged to each, and the Party group's
 * reports to the city Party committee with the committee's studies of CPPCC work, for the sample.
 *
 * Nothing is drawn at random: the tags follow from the other files. A 2020 contact whose topic,
 * a proposal or opinion report whose title, or an inspection whose subject names one of a topic's
 * words is tagged to it the day after it was made (or after the topic was set, if later). One
 * proposal on basic medical services that the words catch is then untagged from the medical
 * insurance topic with the office's reason, and the 2020 visit on enterprises resuming work is
 * tagged to the business topic by hand. No inspection is about medical insurance, so that topic
 * lacks one on the compliance board — as a real year's would.
 */
import { DAY, dateOf } from './calendar.js';

type Table = { header: readonly string[]; rows: string[][] };

interface KeyTopic {
  id: string;
  title: string;
  lead: string;
  words: readonly string[];
}

export const KEY_TOPICS_2020: readonly KeyTopic[] = [
  { id: 'kt-2020-1', title: '营商环境与民营经济', lead: 'sc-economy', words: ['营商', '民营'] },
  { id: 'kt-2020-2', title: '医疗保障体系', lead: 'sc-social', words: ['医保', '医疗'] },
  { id: 'kt-2020-3', title: '文化旅游融合', lead: 'sc-culture', words: ['旅游', '文旅'] },
  { id: 'kt-2020-4', title: '陆港型国家物流枢纽', lead: 'sc-economy', words: ['物流', '陆港', '枢纽'] },
];
/** The standing committee set the year's topics after the plenary session. */
const SET_ON = '2020-01-20';
const SET_MS = Date.parse(`${SET_ON}T00:00:00Z`);

/** The work of the other files the tags read: kind, id, the text the words are looked for in, and its date (committee wall-clock). */
export interface TaggableWork {
  kind: 'CONTACT' | 'PROPOSAL' | 'OPINION_REPORT' | 'INSPECTION';
  id: string;
  text: string;
  ms: number;
}

export function generateTopics(work: readonly TaggableWork[]): Record<string, Table> {
  const tags: string[][] = [];
  const tagOn = (ms: number) => dateOf(Math.max(ms, SET_MS) + DAY);
  for (const w of [...work].sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1))) {
    if (w.ms >= Date.parse('2021-01-01T00:00:00Z')) continue;
    for (const t of KEY_TOPICS_2020) if (t.words.some((word) => w.text.includes(word))) tags.push([t.id, 'TAG', w.kind, w.id, '', '', tagOn(w.ms)]);
  }
  const resumption = work.find((w) => w.kind === 'INSPECTION' && w.text.includes('复工复产'));
  if (resumption) tags.push(['kt-2020-1', 'TAG', 'INSPECTION', resumption.id, '视察企业复工复产，听取营商环境意见', '', tagOn(resumption.ms)]);
  const basic = work.find((w) => w.kind === 'PROPOSAL' && w.text.includes('基层医疗'));
  if (basic) tags.push(['kt-2020-2', 'UNTAG', 'PROPOSAL', basic.id, '', '属基层医疗卫生服务，不属医疗保障体系议题', tagOn(basic.ms + 7 * DAY)]);
  tags.sort((a, b) => (a[6]! < b[6]! ? -1 : a[6]! > b[6]! ? 1 : 0));

  return {
    'key_topics.csv': {
      header: ['id', 'year', 'title', 'lead_body_id', 'period_from', 'period_to', 'set_at'],
      rows: KEY_TOPICS_2020.map((t) => [t.id, '2020', t.title, t.lead, '', '', SET_ON]),
    },
    'topic_tags.csv': { header: ['topic_id', 'step', 'work_kind', 'work_id', 'note', 'reason', 'date'], rows: tags },
    'party_committee_reports.csv': {
      header: ['id', 'kind', 'subject', 'recipient', 'reported_on', 'reporter_ids', 'summary'],
      rows: [
        ['pc-2020-01', 'REQUEST_FOR_INSTRUCTIONS', '关于召开政协格尔木市第十届委员会第四次会议的请示', '中共格尔木市委', '2020-01-02', 'm-007', ''],
        ['pc-2020-02', 'WORK_REPORT', '市政协党组关于2020年度重点协商议题的汇报', '中共格尔木市委', '2020-03-17', 'm-001', '提出营商环境与民营经济、医疗保障体系、文化旅游融合、陆港型国家物流枢纽四项议题。'],
        ['pc-2020-03', 'WORK_REPORT', '市政协党组2020年上半年工作情况汇报', '中共格尔木市委常委会', '2020-07-14', 'm-001;m-002', ''],
        ['pc-2020-04', 'WORK_REPORT', '市政协党组2020年工作总结', '中共格尔木市委', '2020-12-22', 'm-001', ''],
      ],
    },
    'party_committee_studies.csv': {
      header: ['id', 'studied_on', 'meeting', 'matters', 'report_ids'],
      rows: [
        ['ps-2020-01', '2020-03-24', '市委常委会会议', '研究确定市政协2020年度重点协商议题;听取市政协党组工作汇报', 'pc-2020-02'],
        ['ps-2020-02', '2020-07-28', '市委常委会会议', '听取市政协党组上半年工作汇报;研究支持政协开展民主监督的措施', 'pc-2020-03'],
      ],
    },
  };
}
