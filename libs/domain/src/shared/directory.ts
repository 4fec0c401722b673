import { Affiliation, LocalityKind, MemberStatus, OrganizationKind, Role, Scheme } from './vocabulary.js';

export interface MemberFacts {
  id: string;
  name: string;
  status: MemberStatus;
  affiliation: Affiliation;
  sectorId: string;
  specialCommitteeId: string;
  liaisonGroupId: string | null;
  roles: Role[];
}

export interface OrganizationFacts {
  id: string;
  name: string;
  kind: OrganizationKind;
  dissolved: boolean;
  localityId: string | null;
  leaderId: string | null;
}

export interface LocalityFacts {
  id: string;
  name: string;
  kind: LocalityKind;
}

export interface PersonFacts {
  id: string;
  name: string;
}

export interface TermFacts {
  id: string;
  name: string;
  number: number;
  startMs: number;
  endMs: number;
}

export interface PlenarySessionFacts {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
  /** Null for a session scheduled without a term (before terms were kept). */
  termId: string | null;
  number: number | null;
}

export interface LinkFacts {
  id: string;
  scheme: Scheme;
  targetId: string;
  /** The source now, and every earlier source (a link can be reassigned). */
  sourceId: string;
  formerSourceIds: string[];
  activeFrom: string;
  activeTo: string | null;
}

/**
 * Read-only answers about the rest of the network, for rules that span aggregates. Implemented
 * by the projections' roster; deciders never see the store.
 */
export interface Directory {
  member(id: string): MemberFacts | undefined;
  organization(id: string): OrganizationFacts | undefined;
  locality(id: string): LocalityFacts | undefined;
  person(id: string): PersonFacts | undefined;
  link(id: string): LinkFacts | undefined;
  term(id: string): TermFacts | undefined;
  plenarySession(id: string): PlenarySessionFacts | undefined;
  /** The liaison group of a locality, if one is registered and not dissolved. */
  liaisonGroupOf(localityId: string): string | undefined;
  /** An active link of the scheme between the two parties, if any. */
  activeLinkBetween(scheme: Scheme, sourceId: string, targetId: string): string | undefined;
  /** How many times the pair has been claimed by a link becoming active on it (LinkPairClaimed): the revision the next claim takes. */
  linkPairClaims(scheme: Scheme, sourceId: string, targetId: string): number;
  /**
   * A wing's own answers for its deciders, by the name of the projection that keeps them (the
   * proposals wing: `proposals`); undefined when this composition does not run it. Keeps this
   * interface free of every wing's vocabulary.
   */
  wing<T>(name: string): T | undefined;
}

/** What kind of party an id names: members, persons and organizations share one id space. */
export function partyKind(directory: Directory, id: string): 'MEMBER' | 'PERSON' | 'ORGANIZATION' | undefined {
  if (directory.member(id)) return 'MEMBER';
  if (directory.organization(id)) return 'ORGANIZATION';
  if (directory.person(id)) return 'PERSON';
  return undefined;
}
