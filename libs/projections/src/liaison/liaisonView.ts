/**
 * The liaison wing's read side as its queries see it: the roster, the links and the contacts'
 * indexes of one projection set (the live one, or a time-travel copy), side by side. It holds no
 * state of its own. It is also the deciders' Directory: a small adapter over the roster and the links.
 */
import type { Directory, LinkFacts, LocalityFacts, MemberFacts, OrganizationFacts, PersonFacts, PlenarySessionFacts, Scheme, TermFacts } from '#domain';
import { DOMAIN } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import { RosterProjection } from '../roster/roster.projection.js';
import { ProjectionSet } from '../shared/projection.js';
import { ContactsProjection } from './contacts.projection.js';
import { LinksProjection, currentSource } from './links.projection.js';

export type { ContactRow } from './contacts.projection.js';
export type { LinkRow, SourceTenure } from './links.projection.js';
export { currentSource } from './links.projection.js';
export type { LocalityRow, MemberRow, OrganizationRow, PersonRow, PlenaryRow } from '../roster/roster.projection.js';

/** The projections a liaison query reads (and an `asOf` liaison query needs copies of). */
export const LIAISON_READS = [RosterProjection.NAME, LinksProjection.NAME, ContactsProjection.NAME] as const;

/** The liaison wing's projections, for a set: the links and contacts read the roster registered before them. */
export function liaisonProjections(roster: RosterProjection): [LinksProjection, ContactsProjection] {
  const links = new LinksProjection();
  return [links, new ContactsProjection(roster, links)];
}

const views = new WeakMap<ProjectionSet, LiaisonView>();

export class LiaisonView implements Directory {
  readonly roster: RosterProjection;
  readonly linkProjection: LinksProjection;
  readonly contactProjection: ContactsProjection;

  /** Over a set that holds the three projections; without one, over a set of its own (tests, tools). */
  constructor(readonly set: ProjectionSet = LiaisonView.ownSet()) {
    this.roster = set.get(RosterProjection.NAME);
    this.linkProjection = set.get(LinksProjection.NAME);
    this.contactProjection = set.get(ContactsProjection.NAME);
  }

  /** The view of a set, made once per set. */
  static of(set: ProjectionSet): LiaisonView {
    let view = views.get(set);
    if (!view) views.set(set, (view = new LiaisonView(set)));
    return view;
  }

  private static ownSet(): ProjectionSet {
    const roster = new RosterProjection();
    return new ProjectionSet([roster, ...liaisonProjections(roster)], (event) => DOMAIN.upcast(event));
  }

  /** Position of the last event the set read. */
  get position(): number {
    return this.set.position;
  }
  /** Events the three projections could not use. */
  get skipped(): number {
    return this.roster.skipped + this.linkProjection.skipped + this.contactProjection.skipped;
  }
  apply(event: RecordedEvent): void {
    this.set.apply(event);
  }

  get members() {
    return this.roster.members;
  }
  get organizations() {
    return this.roster.organizations;
  }
  get localities() {
    return this.roster.localities;
  }
  get persons() {
    return this.roster.persons;
  }
  get plenarySessions() {
    return this.roster.plenarySessions;
  }
  get links() {
    return this.linkProjection.links;
  }
  get contacts() {
    return this.contactProjection.contacts;
  }
  get groupContactTimes() {
    return this.contactProjection.groupContactTimes;
  }
  get contactsByParty() {
    return this.contactProjection.contactsByParty;
  }
  get schemeContactTimesByParty() {
    return this.contactProjection.schemeContactTimesByParty;
  }

  // ------------------------------------------------------------ Directory

  member(id: string): MemberFacts | undefined {
    return this.roster.members.get(id);
  }
  organization(id: string): OrganizationFacts | undefined {
    return this.roster.organizations.get(id);
  }
  locality(id: string): LocalityFacts | undefined {
    return this.roster.localities.get(id);
  }
  person(id: string): PersonFacts | undefined {
    return this.roster.persons.get(id);
  }
  link(id: string): LinkFacts | undefined {
    const l = this.linkProjection.links.get(id);
    if (!l) return undefined;
    return {
      id: l.id,
      scheme: l.scheme,
      targetId: l.targetId,
      sourceId: currentSource(l),
      formerSourceIds: l.tenures.slice(0, -1).map((t) => t.sourceId),
      activeFrom: new Date(l.activeFromMs).toISOString(),
      activeTo: l.activeToMs === null ? null : new Date(l.activeToMs).toISOString(),
    };
  }
  term(id: string): TermFacts | undefined {
    return this.roster.terms.get(id);
  }
  plenarySession(id: string): PlenarySessionFacts | undefined {
    return this.roster.plenarySessions.get(id);
  }
  wing<T>(name: string): T | undefined {
    return this.set.has(name) ? this.set.get<T & import('../shared/projection.js').Projection>(name) : undefined;
  }
  liaisonGroupOf(localityId: string): string | undefined {
    return this.roster.liaisonGroupOf(localityId);
  }
  activeLinkBetween(scheme: Scheme, sourceId: string, targetId: string): string | undefined {
    return this.linkProjection.activeLinkBetween(scheme, sourceId, targetId);
  }
  linkPairClaims(scheme: Scheme, sourceId: string, targetId: string): number {
    return this.linkProjection.linkPairClaims(scheme, sourceId, targetId);
  }
}
