/**
 * Liaison links: who keeps in touch with whom, under which scheme and requirement, from when to
 * when, held by whom. Each row also carries `contactTimes`, the index of the contacts that serve
 * it: this projection creates it empty and never reads it; the contacts projection keeps it. It
 * sits on the row because every figure reads a link and its times together, per link, at a
 * million contacts.
 */
import type { LiaisonEvent, LinkEvent, Requirement, Scheme } from '#domain';
import { linkPairKey, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';
import { SortedTimes } from './network/sortedTimes.js';

export interface SourceTenure {
  sourceId: string;
  fromMs: number;
}

export interface LinkRow {
  id: string;
  scheme: Scheme;
  targetId: string;
  requirement: Requirement;
  activeFromMs: number;
  /** Exclusive end; null while the link is active. */
  activeToMs: number | null;
  /** Who held the link from when; the last entry is the current source. */
  tenures: SourceTenure[];
  /** occurredAt of every non-retracted contact that serves this link, sorted (kept by ContactsProjection). */
  contactTimes: SortedTimes;
  assignedAt: string;
  endReason: string | null;
}

export const currentSource = (link: LinkRow): string => link.tenures[link.tenures.length - 1]!.sourceId;

const LINK_EVENTS: ReadonlySet<LinkEvent['type']> = new Set(['LinkAssigned', 'LinkReassigned', 'LinkEnded', 'LinkPairClaimed']);

export class LinksProjection implements Projection {
  static readonly NAME = 'links';
  readonly name = LinksProjection.NAME;
  readonly handles: ReadonlySet<string> = LINK_EVENTS;
  skipped = 0;
  readonly links = new Map<string, LinkRow>();
  private readonly activeLinkKeys = new Map<string, string>();
  /** Claims recorded per pair (its stream's length): a log from before claims has none, and its first claim takes revision 0. */
  private readonly pairClaims = new Map<string, number>();

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as Extract<LiaisonEvent, LinkEvent>;
    switch (event.type) {
      case 'LinkAssigned': {
        const d = event.data;
        this.links.set(d.linkId, {
          id: d.linkId,
          scheme: d.scheme,
          targetId: d.targetId,
          requirement: d.requirement,
          activeFromMs: toMs(d.activeFrom),
          activeToMs: null,
          tenures: [{ sourceId: d.sourceId, fromMs: toMs(d.activeFrom) }],
          contactTimes: new SortedTimes(),
          assignedAt: recorded.recordedAt,
          endReason: null,
        });
        this.activeLinkKeys.set(linkPairKey(d.scheme, d.sourceId, d.targetId), d.linkId);
        // A contact can only name a link that exists (the contact decider checks), so a new link
        // has no contacts to back-fill; one that occurred before activeFrom is indexed but falls
        // outside the active window every figure reads.
        return true;
      }
      case 'LinkReassigned': {
        const link = this.links.get(event.data.linkId);
        if (!link) return false;
        this.activeLinkKeys.delete(linkPairKey(link.scheme, currentSource(link), link.targetId));
        link.tenures.push({ sourceId: event.data.toSourceId, fromMs: toMs(event.data.effectiveAt) });
        this.activeLinkKeys.set(linkPairKey(link.scheme, event.data.toSourceId, link.targetId), link.id);
        return true;
      }
      case 'LinkEnded': {
        const link = this.links.get(event.data.linkId);
        if (!link) return false;
        link.activeToMs = toMs(event.data.activeTo);
        link.endReason = event.data.reason;
        this.activeLinkKeys.delete(linkPairKey(link.scheme, currentSource(link), link.targetId));
        return true;
      }
      case 'LinkPairClaimed':
        this.pairClaims.set(event.data.pairKey, (this.pairClaims.get(event.data.pairKey) ?? 0) + 1);
        return true;
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  /** An active link of the scheme between the two parties, if any. */
  activeLinkBetween(scheme: Scheme, sourceId: string, targetId: string): string | undefined {
    return this.activeLinkKeys.get(linkPairKey(scheme, sourceId, targetId));
  }

  /** How many links have claimed the pair: the revision its next claim takes. */
  linkPairClaims(scheme: Scheme, sourceId: string, targetId: string): number {
    return this.pairClaims.get(linkPairKey(scheme, sourceId, targetId)) ?? 0;
  }

  copyForTimeTravel(_copies: ReadonlyMap<string, Projection>, copyTimes: (times: SortedTimes) => SortedTimes): LinksProjection {
    const copy = new LinksProjection();
    copy.skipped = this.skipped;
    // Tenures are pushed to in place, so they are copied; the times go through `copyTimes`.
    for (const [id, l] of this.links) copy.links.set(id, { ...l, tenures: [...l.tenures], contactTimes: copyTimes(l.contactTimes) });
    for (const [key, id] of this.activeLinkKeys) copy.activeLinkKeys.set(key, id);
    for (const [key, n] of this.pairClaims) copy.pairClaims.set(key, n);
    return copy;
  }
}
