/**
 * Generates a public-opinion reports record (社情民意, issue 12) as the events the system itself
 * would record, every event decided by the real deciders with the API's projections as the
 * directory (bench/scripted.ts): R reports over four years (2021–2024), 25,000 a year at the
 * default 100,000, from a committee of 500 members in 12 sectors and 10 liaison groups.
 *
 * Per report, a script of dated steps: a contact in which the issue was raised (about one in
 * five; the report then names the contact and the issue as its source), the submission (one
 * member, several, or a liaison group, sector or democratic party), the office's edits (new
 * versions), withdrawal, the decision (about 42% adopted, 10% waiting to be combined with others
 * into a 综合 report the office writes, which adopts them, the rest not adopted with a coded
 * reason), issue with a leader's sign-off (and its number claimed in the year's counter stream),
 * forwarding to one to three recipients at city, prefecture, province or national level, each
 * recipient's adoption, leaders' instructions at levels the report reached, feedback and media
 * pickups. The office's rules come first: recipients, reasons, a credit table from 2021; a second
 * table from 2023 is set in mid-2023, so that year's credit is recomputed under it. Steps after
 * the end of the record (2025-01-01) are not taken, so the record ends with work in hand.
 */
import { committeeDate, type DomainCommand, type DomainEvent } from '#domain';
import { cst, iso } from './network.js';
import { DAY, HOUR, MINUTE, ScriptedRecord, committeeRoster, emptyCommittee, pickDistinct, spread, type Committee, type Script, type Step } from './scripted.js';
import { ISSUES, TOPICS } from './text.js';

export const OPINIONS_FROM = cst(2021, 1, 15, 9);
/** The record ends here: later steps are not taken. */
export const OPINIONS_TO = cst(2025, 1, 1);
/** The year the dashboard queries ask about: the last of the record, with its work in hand. */
export const OPINIONS_YEAR = 2024;

const RECIPIENTS: ReadonlyArray<{ recipientId: string; name: string; level: 'CITY' | 'PREFECTURE' | 'PROVINCE' | 'NATIONAL'; kind: string; unit?: number; weight: number }> = [
  { recipientId: 'city-party', name: '中共格尔木市委', level: 'CITY', kind: 'PARTY_COMMITTEE', weight: 40 },
  { recipientId: 'city-gov', name: '格尔木市人民政府', level: 'CITY', kind: 'GOVERNMENT', weight: 40 },
  { recipientId: 'city-dept-1', name: '市发展和改革委员会', level: 'CITY', kind: 'DEPARTMENT', unit: 0, weight: 8 },
  { recipientId: 'city-dept-2', name: '市卫生健康委员会', level: 'CITY', kind: 'DEPARTMENT', unit: 1, weight: 8 },
  { recipientId: 'pref-cppcc', name: '海西州政协', level: 'PREFECTURE', kind: 'CPPCC', weight: 15 },
  { recipientId: 'pref-party', name: '中共海西州委', level: 'PREFECTURE', kind: 'PARTY_COMMITTEE', weight: 10 },
  { recipientId: 'prov-cppcc', name: '青海省政协', level: 'PROVINCE', kind: 'CPPCC', weight: 8 },
  { recipientId: 'prov-party', name: '中共青海省委', level: 'PROVINCE', kind: 'PARTY_COMMITTEE', weight: 4 },
  { recipientId: 'national', name: '全国政协', level: 'NATIONAL', kind: 'CPPCC', weight: 2 },
];
const LEVEL_RANK = { CITY: 0, PREFECTURE: 1, PROVINCE: 2, NATIONAL: 3 } as const;
/** Chance a recipient adopts (采用) what it was sent, by its level. */
const ADOPTION_CHANCE = { CITY: 0.45, PREFECTURE: 0.3, PROVINCE: 0.25, NATIONAL: 0.2 } as const;
const REASONS: ReadonlyArray<readonly [string, string]> = [
  ['DUPLICATE', '与已报送信息内容重复'],
  ['NOT_TIMELY', '时效性不强'],
  ['NO_SUGGESTION', '建议不具体、不可行'],
  ['OUT_OF_SCOPE', '不属于社情民意信息反映范围'],
];
const LEADER_TITLES = { CITY: ['市委书记', '市长', '常务副市长'], PREFECTURE: ['州委书记', '州长'], PROVINCE: ['省委书记', '省长', '副省长'], NATIONAL: ['全国政协副主席'] } as const;
const OUTLETS = ['人民政协报', '青海日报', '海西日报', '格尔木电视台'];
const VERBS = ['加快', '完善', '加强', '推进', '规范', '优化'];
const OBJECTS = ['工作机制', '资金保障', '基础设施建设', '政策落实', '监督考核', '部门协同'];

const points = (committeeAdoption: number, adoption: [number, number, number, number], instruction: [number, number, number, number], mediaPickup: number) => ({
  committeeAdoption,
  adoption: { CITY: adoption[0], PREFECTURE: adoption[1], PROVINCE: adoption[2], NATIONAL: adoption[3] },
  instruction: { CITY: instruction[0], PREFECTURE: instruction[1], PROVINCE: instruction[2], NATIONAL: instruction[3] },
  mediaPickup,
});

export interface OpinionsGeneratorOptions {
  seed: number;
  reports: number;
  members?: number;
}

export class OpinionsGenerator extends ScriptedRecord {
  readonly produced = { reports: 0, fromContacts: 0, withdrawn: 0, edits: 0, adopted: 0, notAdopted: 0, combined: 0, combinedParts: 0, issued: 0, forwarded: 0, recipientAdoptions: 0, instructions: 0, feedback: 0, mediaPickups: 0 };
  readonly committee: Committee = emptyCommittee();
  private readonly count: number;
  private readonly memberCount: number;
  /** Reports waiting to be combined (综合): the next combination takes them. */
  private pool: string[] = [];
  private poolSize = 2;
  private combinations = 0;
  private bodies: string[] = [];

  constructor(options: OpinionsGeneratorOptions) {
    super(options.seed ^ 0x51d7e3, OPINIONS_TO, 'opinions');
    this.count = options.reports;
    this.memberCount = options.members ?? 500;
  }

  protected *setup(): Generator<DomainCommand> {
    yield* committeeRoster(this.rng, { prefix: 'op', members: this.memberCount, units: 20 }, this.committee);
    const c = this.committee;
    this.bodies = [...c.groups, ...c.sectors, ...c.parties];
    for (const r of RECIPIENTS) yield { type: 'DefineOpinionRecipient', recipientId: r.recipientId, name: r.name, level: r.level, kind: r.kind, organizationId: r.unit === undefined ? null : c.units[r.unit]! };
    for (const [code, label] of REASONS) yield { type: 'DefineOpinionNotAdoptedReason', code, label };
    yield { type: 'SetOpinionCreditRules', fromYear: 2021, points: points(1, [2, 3, 4, 6], [3, 4, 5, 8], 1), reason: '第十一届社情民意信息工作积分办法' };
  }

  /** The script that changes the credit table, among the reports' in its place in time. */
  private rulesIndex = -1;

  protected starts(): Float64Array {
    const times = spread(this.rng, this.count, OPINIONS_FROM, cst(2024, 12, 20));
    const change = cst(2023, 7, 1, 10);
    this.rulesIndex = times.findIndex((t) => t > change);
    if (this.rulesIndex < 0) this.rulesIndex = times.length;
    return Float64Array.from([...times.subarray(0, this.rulesIndex), change, ...times.subarray(this.rulesIndex)]);
  }

  protected script(i: number, t0: number): Script {
    if (i === this.rulesIndex) return this.rulesScript(t0);
    return this.reportScript(i < this.rulesIndex ? i : i - 1, t0);
  }

  private *rulesScript(t0: number): Script {
    yield { at: t0, actor: 'office', command: { type: 'SetOpinionCreditRules', fromYear: 2023, points: points(2, [3, 4, 6, 10], [4, 6, 8, 12], 1), reason: '市政协主席会议修订积分办法（2023年起）' } };
  }

  private *reportScript(i: number, t0: number): Script {
    const rng = this.rng;
    const c = this.committee;
    const reportId = `or-${String(i + 1).padStart(6, '0')}`;
    const topic = rng.pick(TOPICS);
    let t = t0;
    // Who writes it: one member (most), several, or a body.
    const byBody = rng.chance(0.15);
    const authorIds = byBody ? [rng.pick(this.bodies)] : rng.chance(0.75) ? [rng.pick(c.members)] : pickDistinct(rng, c.members, rng.int(2, 3));
    // About one in five starts as an issue a member heard in a contact.
    let source: { sourceContactId?: string; sourceIssueId?: string } = {};
    if (rng.chance(0.2)) {
      const contactId = `opc-${String(i + 1).padStart(6, '0')}`;
      const member = byBody ? rng.pick(c.members) : authorIds[0]!;
      const logged = yield {
        at: t,
        actor: 'office',
        command: {
          type: 'LogContact',
          contactId,
          participantIds: [member, rng.pick(c.persons)],
          occurredAt: iso(t - 2 * HOUR),
          channel: rng.pick(['VISIT', 'MEETING', 'PHONE'] as const),
          topic: `${topic}走访`,
          issuesRaised: [rng.pick(ISSUES)],
        } as DomainCommand,
      };
      const issueId = (logged[0]?.data as { issues?: Array<{ issueId: string }> } | undefined)?.issues?.[0]?.issueId;
      if (issueId) source = { sourceContactId: contactId, sourceIssueId: issueId };
      t += (1 + rng.below(20)) * DAY;
    }
    const title = `关于${rng.pick(VERBS)}${topic}${rng.pick(OBJECTS)}的建议`;
    const submitted = yield {
      at: t,
      actor: byBody ? 'office' : authorIds[0]!,
      command: {
        type: 'SubmitOpinionReport',
        reportId,
        authorIds,
        title,
        situation: `${topic}方面群众反映集中，存在短板。`,
        suggestions: `建议${rng.pick(VERBS)}${rng.pick(OBJECTS)}。`,
        ...source,
      },
    };
    if (submitted.length === 0) return;
    this.produced.reports++;
    if (source.sourceContactId) this.produced.fromContacts++;
    if (rng.chance(0.04)) {
      yield { at: t + (1 + rng.below(4)) * DAY, actor: authorIds[0]!, command: { type: 'WithdrawOpinionReport', reportId, reason: '情况已发生变化，申请撤回' } };
      this.produced.withdrawn++;
      return;
    }
    if (rng.chance(0.3)) {
      t += (1 + rng.below(4)) * DAY;
      const edited = yield { at: t, actor: 'office', command: { type: 'EditOpinionReport', reportId, note: '编辑核稿', suggestions: `建议${rng.pick(VERBS)}${rng.pick(OBJECTS)}，明确责任单位和完成时限。` } };
      if (edited.length) this.produced.edits++;
    }
    t += (3 + rng.below(22)) * DAY + rng.below(6 * HOUR);
    const u = rng.next();
    if (u < 0.1) {
      // Waits to be combined (综合) with others on the same theme; the one that fills the pool writes the combination.
      this.pool.push(reportId);
      this.produced.combinedParts++;
      if (this.pool.length < this.poolSize) return;
      const partIds = this.pool;
      this.pool = [];
      this.poolSize = rng.int(2, 4);
      const combinedId = `or-c-${String(++this.combinations).padStart(5, '0')}`;
      const combined = yield {
        at: t,
        actor: 'office',
        command: { type: 'CombineOpinionReports', reportId: combinedId, partIds, title: `关于${topic}问题的综合反映`, situation: `综合${partIds.length}篇信息：${topic}方面问题集中。`, suggestions: `建议${rng.pick(VERBS)}${rng.pick(OBJECTS)}。`, combinedOn: committeeDate(t) },
      };
      if (combined.length === 0) return;
      this.produced.combined++;
      yield* this.afterAdoption(combinedId, t);
      return;
    }
    if (u < 0.52) {
      const adopted = yield { at: t, actor: 'office', command: { type: 'AdoptOpinionReport', reportId, adoptedOn: committeeDate(t) } };
      if (adopted.length === 0) return;
      this.produced.adopted++;
      yield* this.afterAdoption(reportId, t);
      return;
    }
    const [reasonCode] = rng.pick(REASONS);
    const declined = yield { at: t, actor: 'office', command: { type: 'DeclineOpinionReport', reportId, reasonCode, decidedOn: committeeDate(t), note: '' } };
    if (declined.length) this.produced.notAdopted++;
  }

  /** Issue, forward, and what came back: every step dated after the one it follows. */
  private *afterAdoption(reportId: string, adoptedAt: number): Generator<Step, void, DomainEvent[]> {
    const rng = this.rng;
    if (!rng.chance(0.85)) return;
    let t = adoptedAt + (2 + rng.below(10)) * DAY;
    const issued = yield { at: t, actor: 'office', command: { type: 'IssueOpinionReport', reportId, signedBy: rng.pick(this.committee.leaders), issuedOn: committeeDate(t) } };
    if (issued.length === 0) return;
    this.produced.issued++;
    t += (1 + rng.below(3)) * DAY;
    const recipients = new Set<(typeof RECIPIENTS)[number]>();
    const n = rng.weighted<number>([[1, 50], [2, 35], [3, 15]]);
    while (recipients.size < n) recipients.add(rng.weighted(RECIPIENTS.map((r) => [r, r.weight] as const)));
    const sent = [...recipients];
    const forwarded = yield { at: t, actor: 'office', command: { type: 'ForwardOpinionReport', reportId, recipientIds: sent.map((r) => r.recipientId), forwardedOn: committeeDate(t) } };
    if (forwarded.length === 0) return;
    this.produced.forwarded++;
    const forwardedAt = t;
    const steps: Step[] = [];
    const day = (at: number) => committeeDate(at);
    for (const r of sent) {
      if (!rng.chance(ADOPTION_CHANCE[r.level])) continue;
      const at = forwardedAt + (5 + rng.below(55)) * DAY;
      steps.push({ at, actor: r.unit === undefined ? 'office' : this.committee.units[r.unit]!, command: { type: 'RecordRecipientAdoption', reportId, recipientId: r.recipientId, adoptedOn: day(at) } });
    }
    const top = Math.max(...sent.map((r) => LEVEL_RANK[r.level]));
    const levels = (['CITY', 'PREFECTURE', 'PROVINCE', 'NATIONAL'] as const).filter((l) => LEVEL_RANK[l] <= top);
    const instructions = rng.chance(0.12) ? (rng.chance(0.2) ? 2 : 1) : 0;
    for (let k = 0; k < instructions; k++) {
      const level = rng.pick(levels);
      const at = forwardedAt + (3 + rng.below(40)) * DAY;
      const leaderTitle = rng.pick(LEADER_TITLES[level]);
      steps.push({ at, actor: 'office', command: { type: 'RecordLeaderInstruction', reportId, leaderName: `${leaderTitle}某某`, leaderTitle, level, instructedOn: day(at), text: '请相关部门认真研究，提出解决意见。', gist: rng.chance(0.5) } });
    }
    if (rng.chance(0.3)) {
      const r = rng.pick(sent);
      const at = forwardedAt + (20 + rng.below(70)) * DAY;
      steps.push({ at, actor: r.unit === undefined ? 'office' : this.committee.units[r.unit]!, command: { type: 'RecordOpinionFeedback', reportId, recipientId: r.recipientId, text: '已转交相关部门研究办理，部分建议已采纳。', receivedOn: day(at) } });
    }
    if (rng.chance(0.05)) {
      const at = forwardedAt + (1 + rng.below(30)) * DAY;
      steps.push({ at, actor: 'office', command: { type: 'RecordOpinionMediaPickup', reportId, outlet: rng.pick(OUTLETS), pickedUpOn: day(at) } });
    }
    steps.sort((a, b) => a.at - b.at);
    for (const step of steps) {
      step.at = Math.floor(step.at / MINUTE) * MINUTE;
      const events = yield step;
      if (events.length === 0) continue;
      const type = events[0]!.type;
      if (type === 'OpinionRecipientAdopted') this.produced.recipientAdoptions++;
      else if (type === 'OpinionInstructionRecorded') this.produced.instructions++;
      else if (type === 'OpinionFeedbackRecorded') this.produced.feedback++;
      else if (type === 'OpinionMediaPickupRecorded') this.produced.mediaPickups++;
    }
  }
}
