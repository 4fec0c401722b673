/**
 * What the opinions and inspections generators (bench/opinions.ts, bench/inspections.ts) share:
 * a record made the way the system makes it, and the committee it is made for.
 *
 * - `ScriptedRecord` decides every command with the real deciders (`deciderFor(cmd).decide(cmd,
 *   state, { now, actor, directory })`), with the projections the API runs as the directory, and
 *   applies each event it produced to them, so no event is built by hand and every rule of a wing
 *   (dates in order, a part of a combined report not issued alone, follow-ups after the report…)
 *   is checked as the record is made. A refusal writes nothing and is counted.
 * - Scripts (one per report or inspection) are generators of dated steps; they run interleaved in
 *   time order off a heap, so the log is in recording order. A script is told what its step
 *   produced (the events; none when refused) and goes on from there.
 * - `committeeRoster` is the roster both generators register first: a term, sectors, special
 *   committees, democratic parties, localities with their liaison groups, handling units, leaders,
 *   members (each in a sector, a special committee and a liaison group) and registered persons.
 *
 * Everything is drawn from the sample's seeded PRNG: two runs with the same seed yield the same events.
 */
import { DOMAIN, DomainError, deciderFor, type DomainCommand, type DomainEvent } from '#domain';
import type { EventData, ExpectedVersion, RecordedEvent } from '#event-store/eventStore';
import { newEventId } from '#event-store/eventId';
import { LiaisonView, type ProjectionSet } from '#projections';
import { Composition } from '#platform/composition';
import { Rng } from '../apps/cli/src/sample/rng.js';
import { cst, iso } from './network.js';
import { GIVEN, SURNAMES } from './text.js';
import { TimeQueue } from './timeQueue.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** One event as the bench appends it. */
export interface ScriptedEvent {
  streamId: string;
  expectedVersion: ExpectedVersion;
  event: EventData;
  recordedMs: number;
}

/** A step of a script: a command at a time, by an actor; a command made when the step is taken may be none (nothing decided). */
export interface Step {
  at: number;
  command: DomainCommand | (() => DomainCommand | undefined);
  actor: string;
}

export type Script = Generator<Step, void, DomainEvent[]>;



export abstract class ScriptedRecord {
  readonly rng: Rng;
  readonly projections: ProjectionSet;
  readonly directory: LiaisonView;
  readonly counts = { events: 0, roster: 0, commands: 0, refused: 0 };
  readonly refusals = new Map<string, number>();

  private readonly states = new Map<string, unknown>();
  private readonly revisions = new Map<string, number>();
  private position = 0;
  /** The time of the step last taken. */
  private clock = 0;
  private readonly queue = new TimeQueue<{ script: Script; step: Step }>();
  private out: ScriptedEvent[] = [];

  constructor(
    seed: number,
    /** Steps at or after this instant are not taken: the record ends with work in hand. */
    private readonly endMs: number,
    private readonly label: string,
  ) {
    this.rng = new Rng(seed);
    this.projections = new Composition().createProjections();
    this.directory = LiaisonView.of(this.projections);
  }

  /** The roster and the office's rules, decided one by one before any script starts. */
  protected abstract setup(): Iterable<DomainCommand>;
  /** How many scripts, and when each starts (ascending). */
  protected abstract starts(): Float64Array;
  protected abstract script(i: number, startMs: number): Script;

  /** Every event, in recording order. */
  *events(): Generator<ScriptedEvent> {
    let clock = cst(2020, 12, 1, 9);
    for (const command of this.setup()) {
      clock += MINUTE;
      this.decide({ at: clock, command, actor: 'admin' });
      this.counts.roster += this.out.length;
      yield* this.drain();
    }
    const times = this.starts();
    let next = 0;
    for (;;) {
      const top = this.queue.peek();
      if (next < times.length && (!top || times[next]! <= top.at)) {
        const i = next++;
        this.clock = Math.max(this.clock, times[i]!);
        this.resume(this.script(i, Math.floor(times[i]! / MINUTE) * MINUTE), []);
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

  private *drain(): Generator<ScriptedEvent> {
    const out = this.out;
    this.out = [];
    for (const e of out) yield e;
  }

  /** Decides one command against the directory, applies what it produced and queues it for output; a refusal is counted. */
  private decide(step: Step): DomainEvent[] {
    const { actor, at } = step;
    const command = typeof step.command === 'function' ? step.command() : step.command;
    if (!command) return [];
    const decider = deciderFor(command);
    const ownStream = decider.streamId(command);
    const now = iso(at);
    this.counts.commands++;
    let state = this.states.has(ownStream) ? this.states.get(ownStream) : decider.initialState;
    let events: DomainEvent[];
    try {
      events = decider.decide(command, state, { now, actor, directory: this.directory, newId: newEventId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.counts.refused++;
      const key = `${command.type}: ${error.code}`;
      this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
      if (this.refusals.get(key) === 1) process.stderr.write(`  · ${this.label} generator: ${command.type} refused (${error.code}): ${error.message}\n`);
      return [];
    }
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
      this.counts.events++;
    }
    this.states.set(ownStream, state);
    return events;
  }

  /** Runs a script up to its next dated step and queues that step. */
  private resume(script: Script, events: DomainEvent[]): void {
    const next = script.next(events);
    if (next.done) return;
    const value = next.value;
    // A script's steps are dated by its own reckoning; none is recorded before the one just taken.
    if (value.at < this.clock) value.at = this.clock;
    if (value.at >= this.endMs) {
      script.return();
      return;
    }
    this.queue.push(value.at, { script, step: value });
  }
}

/** Start instants of `count` scripts spread over [fromMs, toMs), ascending. */
export function spread(rng: Rng, count: number, fromMs: number, toMs: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = fromMs + rng.next() * (toMs - fromMs);
  return times.sort();
}

// ------------------------------------------------------------------ the committee

export interface Committee {
  members: string[];
  /** Chair, vice-chairs, secretary-general: who signs a report off. */
  leaders: string[];
  sectors: string[];
  specialCommittees: string[];
  parties: string[];
  groups: string[];
  units: string[];
  persons: string[];
}

export const unitName = (i: number) => `格尔木市第${i + 1}承办单位`;

/**
 * Registers a committee of `members` members: a term, 12 sectors, 6 special committees, 6
 * democratic parties, 10 localities each with its liaison group, `units` handling units, 40
 * registered persons (experts), and the members (the first six leaders), each in a sector, a
 * special committee and a liaison group. Fills `into` as it goes.
 */
export function* committeeRoster(rng: Rng, options: { prefix: string; members: number; units: number }, into: Committee): Generator<DomainCommand> {
  const p = options.prefix;
  yield { type: 'OpenTerm', termId: `${p}-t-11`, name: '政协格尔木市第十一届委员会', number: 11, startsOn: iso(cst(2021, 1, 1)), endsOn: iso(cst(2026, 1, 1)) } as DomainCommand;
  into.sectors = Array.from({ length: 12 }, (_, i) => `${p}-sector-${i + 1}`);
  into.specialCommittees = Array.from({ length: 6 }, (_, i) => `${p}-sc-${i + 1}`);
  into.parties = Array.from({ length: 6 }, (_, i) => `${p}-dp-${i + 1}`);
  for (const [i, id] of into.sectors.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'SECTOR', name: `第${i + 1}界别` } as DomainCommand;
  for (const [i, id] of into.specialCommittees.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'SPECIAL_COMMITTEE', name: `第${i + 1}专门委员会` } as DomainCommand;
  for (const [i, id] of into.parties.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'DEMOCRATIC_PARTY', name: `民主党派第${i + 1}支部` } as DomainCommand;
  into.groups = [];
  for (let i = 0; i < 10; i++) {
    const localityId = `${p}-loc-${i + 1}`;
    yield { type: 'RegisterLocality', localityId, name: `第${i + 1}街道`, kind: i < 6 ? 'SUBDISTRICT' : 'TOWN' } as DomainCommand;
    const groupId = `${p}-lg-${i + 1}`;
    yield { type: 'RegisterOrganization', organizationId: groupId, kind: 'LIAISON_GROUP', name: `第${i + 1}街道委员联络组`, localityId } as DomainCommand;
    into.groups.push(groupId);
  }
  into.units = Array.from({ length: options.units }, (_, i) => `${p}-hu-${String(i + 1).padStart(3, '0')}`);
  for (const [i, id] of into.units.entries()) yield { type: 'RegisterOrganization', organizationId: id, kind: 'HANDLING_UNIT', name: unitName(i) } as DomainCommand;
  into.persons = Array.from({ length: 40 }, (_, i) => `${p}-expert-${i + 1}`);
  for (const id of into.persons) yield { type: 'RegisterPerson', personId: id, name: rng.pick(SURNAMES) + rng.pick(GIVEN), title: '特邀专家', organizationId: null } as DomainCommand;
  const leaderRoles = [['CHAIR', 'PARTY_GROUP'], ['VICE_CHAIR', 'PARTY_GROUP'], ['VICE_CHAIR'], ['VICE_CHAIR'], ['VICE_CHAIR'], ['SECRETARY_GENERAL', 'PARTY_GROUP']];
  into.members = [];
  into.leaders = [];
  const used = new Set<string>();
  for (let i = 0; i < options.members; i++) {
    let name = '';
    while (!name || used.has(name)) name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (used.size > 600 ? String(rng.below(100)) : '');
    used.add(name);
    const id = `${p}-m-${String(i + 1).padStart(3, '0')}`;
    const roles = (leaderRoles[i] ?? (i < 40 ? ['STANDING_COMMITTEE'] : [])).map((kind) => ({ kind }));
    yield {
      type: 'RegisterMember',
      memberId: id,
      joinedOn: iso(cst(2021, 1, 11)),
      name,
      gender: rng.chance(0.3) ? 'FEMALE' : 'MALE',
      ethnicity: '汉族',
      affiliation: rng.chance(0.35) ? 'CPC' : rng.chance(0.4) ? 'NON_PARTY' : 'CDL',
      sectorId: into.sectors[i % into.sectors.length]!,
      specialCommitteeId: into.specialCommittees[i % into.specialCommittees.length]!,
      liaisonGroupId: into.groups[i % into.groups.length]!,
      roles,
    } as DomainCommand;
    into.members.push(id);
    if (i < leaderRoles.length) into.leaders.push(id);
  }
}

export const emptyCommittee = (): Committee => ({ members: [], leaders: [], sectors: [], specialCommittees: [], parties: [], groups: [], units: [], persons: [] });

/** `n` distinct items, none of them `except`. */
export function pickDistinct(rng: Rng, items: readonly string[], n: number, except?: string): string[] {
  const out: string[] = [];
  while (out.length < Math.min(n, items.length - (except ? 1 : 0))) {
    const x = rng.pick(items);
    if (x !== except && !out.includes(x)) out.push(x);
  }
  return out;
}
