/**
 * Generates a realistic liaison network as the events the system itself would record.
 *
 * - The roster (localities, persons, organizations, plenary sessions, ~150 members with roles)
 *   and ~600 links over the six schemes are produced by the real deciders
 *   (`deciderFor(cmd).decide(cmd, state, { now, actor, directory })`), with a LiaisonView as
 *   the directory and every produced event applied to it, so every scheme rule is checked.
 * - A few changes happen during the two years (links reassigned and ended, two members leave and
 *   two join, a liaison group changes leader), again through the deciders, at their simulated time.
 * - N contacts over 2020–2021 are built directly (the hot path), each serving one or two links with
 *   both ends among the participants, in the exact shape `contact.decide` produces: the first 2,000
 *   and every 16th one are run through the real decider and compared byte for byte.
 * - ~0.5% of contacts are later corrected and ~0.2% retracted, through the real decider.
 *
 * The localities, parties, organizations, sectors, plenary sessions and names are the sample's
 * (apps/cli/src/sample/golmud.ts), so the bench measures the committee the sample describes.
 *
 * Everything is drawn from the sample's seeded PRNG (apps/cli/src/sample/rng.ts; event ids too), so two runs with the same seed yield the
 * same events: the store and the raw baseline write identical rows, and nothing keeps a million
 * events in memory (the generator streams).
 */
import {
  Affiliation,
  CHANNELS,
  Channel,
  ContactEvent,
  DomainCommand,
  DomainEvent,
  Scheme,
  contact,
  deciderFor,
} from '#domain';
import type { EventData, ExpectedVersion, RecordedEvent } from '#event-store/eventStore';
import { newEventId } from '#event-store/eventId';
import { LinkRow, LiaisonView, currentSource } from '#projections';
import { dateOf } from '../apps/cli/src/sample/calendar.js';
import {
  DEMOCRATIC_PARTIES,
  ETHNICITIES,
  HANDLING_UNITS,
  LOCALITIES,
  PARTY_COMMITTEE,
  PARTY_COMMITTEE_NAME,
  PEOPLES_ORGANIZATIONS,
  PLENARY,
  PROFESSIONAL_SECTORS,
  SECTORS,
  SPECIAL_COMMITTEES,
  STUDIOS,
  TERM_START,
  deputySecretaryOf,
  deputySecretaryTitle,
  groupName,
  groupOf,
  homeSectorOf,
  localityId,
  personName,
  plenaryWindow,
} from '../apps/cli/src/sample/golmud.js';
import { Rng } from '../apps/cli/src/sample/rng.js';
import {
  CORRECTION_REASONS,
  ISSUES,
  RETRACTION_REASONS,
  TOPICS,
  TOPIC_SUFFIXES,
  summaryOf,
} from './text.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CST_OFFSET = 8 * HOUR;

/** An instant given in committee time (UTC+8). */
export const cst = (y: number, m: number, d: number, h = 0, mi = 0): number => Date.UTC(y, m - 1, d, h, mi) - CST_OFFSET;
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The contacts span two years of committee time. */
export const CONTACTS_FROM = cst(2020, 1, 1);
export const CONTACTS_TO = cst(2022, 1, 1);

export interface GenEvent {
  kind: 'roster' | 'contact' | 'correction' | 'retraction';
  streamId: string;
  expectedVersion: ExpectedVersion;
  event: EventData;
  /** Simulated recording time (the store's clock is set to it when the event is appended). */
  recordedMs: number;
}

export interface GeneratorOptions {
  seed: number;
  contacts: number;
  members?: number;
  correctionRate?: number;
  retractionRate?: number;
  /**
   * Event ids: `uuid7` (default) is what the store's writers use (`newEventId`, a UUIDv7 whose
   * leading bits are the time, here the simulated recording time); `uuid4` is random.
   */
  eventIds?: IdKind;
  /**
   * Contact ids, which the client chooses (and so the contact's stream id): `uuid4` (default,
   * random, e.g. `crypto.randomUUID()` in a browser) or `uuid7` (time-ordered).
   */
  contactIds?: IdKind;
}

export type IdKind = 'uuid4' | 'uuid7';

type ContactLoggedData = Extract<ContactEvent, { type: 'ContactLogged' }>['data'];

interface LinkTraits {
  weight: number;
  silentFrom: number;
  silentTo: number;
}

interface Pending {
  kind: 'correction' | 'retraction';
  data: ContactLoggedData;
  recordedBy: string;
}

interface PlannedMember {
  memberId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  ethnicity: string;
  affiliation: string;
  sectorId: string;
  specialCommitteeId: string;
  liaisonGroupId: string | null;
  roles: Array<{ kind: string; bodyId?: string | null }>;
}

const REQUIREMENTS: Record<Scheme, { minContacts: number; per: string }> = {
  PARTY_GROUP_TO_PARTY_MEMBER: { minContacts: 1, per: 'QUARTER' },
  PARTY_MEMBER_TO_NON_PARTY: { minContacts: 2, per: 'YEAR' },
  COMMITTEE_TO_PARTIES_AND_ORGS: { minContacts: 1, per: 'HALF_YEAR' },
  SECTOR: { minContacts: 1, per: 'QUARTER' },
  LIAISON_GROUP: { minContacts: 1, per: 'QUARTER' },
  CONVENER: { minContacts: 1, per: 'QUARTER' },
};

const SCHEME_ACTIVITY: Record<Scheme, number> = {
  PARTY_GROUP_TO_PARTY_MEMBER: 0.8,
  PARTY_MEMBER_TO_NON_PARTY: 1,
  COMMITTEE_TO_PARTIES_AND_ORGS: 0.6,
  SECTOR: 1.2,
  LIAISON_GROUP: 1.5,
  CONVENER: 1,
};

const CHANNEL_WEIGHTS: Record<Channel, number> = { VISIT: 30, MEETING: 25, PHONE: 20, ONLINE: 10, LETTER: 5, EVENT: 10 };
const CHANNEL_CUMULATIVE = Float64Array.from(
  CHANNELS.map((_, i) => CHANNELS.slice(0, i + 1).reduce((sum, c) => sum + CHANNEL_WEIGHTS[c], 0)),
);

export class NetworkGenerator {
  /** The directory the deciders consult: every roster and link event is applied to it (contacts are not). */
  readonly model = new LiaisonView();
  readonly rng: Rng;
  /** Counts of what was produced, by kind. */
  readonly produced = { roster: 0, contact: 0, correction: 0, retraction: 0, validated: 0 };

  private readonly contacts: number;
  private readonly memberCount: number;
  private readonly correctionRate: number;
  private readonly retractionRate: number;
  private readonly timeOrderedEventIds: boolean;
  private readonly timeOrderedContactIds: boolean;
  private readonly streams = new Map<string, { state: unknown; version: ExpectedVersion }>();
  private position = 0;
  private rosterClock = cst(2019, 12, 16, 9);

  // Contact picking, rebuilt whenever the roster changes.
  private readonly traits = new Map<string, LinkTraits>();
  private pickLinks: LinkRow[] = [];
  private pickCumulative = new Float64Array(0);
  private bySource = new Map<string, LinkRow[]>();
  private activeMembers: string[] = [];
  private readonly groupConvener = new Map<string, string>();
  private readonly pending = new Map<number, Pending[]>();

  constructor(options: GeneratorOptions) {
    this.rng = new Rng(options.seed);
    this.contacts = options.contacts;
    this.memberCount = options.members ?? 150;
    this.correctionRate = options.correctionRate ?? 0.005;
    this.retractionRate = options.retractionRate ?? 0.002;
    this.timeOrderedEventIds = (options.eventIds ?? 'uuid7') === 'uuid7';
    this.timeOrderedContactIds = options.contactIds === 'uuid7';
  }

  /** A new event id (see GeneratorOptions.eventIds). */
  private eventId(ms: number): string {
    return this.timeOrderedEventIds ? this.rng.uuid7(ms) : this.rng.uuid();
  }

  /** Every event, in recording order: the roster, then two years of contacts with the roster's changes interleaved. */
  *events(): Generator<GenEvent> {
    yield* this.roster();
    yield* this.contactStream();
  }

  // ------------------------------------------------------------------ roster, through the deciders

  /** Decides one command against the directory, applies what it produced, and yields it. */
  private *run(command: DomainCommand, atMs: number, actor = 'admin'): Generator<GenEvent> {
    const decider = deciderFor(command);
    const streamId = decider.streamId(command);
    const stream = this.streams.get(streamId) ?? { state: decider.initialState, version: 'NO_STREAM' as ExpectedVersion };
    const now = iso(atMs);
    const events = decider.decide(command, stream.state, { now, actor, directory: this.model, newId: newEventId });
    if (events.length === 0) throw new Error(`generator: ${command.type} on ${streamId} decided nothing`);
    for (const e of events) {
      const revision = stream.version === 'NO_STREAM' ? 0 : (stream.version as number) + 1;
      const data: EventData = {
        id: this.eventId(atMs),
        type: e.type,
        data: e.data,
        metadata: { actor, command: command.type, correlationId: this.rng.uuid() },
      };
      this.model.apply({ ...data, metadata: data.metadata!, streamId, revision, position: ++this.position, recordedAt: now } as RecordedEvent);
      const expectedVersion = stream.version;
      stream.state = decider.evolve(stream.state, e as DomainEvent);
      stream.version = revision;
      this.streams.set(streamId, stream);
      this.produced.roster++;
      yield { kind: 'roster', streamId, expectedVersion, event: data, recordedMs: atMs };
    }
  }

  private *rosterCommand(command: DomainCommand): Generator<GenEvent> {
    this.rosterClock += MINUTE;
    yield* this.run(command, this.rosterClock);
  }

  private readonly usedNames = new Set<string>();

  /** A name nobody else in the network has, so that names in the bench's output identify people. */
  private name(gender: 'MALE' | 'FEMALE' = this.rng.chance(0.3) ? 'FEMALE' : 'MALE', ethnicity = this.rng.weighted(ETHNICITIES)): string {
    return personName(this.rng, gender, ethnicity, this.usedNames);
  }

  private *roster(): Generator<GenEvent> {
    for (const l of LOCALITIES) yield* this.rosterCommand({ type: 'RegisterLocality', localityId: localityId(l), name: l.name, kind: l.kind });
    for (const l of LOCALITIES) {
      yield* this.rosterCommand({ type: 'RegisterPerson', personId: deputySecretaryOf(l), name: this.name(), title: deputySecretaryTitle(l), organizationId: null });
    }
    for (const [organizationId, name] of DEMOCRATIC_PARTIES) yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId, kind: 'DEMOCRATIC_PARTY', name });
    for (const [organizationId, name] of PEOPLES_ORGANIZATIONS) yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId, kind: 'PEOPLES_ORGANIZATION', name });
    for (const { id, name } of SECTORS) yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId: id, kind: 'SECTOR', name });
    for (const [organizationId, name] of SPECIAL_COMMITTEES) yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId, kind: 'SPECIAL_COMMITTEE', name });
    for (const l of LOCALITIES) {
      yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId: groupOf(l), kind: 'LIAISON_GROUP', name: groupName(l), localityId: localityId(l), leaderId: deputySecretaryOf(l) });
    }
    for (const [organizationId, name] of STUDIOS) yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId, kind: 'MEMBER_STUDIO', name });
    yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId: PARTY_COMMITTEE, kind: 'PARTY_COMMITTEE', name: PARTY_COMMITTEE_NAME });
    for (const [organizationId, name] of HANDLING_UNITS) yield* this.rosterCommand({ type: 'RegisterOrganization', organizationId, kind: 'HANDLING_UNIT', name });
    for (const p of PLENARY) yield* this.rosterCommand({ type: 'SchedulePlenarySession', sessionId: p.id, name: p.name, ...plenaryWindow(p) });

    for (const m of this.planMembers()) {
      yield* this.rosterCommand({ type: 'RegisterMember', joinedOn: dateOf(TERM_START), ...m });
    }

    this.rosterClock = cst(2019, 12, 27, 9);
    for (const link of this.planLinks()) yield* this.rosterCommand({ ...link, activeFrom: '2020-01-01' });
    this.refreshPicking();
  }

  private planMembers(): PlannedMember[] {
    const rng = this.rng;
    const groups = LOCALITIES.map(groupOf);
    const members: PlannedMember[] = [];
    // chair, six vice-chairs, the secretary-general and two more Party-group members.
    const leaderAffiliations: Affiliation[] = ['CPC', 'CPC', 'CPC', 'CDL', 'CNDCA', 'NON_PARTY', 'JIUSAN', 'CPC', 'CPC', 'CPC'];
    const leaderRoles = [
      ['CHAIR', 'PARTY_GROUP'],
      ['VICE_CHAIR', 'PARTY_GROUP'],
      ['VICE_CHAIR', 'PARTY_GROUP'],
      ['VICE_CHAIR'],
      ['VICE_CHAIR'],
      ['VICE_CHAIR'],
      ['VICE_CHAIR'],
      ['SECRETARY_GENERAL', 'PARTY_GROUP'],
      ['PARTY_GROUP'],
      ['PARTY_GROUP'],
    ];
    const dpAffiliations = DEMOCRATIC_PARTIES.map(([, , a]) => a);
    for (let i = 0; i < this.memberCount; i++) {
      const leader = i < leaderAffiliations.length;
      const u = rng.next();
      const affiliation = leader ? leaderAffiliations[i]! : u < 0.33 ? 'CPC' : u < 0.53 ? 'NON_PARTY' : rng.pick(dpAffiliations);
      const homeSector = homeSectorOf(affiliation).id;
      // The first non-leaders fill every sector and group with at least two members, so each can have a convener.
      const k = i - leaderAffiliations.length;
      const sectorId = k >= 0 && k < 2 * SECTORS.length ? SECTORS[k % SECTORS.length]!.id : rng.chance(0.4) ? homeSector : rng.pick(PROFESSIONAL_SECTORS).id;
      const liaisonGroupId = k >= 0 && k < 3 * groups.length ? groups[k % groups.length]! : rng.chance(0.85) ? rng.pick(groups) : null;
      const gender = rng.chance(0.3) ? 'FEMALE' : 'MALE';
      const ethnicity = rng.weighted(ETHNICITIES);
      members.push({
        memberId: memberId(i),
        name: this.name(gender, ethnicity),
        gender,
        ethnicity,
        affiliation,
        sectorId,
        specialCommitteeId: SPECIAL_COMMITTEES[i % SPECIAL_COMMITTEES.length]![0],
        liaisonGroupId,
        roles: leader ? leaderRoles[i]!.map((kind) => ({ kind })) : k < 30 ? [{ kind: 'STANDING_COMMITTEE' }] : [],
      });
    }
    // Conveners: one per sector, special committee and liaison group, among non-leaders.
    const convening = new Set<string>();
    const appoint = (bodyId: string, inBody: (m: PlannedMember) => boolean) => {
      const m = members.find((x, i) => i >= leaderAffiliations.length && !convening.has(x.memberId) && inBody(x));
      if (!m) throw new Error(`generator: nobody to convene ${bodyId}`);
      convening.add(m.memberId);
      m.roles.push({ kind: 'CONVENER', bodyId });
      if (bodyId.startsWith('lg-')) this.groupConvener.set(bodyId, m.memberId);
    };
    for (const { id } of SECTORS) appoint(id, (m) => m.sectorId === id);
    for (const [id] of SPECIAL_COMMITTEES) appoint(id, (m) => m.specialCommitteeId === id);
    for (const id of groups) appoint(id, (m) => m.liaisonGroupId === id);
    return members;
  }

  private linkSeq = 0;
  private nextLinkId(): string {
    return `lk-${String(++this.linkSeq).padStart(4, '0')}`;
  }

  /** ~600 links over the six schemes, each pair chosen to satisfy its scheme's rule. */
  private planLinks(): Array<{ type: 'AssignLink'; linkId: string; scheme: Scheme; sourceId: string; targetId: string; requirement: { minContacts: number; per: string } }> {
    const members = [...this.model.members.values()];
    const has = (m: (typeof members)[number], kind: string) => m.roles.some((r) => r.kind === kind);
    const partyGroup = members.filter((m) => has(m, 'PARTY_GROUP'));
    const chairs = members.filter((m) => has(m, 'CHAIR') || has(m, 'VICE_CHAIR'));
    const leaders = members.filter((m) => ['PARTY_GROUP', 'CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL'].some((k) => has(m, k)));
    const ordinaryCpc = members.filter((m) => m.affiliation === 'CPC' && !leaders.includes(m));
    const conveners = new Map<string, string>();
    for (const m of members) for (const r of m.roles) if (r.kind === 'CONVENER' && r.bodyId) conveners.set(r.bodyId, m.id);

    const out: ReturnType<NetworkGenerator['planLinks']> = [];
    const add = (scheme: Scheme, sourceId: string, targetId: string) =>
      out.push({ type: 'AssignLink', linkId: this.nextLinkId(), scheme, sourceId, targetId, requirement: REQUIREMENTS[scheme] });

    let k = 0;
    for (const m of members) if (m.affiliation === 'CPC' && !partyGroup.includes(m)) add('PARTY_GROUP_TO_PARTY_MEMBER', partyGroup[k++ % partyGroup.length]!.id, m.id);
    k = 0;
    for (const m of members) if (m.affiliation !== 'CPC') add('PARTY_MEMBER_TO_NON_PARTY', ordinaryCpc[k++ % ordinaryCpc.length]!.id, m.id);
    k = 0;
    const orgs = [...DEMOCRATIC_PARTIES.map(([id]) => id), ...PEOPLES_ORGANIZATIONS.map(([id]) => id)];
    const pairs = new Set<string>();
    for (const org of orgs) {
      const source = chairs[k++ % chairs.length]!.id;
      pairs.add(`${source}>${org}`);
      add('COMMITTEE_TO_PARTIES_AND_ORGS', source, org);
    }
    const chair = chairs.find((m) => has(m, 'CHAIR'))!.id;
    for (const [org] of DEMOCRATIC_PARTIES) if (!pairs.has(`${chair}>${org}`)) add('COMMITTEE_TO_PARTIES_AND_ORGS', chair, org);
    for (const { id: sector } of SECTORS) {
      const convener = conveners.get(sector)!;
      for (const m of members) if (m.sectorId === sector && m.id !== convener) add('SECTOR', convener, m.id);
    }
    k = 0;
    for (const group of this.groupIds()) {
      add('LIAISON_GROUP', leaders[k++ % leaders.length]!.id, group);
      for (const m of members) if (m.liaisonGroupId === group) add('LIAISON_GROUP', group, m.id);
    }
    for (const [sc] of SPECIAL_COMMITTEES) {
      const convener = conveners.get(sc)!;
      for (const m of members) if (m.specialCommitteeId === sc && m.id !== convener) add('CONVENER', convener, m.id);
    }
    return out;
  }

  private groupIds(): string[] {
    return [...this.model.organizations.values()].filter((o) => o.kind === 'LIAISON_GROUP').map((o) => o.id);
  }

  /** The network's changes during the two years, run through the deciders when the clock reaches them. */
  private lifecycle(): Array<{ atMs: number; steps: () => Generator<GenEvent> }> {
    const self = this;
    const leavers = () => {
      const taken = new Set<string>();
      for (const l of this.model.links.values()) for (const t of l.tenures) taken.add(t.sourceId);
      return [...this.model.members.values()].filter((m) => m.affiliation !== 'CPC' && m.roles.length === 0 && !taken.has(m.id)).slice(-2);
    };
    let left: ReturnType<typeof leavers> = [];
    return [
      {
        // 工作调整: eight PARTY_MEMBER_TO_NON_PARTY links change hands at the turn of the year.
        atMs: cst(2021, 1, 4, 10),
        *steps() {
          const links = [...self.model.links.values()].filter((l) => l.scheme === 'PARTY_MEMBER_TO_NON_PARTY');
          const cpc = [...self.model.members.values()].filter((m) => m.affiliation === 'CPC' && m.roles.length === 0);
          for (let i = 0; i < 8 && i * 12 < links.length; i++) {
            const link = links[i * 12]!;
            const to = cpc.find((m) => m.id !== currentSource(link) && m.id !== link.targetId && !self.model.activeLinkBetween(link.scheme, m.id, link.targetId))!;
            yield* self.run({ type: 'ReassignLink', linkId: link.id, sourceId: to.id, effectiveAt: '2021-01-01', reason: '工作调整' }, cst(2021, 1, 4, 10) + i * MINUTE);
          }
        },
      },
      {
        // Two members leave at the end of March; their links end first.
        atMs: cst(2021, 4, 1, 9, 30),
        *steps() {
          left = leavers();
          let t = cst(2021, 4, 1, 9, 30);
          for (const m of left) {
            for (const link of [...self.model.links.values()]) {
              if (link.targetId === m.id && link.activeToMs === null) {
                yield* self.run({ type: 'EndLink', linkId: link.id, activeTo: '2021-04-01', reason: '委员辞去委员职务' }, (t += MINUTE));
              }
            }
            yield* self.run({ type: 'RecordMemberLeft', memberId: m.id, leftOn: '2021-03-31', reason: '工作调动，辞去委员职务' }, (t += MINUTE));
          }
        },
      },
      {
        // Two members join in their place, with the same links.
        atMs: cst(2021, 4, 6, 10),
        *steps() {
          let t = cst(2021, 4, 6, 10);
          for (const [i, m] of left.entries()) {
            const id = memberId(self.memberCount + i);
            yield* self.run(
              {
                type: 'RegisterMember',
                memberId: id,
                joinedOn: '2021-04-01',
                name: self.name(),
                gender: 'FEMALE',
                ethnicity: m.ethnicity,
                affiliation: m.affiliation,
                sectorId: m.sectorId,
                specialCommitteeId: m.specialCommitteeId,
                liaisonGroupId: m.liaisonGroupId,
                roles: [],
              },
              (t += MINUTE),
            );
            for (const old of [...self.model.links.values()]) {
              if (old.targetId !== m.id) continue;
              const sourceId = currentSource(old);
              yield* self.run(
                { type: 'AssignLink', linkId: self.nextLinkId(), scheme: old.scheme, sourceId, targetId: id, requirement: old.requirement, activeFrom: '2021-04-06' },
                (t += MINUTE),
              );
            }
          }
        },
      },
      {
        // A new deputy secretary takes over the third liaison group.
        atMs: cst(2021, 6, 2, 9),
        *steps() {
          const l = LOCALITIES[2]!;
          const personId = `${deputySecretaryOf(l)}-2`;
          yield* self.run({ type: 'RegisterPerson', personId, name: self.name(), title: deputySecretaryTitle(l), organizationId: groupOf(l) }, cst(2021, 6, 2, 9));
          yield* self.run({ type: 'ChangeGroupLeader', organizationId: groupOf(l), leaderId: personId, effectiveAt: '2021-06-01', reason: '人事调整' }, cst(2021, 6, 2, 9, 1));
        },
      },
    ];
  }

  /** Rebuilds the weighted link table and the member list the contact generator draws from. */
  private refreshPicking(): void {
    const rng = this.rng;
    this.pickLinks = [...this.model.links.values()];
    this.pickCumulative = new Float64Array(this.pickLinks.length);
    this.bySource = new Map();
    let sum = 0;
    for (const [i, link] of this.pickLinks.entries()) {
      let traits = this.traits.get(link.id);
      if (!traits) {
        // Heavy-tailed activity; ~3% of links are never used and ~12% fall silent for a few months.
        const weight = rng.chance(0.03) ? 0 : Math.exp(0.8 * rng.normal()) * SCHEME_ACTIVITY[link.scheme];
        const silent = rng.chance(0.12);
        const silentFrom = silent ? CONTACTS_FROM + rng.next() * (CONTACTS_TO - CONTACTS_FROM - 60 * DAY) : 0;
        traits = { weight, silentFrom, silentTo: silent ? silentFrom + (100 + rng.below(120)) * DAY : 0 };
        this.traits.set(link.id, traits);
      }
      sum += traits.weight;
      this.pickCumulative[i] = sum;
      for (const t of link.tenures) {
        let list = this.bySource.get(t.sourceId);
        if (!list) this.bySource.set(t.sourceId, (list = []));
        if (!list.includes(link)) list.push(link);
      }
    }
    this.activeMembers = [...this.model.members.values()].filter((m) => m.status === 'ACTIVE').map((m) => m.id);
  }

  private usable(link: LinkRow, at: number): boolean {
    if (link.activeFromMs > at || (link.activeToMs !== null && at >= link.activeToMs)) return false;
    const t = this.traits.get(link.id)!;
    return t.weight > 0 && !(at >= t.silentFrom && at < t.silentTo);
  }

  // ------------------------------------------------------------------ contacts

  private *contactStream(): Generator<GenEvent> {
    const rng = this.rng;
    const n = this.contacts;
    const span = CONTACTS_TO - CONTACTS_FROM;
    const perDay = Math.max(1, n / (span / DAY));
    const lifecycle = this.lifecycle();
    let nextChange = 0;
    let recordedMs = CONTACTS_FROM;

    for (let i = 0; i < n; i++) {
      recordedMs = CONTACTS_FROM + (span * (i + rng.next())) / n;
      while (nextChange < lifecycle.length && lifecycle[nextChange]!.atMs <= recordedMs) {
        yield* lifecycle[nextChange++]!.steps();
        this.refreshPicking();
      }
      const due = this.pending.get(i);
      if (due) {
        this.pending.delete(i);
        for (const p of due) yield this.followUp(p, recordedMs);
      }
      const event = this.contact(recordedMs, i < 2000 || i % 16 === 0);
      const data = event.event.data as ContactLoggedData;
      if (rng.chance(this.correctionRate)) this.schedule(i + Math.ceil(perDay * rng.int(1, 30)), { kind: 'correction', data, recordedBy: data.recordedBy });
      else if (rng.chance(this.retractionRate)) this.schedule(i + Math.ceil(perDay * rng.int(1, 30)), { kind: 'retraction', data, recordedBy: data.recordedBy });
      yield event;
    }
    while (nextChange < lifecycle.length) {
      yield* lifecycle[nextChange++]!.steps();
      this.refreshPicking();
    }
    for (const key of [...this.pending.keys()].sort((a, b) => a - b)) {
      for (const p of this.pending.get(key)!) yield this.followUp(p, Math.max(recordedMs, CONTACTS_TO - MINUTE));
    }
    this.pending.clear();
  }

  private schedule(index: number, p: Pending): void {
    const list = this.pending.get(index);
    if (list) list.push(p);
    else this.pending.set(index, [p]);
  }

  /** One ContactLogged event, built directly in the decider's shape (and checked against it when `validate`). */
  private contact(recordedMs: number, validate: boolean): GenEvent {
    const rng = this.rng;
    // Logged the same day mostly, some days later, sometimes weeks later.
    const u = rng.next();
    const lag = u < 0.6 ? rng.below(8 * HOUR) : u < 0.9 ? DAY * (1 + rng.below(3)) + rng.below(8 * HOUR) : DAY * (4 + rng.below(27));
    // Contacts happen in working hours (08:00–18:00 committee time) on the day the lag points at.
    const day = Math.floor((Math.max(CONTACTS_FROM, recordedMs - lag) + CST_OFFSET) / DAY);
    let occurred = day * DAY - CST_OFFSET + 8 * HOUR + rng.below(10 * 60) * MINUTE;
    if (occurred > recordedMs) occurred -= DAY;
    if (occurred < CONTACTS_FROM) occurred = CONTACTS_FROM + Math.floor((recordedMs - CONTACTS_FROM) * rng.next());
    occurred -= occurred % MINUTE;

    let link: LinkRow | undefined;
    for (let tries = 0; tries < 30 && !link; tries++) {
      const candidate = this.pickLinks[rng.weightedIndex(this.pickCumulative)]!;
      if (this.usable(candidate, occurred)) link = candidate;
    }
    if (!link) {
      // Everything drawn was silent: take the first active link from a random start.
      const start = rng.below(this.pickLinks.length);
      for (let j = 0; j < this.pickLinks.length && !link; j++) {
        const candidate = this.pickLinks[(start + j) % this.pickLinks.length]!;
        if (candidate.activeFromMs <= occurred && (candidate.activeToMs === null || occurred < candidate.activeToMs)) link = candidate;
      }
      if (!link) throw new Error(`generator: no link active at ${iso(occurred)}`);
    }
    const source = sourceAt(link, occurred);
    const participantIds = [source, link.targetId];
    const linkIds = [link.id];
    const served = [link];
    if (rng.chance(0.3)) {
      const siblings = this.bySource.get(source);
      if (siblings && siblings.length > 1) {
        const second = siblings[rng.below(siblings.length)]!;
        if (second !== link && this.usable(second, occurred) && sourceAt(second, occurred) === source) {
          linkIds.push(second.id);
          served.push(second);
          if (!participantIds.includes(second.targetId)) participantIds.push(second.targetId);
        }
      }
    }
    if (rng.chance(0.2)) {
      for (let extra = rng.int(1, 3); extra > 0; extra--) {
        const m = this.activeMembers[rng.below(this.activeMembers.length)]!;
        if (!participantIds.includes(m)) participantIds.push(m);
      }
    }
    let liaisonGroupId: string | null = null;
    for (const l of served) {
      if (l.scheme !== 'LIAISON_GROUP') continue;
      liaisonGroupId = this.model.organizations.has(source) ? source : l.targetId;
      break;
    }
    let actor = source;
    const sourceOrg = this.model.organizations.get(source);
    if (sourceOrg) {
      actor = this.groupConvener.get(source) ?? source;
      if (sourceOrg.leaderId && rng.chance(0.5) && !participantIds.includes(sourceOrg.leaderId)) participantIds.push(sourceOrg.leaderId);
    }
    const topic = rng.pick(TOPICS) + rng.pick(TOPIC_SUFFIXES);
    const issues = rng.next();
    const texts = issues < 0.5 ? [] : issues < 0.85 ? [rng.pick(ISSUES)] : [rng.pick(ISSUES), rng.pick(ISSUES)];
    const data: ContactLoggedData = {
      contactId: this.timeOrderedContactIds ? rng.uuid7(recordedMs) : rng.uuid(),
      recordedBy: actor,
      participantIds,
      linkIds,
      occurredAt: iso(occurred),
      channel: CHANNELS[rng.weightedIndex(CHANNEL_CUMULATIVE)]!,
      topic,
      summary: summaryOf(topic, (items) => rng.pick(items)),
      // Client-chosen issue ids, as a clerk's page may send them; the decider keeps them.
      issues: (texts[0] === texts[1] ? texts.slice(0, 1) : texts).map((text) => ({ issueId: rng.uuid7(recordedMs), text })),
      liaisonGroupId,
    };
    if (validate) this.validate(data, recordedMs);
    this.produced.contact++;
    return {
      kind: 'contact',
      streamId: `contact-${data.contactId}`,
      expectedVersion: 'NO_STREAM',
      event: { id: this.eventId(recordedMs), type: 'ContactLogged', data, metadata: { actor, command: 'LogContact', correlationId: rng.uuid() } },
      recordedMs,
    };
  }

  /** Runs the contact through the real decider and insists on the same event, byte for byte. */
  private validate(data: ContactLoggedData, recordedMs: number): void {
    const decided = contact.decide(logContactCommand(data), contact.initialState, { now: iso(recordedMs), actor: data.recordedBy, directory: this.model, newId: newEventId });
    const expected = JSON.stringify([{ type: 'ContactLogged', data }]);
    const actual = JSON.stringify(decided);
    if (actual !== expected) throw new Error(`generator: a generated contact differs from what the decider produces\n  generated ${expected}\n  decided   ${actual}`);
    this.produced.validated++;
  }

  /** A correction or retraction of an earlier contact, decided by the real decider. */
  private followUp(p: Pending, recordedMs: number): GenEvent {
    const rng = this.rng;
    const state = contact.evolve(contact.initialState, { type: 'ContactLogged', data: p.data });
    const contactId = p.data.contactId;
    let command: DomainCommand;
    if (p.kind === 'retraction') {
      command = { type: 'RetractContact', contactId, reason: rng.pick(RETRACTION_REASONS) };
    } else {
      const u = rng.next();
      const earlier = Date.parse(p.data.occurredAt) - DAY;
      const links = p.data.linkIds.map((id) => this.model.links.get(id)!);
      const extra = this.activeMembers[rng.below(this.activeMembers.length)]!;
      if (u < 0.5 && links.every((l) => l.activeFromMs <= earlier)) {
        command = { type: 'CorrectContact', contactId, reason: CORRECTION_REASONS[0]!, occurredAt: iso(earlier) };
      } else if (u < 0.7 && !p.data.participantIds.includes(extra)) {
        command = { type: 'CorrectContact', contactId, reason: CORRECTION_REASONS[2]!, participantIds: [...p.data.participantIds, extra] };
      } else {
        let topic = p.data.topic;
        while (topic === p.data.topic) topic = rng.pick(TOPICS) + rng.pick(TOPIC_SUFFIXES);
        command = { type: 'CorrectContact', contactId, reason: rng.pick([CORRECTION_REASONS[1]!, CORRECTION_REASONS[3]!]), topic, summary: summaryOf(topic, (items) => rng.pick(items)) };
      }
    }
    const [event, ...rest] = contact.decide(command as Parameters<typeof contact.decide>[0], state, { now: iso(recordedMs), actor: p.recordedBy, directory: this.model, newId: newEventId });
    if (!event || rest.length > 0) throw new Error(`generator: ${command.type} on contact ${contactId} decided ${rest.length + (event ? 1 : 0)} events`);
    this.produced[p.kind]++;
    return {
      kind: p.kind,
      streamId: `contact-${contactId}`,
      expectedVersion: 0,
      event: { id: this.eventId(recordedMs), type: event.type, data: event.data, metadata: { actor: p.recordedBy, command: command.type, correlationId: rng.uuid() } },
      recordedMs,
    };
  }
}

const memberId = (i: number): string => `m-${String(i + 1).padStart(3, '0')}`;

/** Who held the link at `ms`. */
function sourceAt(link: LinkRow, ms: number): string {
  let source = link.tenures[0]!.sourceId;
  for (const t of link.tenures) {
    if (t.fromMs <= ms) source = t.sourceId;
    else break;
  }
  return source;
}

/** The LogContact command that produces a ContactLogged event with this data. */
export function logContactCommand(data: ContactLoggedData): Extract<DomainCommand, { type: 'LogContact' }> {
  const { contactId, recordedBy: _r, ...details } = data;
  return { type: 'LogContact', contactId, ...details };
}

export type { ContactLoggedData };

/** Pulls up to `size` items from an iterator; an empty array when it is exhausted. */
export function take<T>(iterator: Iterator<T>, size: number): T[] {
  const out: T[] = [];
  while (out.length < size) {
    const next = iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}
