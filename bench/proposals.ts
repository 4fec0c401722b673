/**
 * Generates a proposals record (创新提案办理) as the events the system itself would record: every
 * event is decided by the real deciders (`deciderFor(cmd).decide(cmd, state, { now, actor,
 * directory })`), with the projections the API runs as the directory (the roster for units,
 * members and sessions; the proposals projection for the office's rules, the next serial and a
 * merge's target), and every produced event applied to them. No event is built by hand, so every
 * proposal rule (numbering without gaps, one lead unit, replies only to held assignments, ratings
 * only of released replies, reopening only what was rated unsatisfied…) is checked as it is made.
 *
 * One term (第十一届, 2021–2026) and three of its plenary sessions (2021, 2022, 2023); N
 * proposals, most made during a session (大会提案), the rest between sessions; ~25–200 handling
 * units (120 by default) with their own punctuality and satisfaction. Per proposal, a script of
 * dated steps: submit (alone, jointly with invited co-signers, or by a body), co-sign, review
 * (returned and resubmitted, withdrawn, not filed with a coded reason, merged into a filed one, or
 * filed and numbered), key proposals, assignment to a lead and assisting units with deadlines,
 * returns and reassignment, extensions, replies (A / B with a planned date / C with a reason),
 * replies sent back and replied again, release, the proposer's rating, rehandling and reopening,
 * the office closing what the ratings leave open, and B promises reported delivered. Steps after
 * the end of the record (2023-12-31) are not taken, so the record ends with work in hand.
 *
 * The scripts run interleaved in time order (a heap of dated steps), so the log is in recording
 * order; everything is drawn from the sample's seeded PRNG, so two runs with the same seed yield
 * the same events.
 */
import { DOMAIN, DomainError, addDays, committeeDate, deciderFor, type DomainCommand, type DomainEvent } from '#domain';
import type { EventData, ExpectedVersion, RecordedEvent } from '#event-store/eventStore';
import { newEventId } from '#event-store/eventId';
import { LiaisonView, ProposalsProjection, type ProjectionSet } from '#projections';
import { Composition } from '#platform/composition';
import { Rng } from '../apps/cli/src/sample/rng.js';
import { cst, iso } from './network.js';
import { GIVEN, SURNAMES, TOPICS } from './text.js';
import { TimeQueue } from './timeQueue.js';
import { pickDistinct } from './scripted.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PROPOSAL_TERM = 't-11';
/** The record ends here: later steps are not taken, so proposals are still in hand at the end. */
export const PROPOSALS_TO = cst(2024, 1, 1);
/** The "on" date the dashboard queries ask about, and the window "due by 30 June". */
export const PROPOSALS_ON = cst(2023, 12, 31, 12);
export const PROPOSALS_DUE_BY = '2023-06-30';

const SESSIONS = [
  { id: 'ps-11-1', number: 1, start: cst(2021, 1, 11, 9), days: 4 },
  { id: 'ps-11-2', number: 2, start: cst(2022, 1, 10, 9), days: 4 },
  { id: 'ps-11-3', number: 3, start: cst(2023, 1, 9, 9), days: 4 },
];

const NOT_FILED_REASONS: ReadonlyArray<readonly [string, string]> = [
  ['NOT_IN_SCOPE', '不属于政协提案受理范围'],
  ['ALREADY_SOLVED', '所提问题已经解决或正在解决'],
  ['NO_SUGGESTION', '有案由无具体建议'],
  ['PERSONAL_MATTER', '涉及个人事务'],
  ['DUPLICATE', '与已立案提案内容重复'],
];

const DEPARTMENTS = [
  '发展和改革委员会', '教育局', '卫生健康委员会', '住房和城乡建设局', '文体旅游广电局', '民政局', '财政局', '人力资源和社会保障局',
  '自然资源局', '生态环境局', '交通运输局', '农业农村和科技局', '水利局', '商务局', '市场监督管理局', '应急管理局', '公安局',
  '司法局', '审计局', '统计局', '林业和草原局', '城市管理综合执法局', '医疗保障局', '退役军人事务局', '工业和信息化局',
  '乡村振兴局', '信访局', '政务服务监督管理局', '投资促进局', '供销合作社', '税务局', '供电公司', '消防救援支队', '气象局',
  '人民银行分行', '住房公积金管理中心', '盐湖管委会', '昆仑经济技术开发区管委会', '民族宗教事务委员会', '机关事务服务中心',
];
const PLACES = ['', '河西街道', '河东街道', '昆仑路街道', '黄河路街道', '金峰路街道', '郭勒木德镇', '唐古拉山镇', '大格勒乡', '乌图美仁乡'];

const SUGGESTION_VERBS = ['加快', '完善', '加强', '推进', '规范', '优化', '提升', '健全'];
const SUGGESTION_OBJECTS = ['工作机制', '资金保障', '基础设施建设', '政策落实', '监督考核', '宣传引导', '人才队伍建设', '部门协同'];

export interface ProposalsGeneratorOptions {
  seed: number;
  proposals: number;
  units?: number;
  members?: number;
}

/** One event as the bench appends it. */
export interface ProposalGenEvent {
  streamId: string;
  expectedVersion: ExpectedVersion;
  event: EventData;
  recordedMs: number;
}

interface UnitTraits {
  id: string;
  weight: number;
  /** Chance a round is replied by its deadline. */
  punctuality: number;
  /** Chance a rating is unsatisfied on some axis. */
  unsatisfied: number;
  /** Chance the unit never replies in a round. */
  silent: number;
}

/** A step of a script: a command at a time, by an actor; a command made when the step is taken may be none (nothing decided). */
interface Step {
  at: number;
  command: DomainCommand | (() => DomainCommand | undefined);
  actor: string;
}

type Script = Generator<Step | Track, void, DomainEvent[]>;

/** Spawns another script (an assignment's own track) that runs beside the current one. */
class Track {
  constructor(readonly script: Script) {}
}


/** The proposal as its tracks share it: who proposed it, which units hold it, how many tracks are still going. */
interface ProposalContext {
  id: string;
  proposerId: string;
  units: Set<string>;
  tracks: number;
  assignments: number;
}

export class ProposalsGenerator {
  readonly rng: Rng;
  readonly projections: ProjectionSet;
  readonly directory: LiaisonView;
  readonly wing: ProposalsProjection;
  readonly produced = { events: 0, roster: 0, proposals: 0, assignments: 0, returned: 0, replies: 0, sentBack: 0, released: 0, ratings: 0, reopened: 0, closedByOffice: 0, promiseReports: 0, commands: 0, refused: 0 };
  readonly refusals = new Map<string, number>();

  private readonly count: number;
  private readonly unitCount: number;
  private readonly memberCount: number;
  private readonly states = new Map<string, unknown>();
  private readonly revisions = new Map<string, number>();
  private position = 0;
  /** The time of the step last taken. */
  private clock = 0;
  private readonly queue = new TimeQueue<{ script: Script; step: Step }>();
  private units: UnitTraits[] = [];
  private unitCumulative = new Float64Array(0);
  private members: string[] = [];
  private leaders: string[] = [];
  private bodies: string[] = [];
  private readonly recentFiled: string[] = [];
  private assignmentSeq = 0;
  private out: ProposalGenEvent[] = [];

  constructor(options: ProposalsGeneratorOptions) {
    this.rng = new Rng(options.seed ^ 0x9e3779b9);
    this.count = options.proposals;
    this.unitCount = Math.max(25, Math.min(200, options.units ?? 120));
    this.memberCount = options.members ?? 400;
    this.projections = new Composition().createProjections();
    this.directory = LiaisonView.of(this.projections);
    this.wing = this.projections.get<ProposalsProjection>(ProposalsProjection.NAME);
  }

  /** Every event, in recording order. */
  *events(): Generator<ProposalGenEvent> {
    let clock = cst(2020, 12, 20, 9);
    for (const command of this.rosterCommands()) {
      clock += MINUTE;
      this.decide({ at: clock, command, actor: 'admin' });
      this.produced.roster += this.out.length;
      yield* this.drain();
    }
    this.planUnits();
    // Submission times: 60% during a session (大会提案), the rest through the year after it.
    const rng = this.rng;
    const times = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const s = SESSIONS[Math.min(SESSIONS.length - 1, Math.floor((i / this.count) * SESSIONS.length))]!;
      times[i] = rng.chance(0.6) ? s.start + rng.next() * (s.days - 0.5) * DAY : s.start + s.days * DAY + rng.next() * 330 * DAY;
    }
    times.sort();
    let next = 0;
    for (;;) {
      const top = this.queue.peek();
      if (next < this.count && (!top || times[next]! <= top.at)) {
        const i = next++;
        this.start(this.proposalScript(i, Math.floor(times[i]! / MINUTE) * MINUTE));
        continue;
      }
      if (!top) break;
      this.queue.pop();
      this.clock = top.at;
      const events = this.decide(top.item.step);
      yield* this.drain();
      this.resume(top.item.script, events);
    }
  }

  private *drain(): Generator<ProposalGenEvent> {
    const out = this.out;
    this.out = [];
    for (const e of out) yield e;
  }

  // ------------------------------------------------------------------ deciding

  /** Decides one command against the directory, applies what it produced and queues it for output; a refusal is counted. */
  private decide(step: Step): DomainEvent[] {
    const { actor, at } = step;
    const command = typeof step.command === 'function' ? step.command() : step.command;
    if (!command) return [];
    const decider = deciderFor(command);
    const ownStream = decider.streamId(command);
    const now = iso(at);
    let events: DomainEvent[];
    this.produced.commands++;
    try {
      events = decider.decide(command, this.states.has(ownStream) ? this.states.get(ownStream) : decider.initialState, { now, actor, directory: this.directory, newId: newEventId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.produced.refused++;
      const key = `${command.type}: ${error.code}`;
      this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
      if (this.refusals.get(key) === 1) process.stderr.write(`  · proposals generator: ${command.type} refused (${error.code}): ${error.message}\n`);
      return [];
    }
    let state = this.states.has(ownStream) ? this.states.get(ownStream) : decider.initialState;
    const correlationId = this.rng.uuid();
    for (const e of events) {
      const streamId = DOMAIN.streamOf(e);
      const last = this.revisions.get(streamId);
      const revision = last === undefined ? 0 : last + 1;
      const data: EventData = { id: this.rng.uuid7(at), type: e.type, data: e.data, metadata: { actor, command: command.type, correlationId } };
      this.projections.apply({ ...data, metadata: data.metadata!, streamId, revision, position: ++this.position, recordedAt: now } as RecordedEvent);
      this.revisions.set(streamId, revision);
      if (streamId === ownStream) state = decider.evolve(state, e);
      this.out.push({ streamId, expectedVersion: last === undefined ? 'NO_STREAM' : last, event: data, recordedMs: at });
      this.produced.events++;
    }
    this.states.set(ownStream, state);
    return events;
  }

  // ------------------------------------------------------------------ scheduling

  private start(script: Script): void {
    this.resume(script, []);
  }

  /** Runs a script up to its next dated step (spawning the tracks it starts) and queues that step. */
  private resume(script: Script, events: DomainEvent[]): void {
    let input = events;
    for (;;) {
      const next = script.next(input);
      if (next.done) return;
      const value = next.value;
      if (value instanceof Track) {
        this.start(value.script);
        input = [];
        continue;
      }
      // A script's steps are dated by its own reckoning; none is recorded before the one just taken.
      if (value.at < this.clock) value.at = this.clock;
      if (value.at >= PROPOSALS_TO) {
        script.return();
        return;
      }
      this.queue.push(value.at, { script, step: value });
      return;
    }
  }

  // ------------------------------------------------------------------ roster and rules

  private *rosterCommands(): Generator<DomainCommand> {
    const rng = this.rng;
    yield { type: 'OpenTerm', termId: PROPOSAL_TERM, name: '政协格尔木市第十一届委员会', number: 11, startsOn: iso(cst(2021, 1, 1)), endsOn: iso(cst(2026, 1, 1)) };
    for (const s of SESSIONS) {
      yield {
        type: 'SchedulePlenarySession',
        sessionId: s.id,
        name: `政协格尔木市第十一届委员会第${'一二三四五'[s.number - 1]}次会议`,
        startsOn: iso(s.start),
        endsOn: iso(s.start + (s.days - 1) * DAY + 3 * HOUR),
        termId: PROPOSAL_TERM,
        number: s.number,
      };
    }
    const sectors = Array.from({ length: 12 }, (_, i) => `ps-sector-${i + 1}`);
    const committees = Array.from({ length: 6 }, (_, i) => `ps-sc-${i + 1}`);
    const parties = Array.from({ length: 6 }, (_, i) => `ps-dp-${i + 1}`);
    for (const [i, id] of sectors.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'SECTOR', name: `第${i + 1}界别` };
    for (const [i, id] of committees.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'SPECIAL_COMMITTEE', name: `第${i + 1}专门委员会` };
    for (const [i, id] of parties.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'DEMOCRATIC_PARTY', name: `民主党派第${i + 1}支部` };
    this.bodies = [...sectors, ...committees, ...parties];
    for (let i = 0; i < this.unitCount; i++) {
      const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
      const place = PLACES[Math.floor(i / DEPARTMENTS.length) % PLACES.length]!;
      yield { type: 'RegisterOrganization', organizationId: unitId(i), kind: 'HANDLING_UNIT', name: `格尔木市${place}${department}${i >= DEPARTMENTS.length * PLACES.length ? `（${i}）` : ''}` };
    }
    const leaderRoles = [['CHAIR', 'PARTY_GROUP'], ['VICE_CHAIR', 'PARTY_GROUP'], ['VICE_CHAIR'], ['VICE_CHAIR'], ['VICE_CHAIR'], ['SECRETARY_GENERAL', 'PARTY_GROUP']];
    const used = new Set<string>();
    for (let i = 0; i < this.memberCount; i++) {
      let name = '';
      while (!name || used.has(name)) name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (used.size > 600 ? String(rng.below(100)) : '');
      used.add(name);
      const id = `pm-${String(i + 1).padStart(3, '0')}`;
      const roles = (leaderRoles[i] ?? (i < 40 ? ['STANDING_COMMITTEE'] : [])).map((kind) => ({ kind }));
      yield {
        type: 'RegisterMember',
        memberId: id,
        joinedOn: iso(cst(2021, 1, 11)),
        name,
        gender: rng.chance(0.3) ? 'FEMALE' : 'MALE',
        ethnicity: '汉族',
        affiliation: rng.chance(0.35) ? 'CPC' : rng.chance(0.4) ? 'NON_PARTY' : 'CDL',
        sectorId: sectors[i % sectors.length]!,
        specialCommitteeId: committees[i % committees.length]!,
        liaisonGroupId: null,
        roles,
      } as DomainCommand;
      this.members.push(id);
      if (i < leaderRoles.length) this.leaders.push(id);
    }
    yield { type: 'SetProposalRules', numberFormat: '格政协〔{year}〕第{n}号', leadDays: 90, assistDays: 30, dayKind: 'CALENDAR', dueSoonDays: 7, invitationDays: 7, reason: '第十一届提案工作规则' };
    for (const [code, label] of NOT_FILED_REASONS) yield { type: 'DefineNotFiledReason', code, label };
  }

  private planUnits(): void {
    const rng = this.rng;
    this.units = Array.from({ length: this.unitCount }, (_, i) => ({
      id: unitId(i),
      // Heavy-tailed: a few units get many proposals.
      weight: Math.exp(0.9 * rng.normal()),
      punctuality: 0.55 + 0.44 * rng.next(),
      unsatisfied: 0.01 + 0.12 * rng.next() ** 2,
      silent: rng.chance(0.1) ? 0.05 : 0.005,
    }));
    let sum = 0;
    this.unitCumulative = Float64Array.from(this.units, (u) => (sum += u.weight));
  }

  /** A unit the proposal does not involve yet. */
  private pickUnit(ctx: ProposalContext): UnitTraits {
    for (;;) {
      const u = this.units[this.rng.weightedIndex(this.unitCumulative)]!;
      if (!ctx.units.has(u.id)) return u;
    }
  }

  private unit(id: string): UnitTraits {
    return this.units[Number(id.slice(3)) - 1]!;
  }

  // ------------------------------------------------------------------ one proposal's script

  private *proposalScript(i: number, t0: number): Script {
    const rng = this.rng;
    const proposalId = `prop-${String(i + 1).padStart(6, '0')}`;
    const session = [...SESSIONS].reverse().find((s) => s.start <= t0 + DAY) ?? SESSIONS[0]!;
    const byBody = rng.chance(0.12);
    const proposerId = byBody ? rng.pick(this.bodies) : rng.pick(this.members);
    const coSignerIds = !byBody && rng.chance(0.3) ? pickDistinct(rng, this.members, rng.int(1, 3), proposerId) : [];
    const topic = rng.pick(TOPICS);
    const title = `关于${rng.pick(SUGGESTION_VERBS)}${topic}${rng.pick(SUGGESTION_OBJECTS)}的提案`;
    const ctx: ProposalContext = { id: proposalId, proposerId, units: new Set(), tracks: 0, assignments: 0 };
    let t = t0;
    const submitted = yield {
      at: t,
      actor: proposerId,
      command: {
        type: 'SubmitProposal',
        proposalId,
        sessionId: session.id,
        proposerId,
        coSignerIds,
        title,
        reasons: `${topic}方面仍存在短板，群众反映较多，需要相关部门统筹解决。`,
        suggestions: `建议${rng.pick(SUGGESTION_VERBS)}${rng.pick(SUGGESTION_OBJECTS)}，${rng.pick(SUGGESTION_VERBS)}${rng.pick(SUGGESTION_OBJECTS)}。`,
        topicId: null,
      },
    };
    if (submitted.length === 0) return;
    this.produced.proposals++;
    for (const memberId of coSignerIds) {
      if (!rng.chance(0.85)) continue;
      t += rng.below(2 * DAY);
      yield { at: t, actor: memberId, command: { type: 'CoSignProposal', proposalId, memberId } };
    }
    // Review after the session closes, or a few days after an interim proposal.
    t = Math.max(t, session.start + session.days * DAY) + (5 + rng.below(20)) * DAY + rng.below(8 * HOUR);
    const u = rng.next();
    if (u < 0.015) {
      yield { at: t - 3 * DAY, actor: proposerId, command: { type: 'WithdrawProposal', proposalId, reason: '提案人申请撤回' } };
      return;
    }
    if (u < 0.05) {
      yield { at: t, actor: 'office', command: { type: 'ReturnProposalForRevision', proposalId, reason: '建议部分不够具体，请修改后重新提交' } };
      t += (3 + rng.below(8)) * DAY;
      yield { at: t, actor: proposerId, command: { type: 'ResubmitProposal', proposalId, suggestions: `建议${rng.pick(SUGGESTION_VERBS)}${rng.pick(SUGGESTION_OBJECTS)}，明确责任单位和完成时限。` } };
      t += (2 + rng.below(6)) * DAY;
    } else if (u < 0.13) {
      const [code] = rng.pick(NOT_FILED_REASONS);
      yield { at: t, actor: 'office', command: { type: 'DeclineToFileProposal', proposalId, reasonCode: code, note: '经审查不予立案', toOpinionReport: rng.chance(0.3) } };
      return;
    } else if (u < 0.16) {
      // 并案 into a proposal filed lately, if it is still open when the office decides.
      const into = this.recentFiled.length ? this.recentFiled[rng.below(this.recentFiled.length)]! : undefined;
      const merge = (): DomainCommand | undefined =>
        into && this.wing.proposal(into)?.stage === 'FILED' ? { type: 'MergeProposal', proposalId, intoProposalId: into, reason: '内容相近，并案办理' } : undefined;
      const merged = yield { at: t, actor: 'office', command: merge };
      if (merged.length) return;
      t += MINUTE;
    }
    const filed = yield { at: t, actor: 'office', command: { type: 'FileProposal', proposalId } };
    if (filed.length === 0) return;
    this.recentFiled.push(proposalId);
    if (this.recentFiled.length > 200) this.recentFiled.shift();
    if (rng.chance(0.012)) yield { at: t + rng.below(3 * DAY), actor: 'office', command: { type: 'MarkKeyProposal', proposalId, supervisorId: rng.pick(this.leaders), reason: '列为重点提案，由市政协领导督办' } };
    t += (1 + rng.below(5)) * DAY;
    const assisting = rng.weighted<number>([[0, 10], [1, 20], [2, 25], [3, 22], [4, 13], [5, 10]]);
    const roles: Array<'LEAD' | 'ASSIST'> = ['LEAD', ...Array.from({ length: assisting }, () => 'ASSIST' as const)];
    const tracks: Script[] = [];
    for (const role of roles) {
      const u = this.pickUnit(ctx);
      t += MINUTE;
      const track = yield* this.assign(ctx, u, role, t);
      if (track) tracks.push(track);
    }
    for (const track of tracks) yield new Track(track);
  }

  /** Assigns the proposal to a unit and returns the assignment's track (not yet started). */
  private *assign(ctx: ProposalContext, unit: UnitTraits, role: 'LEAD' | 'ASSIST', at: number): Generator<Step, Script | undefined, DomainEvent[]> {
    const assignmentId = `${ctx.id}-a${++ctx.assignments}`;
    const events = yield { at, actor: 'office', command: { type: 'AssignProposal', proposalId: ctx.id, assignmentId, unitId: unit.id, role } };
    const assigned = events.find((e) => e.type === 'ProposalAssigned');
    if (!assigned) return undefined;
    this.produced.assignments++;
    this.assignmentSeq++;
    ctx.units.add(unit.id);
    ctx.tracks++;
    return this.assignmentScript(ctx, assignmentId, unit, role, at, (assigned.data as { dueOn: string }).dueOn);
  }

  /** One assignment: returned, or replied (perhaps sent back first), released, rated, perhaps reopened; B promises reported. */
  private *assignmentScript(ctx: ProposalContext, assignmentId: string, unit: UnitTraits, role: 'LEAD' | 'ASSIST', assignedAt: number, firstDueOn: string): Script {
    const rng = this.rng;
    const proposalId = ctx.id;
    let t = assignedAt;
    if (rng.chance(0.04)) {
      // 退回改办: the unit returns it, suggesting another; the office reassigns.
      const other = this.pickUnit(ctx);
      ctx.units.add(other.id); // taken: no other return in this proposal suggests it too
      t += (3 + rng.below(12)) * DAY;
      const returned = yield { at: t, actor: unit.id, command: { type: 'ReturnAssignment', proposalId, assignmentId, reason: '不属于本单位职责范围', suggestedUnitId: other.id } };
      if (returned.length) this.produced.returned++;
      t += (2 + rng.below(6)) * DAY;
      const track = yield* this.assign(ctx, other, role, t);
      ctx.tracks--;
      if (track) yield new Track(track);
      return;
    }
    let dueMs = dueEndMs(firstDueOn);
    let roundStart = assignedAt;
    for (let round = 1; ; round++) {
      if (round === 1 && rng.chance(0.03)) {
        const newDue = addDays(committeeDate(dueMs - DAY), 30);
        yield { at: dueMs - (5 + rng.below(15)) * DAY, actor: 'office', command: { type: 'ExtendDeadline', proposalId, assignmentId, dueOn: newDue, reason: '涉及多部门协调，申请延期' } };
        dueMs = dueEndMs(newDue);
      }
      if (rng.chance(unit.silent)) return; // never replies: overdue for good
      const onTime = rng.chance(unit.punctuality);
      t = onTime ? roundStart + Math.max(DAY, (dueMs - roundStart) * (0.3 + 0.68 * rng.next())) : dueMs + (1 + rng.below(45)) * DAY;
      t = Math.floor(t / MINUTE) * MINUTE;
      let reply = this.replyCommand(proposalId, assignmentId, t);
      yield { at: t, actor: unit.id, command: reply };
      this.produced.replies++;
      if (rng.chance(0.08)) {
        t += (2 + rng.below(5)) * DAY;
        yield { at: t, actor: 'office', command: { type: 'SendBackReply', proposalId, assignmentId, reason: '答复内容不够具体，请补充办理措施' } };
        this.produced.sentBack++;
        t += (3 + rng.below(10)) * DAY;
        reply = this.replyCommand(proposalId, assignmentId, t);
        yield { at: t, actor: unit.id, command: reply };
        this.produced.replies++;
      }
      t += (1 + rng.below(6)) * DAY;
      yield { at: t, actor: 'office', command: { type: 'ReleaseReply', proposalId, assignmentId } };
      this.produced.released++;
      if (!rng.chance(0.93)) break; // the proposer never rates it
      const releasedAt = t;
      const unsatisfied = rng.chance(round === 1 ? unit.unsatisfied : unit.unsatisfied / 3);
      const level = () => (rng.chance(0.7) ? 'SATISFIED' : 'BASICALLY_SATISFIED');
      const attitude = unsatisfied && rng.chance(0.4) ? 'UNSATISFIED' : level();
      const result = unsatisfied && attitude !== 'UNSATISFIED' ? 'UNSATISFIED' : unsatisfied && rng.chance(0.5) ? 'UNSATISFIED' : level();
      const ratedAt = releasedAt + (3 + rng.below(20)) * DAY;
      const rehandle = unsatisfied && round === 1 && rng.chance(0.6);
      const steps: Step[] = [{ at: ratedAt, actor: ctx.proposerId, command: { type: 'RateReply', proposalId, assignmentId, attitude, result, comment: unsatisfied ? '问题未得到实质解决' : '' } }];
      if (reply.result === 'B' && !rehandle && rng.chance(0.5)) {
        const deliveredOn = addDays(reply.plannedOn!, rng.int(-40, 30));
        const unitAt = Math.max(releasedAt, dueEndMs(deliveredOn)) + rng.below(5) * DAY + 10 * HOUR;
        steps.push({ at: unitAt, actor: unit.id, command: { type: 'ReportPromiseDelivered', proposalId, assignmentId, reporter: 'UNIT', deliveredOn, note: '已按计划落实' } });
        if (rng.chance(0.8)) steps.push({ at: unitAt + (1 + rng.below(10)) * DAY, actor: 'office', command: { type: 'ReportPromiseDelivered', proposalId, assignmentId, reporter: 'OFFICE', deliveredOn, note: '经核实已落实' } });
      }
      steps.sort((a, b) => a.at - b.at);
      for (const step of steps) {
        const events = yield step;
        t = Math.max(t, step.at);
        if (events[0]?.type === 'ReplyRated') this.produced.ratings++;
        if (events[0]?.type === 'PromiseDeliveryReported') this.produced.promiseReports++;
      }
      if (!rehandle) break;
      t = Math.max(t, ratedAt) + (5 + rng.below(10)) * DAY;
      yield { at: t, actor: ctx.proposerId, command: { type: 'RequestRehandling', proposalId, reason: '对办理结果不满意，申请重新办理' } };
      t += (3 + rng.below(8)) * DAY;
      const reopened = yield { at: t, actor: 'office', command: { type: 'ReopenProposal', proposalId, assignmentIds: [assignmentId], reason: '提案人不满意，交由承办单位重新办理', days: 60 } };
      const r = reopened.find((e) => e.type === 'ProposalReopened');
      if (!r) break;
      this.produced.reopened++;
      roundStart = t;
      dueMs = dueEndMs((r.data as { assignments: Array<{ dueOn: string }> }).assignments[0]!.dueOn);
    }
    // The last track to finish: the office closes what the ratings left open.
    if (--ctx.tracks === 0 && this.wing.proposals.get(proposalId)?.stage === 'FILED') {
      const closed = yield { at: t + (25 + rng.below(20)) * DAY, actor: 'office', command: { type: 'CloseProposal', proposalId, reason: '经与提案人沟通，同意办结' } };
      if (closed.length) this.produced.closedByOffice++;
    }
  }

  private replyCommand(proposalId: string, assignmentId: string, at: number): Extract<DomainCommand, { type: 'ReplyToProposal' }> {
    const rng = this.rng;
    const letterDate = committeeDate(at - rng.below(2) * DAY);
    const u = rng.next();
    const result = u < 0.55 ? 'A' : u < 0.85 ? 'B' : 'C';
    return {
      type: 'ReplyToProposal',
      proposalId,
      assignmentId,
      result,
      text: `经研究，${result === 'A' ? '所提问题已基本解决' : result === 'B' ? '已列入年度工作计划' : '所提建议留作参考'}，感谢对我单位工作的关心和支持。`,
      letterDate,
      plannedOn: result === 'B' ? addDays(letterDate, rng.int(60, 300)) : null,
      referenceReason: result === 'C' ? '受财力所限，暂不具备实施条件' : null,
    };
  }
}


const unitId = (i: number) => `hu-${String(i + 1).padStart(3, '0')}`;

/** The end of a committee date (its last instant + 1 ms), in epoch ms. */
const dueEndMs = (date: string) => cst(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) + DAY;

