/**
 * The auditors' slice: the record itself (history, the raw log), its integrity (verify, seal) and
 * whether the live figures follow from it (replay). Reads go to the event store, not the read
 * model, so what an auditor sees is what is recorded. Time travel is not here: it is the `asOf`
 * argument of every dashboard query.
 */
import { Inject, OnApplicationShutdown } from '@nestjs/common';
import { Args, Context, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Seal as SealRecord } from '#audit/seal';
import { Composition } from '#platform/composition';
import { WritePath, tokenHolder } from '#platform/writePath';
import { ProjectionSet } from '#projections/shared/projection';
import { entityHistory, searchLog } from '#audit/history';
import { isHash } from '#audit/chain';
import { invalid, parseInstant, toMs } from '#domain';
import { EventStore } from '#event-store/eventStore';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { replay } from '#projections/shared/replay/replay';
import { ProjectionRunner } from '#projections/shared/runner';
import { TimeTravel } from '#projections/shared/timeTravel/timeTravel';
import { GqlContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { EVENT_STORE } from '../common/tokens.js';
import { Reader } from '../common/reader.js';
import { AuditJobs } from './auditJobs.js';
import { LogEvent, LogEventConnection, ReplayReport, Seal, SealResult, VerifyReport } from './audit.types.js';

const cursorOf = (position: number) => Buffer.from(`p:${position}`, 'utf8').toString('base64url');
function positionOf(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = Number(text.slice(2));
  if (!text.startsWith('p:') || !Number.isSafeInteger(position) || position < 0) throw invalid(`cursor "${cursor}" is not one this API issued`, 'after');
  return position;
}

const sealView = (seal: SealRecord): Seal => ({
  position: seal.position,
  count: seal.count,
  events: seal.count - seal.previousCount,
  hash: seal.hash,
  sealedAt: seal.sealedAt,
  sealPosition: seal.sealPosition,
});

@Resolver()
export class AuditResolver implements OnApplicationShutdown {
  private readonly jobs = new AuditJobs();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner<ProjectionSet>,
    private readonly timeTravel: TimeTravel,
    private readonly writePath: WritePath,
    private readonly composition: Composition,
    private readonly reader: Reader,
  ) {}

  /** The verify worker thread, kept between jobs, stops with the app. */
  onApplicationShutdown(): Promise<void> {
    return this.jobs.close();
  }

  @Query(() => [LogEvent], {
    description:
      'Every event about a member, organization, locality, person, plenary session, link or contact, in log order: what happened, who recorded it, when, and why. ' +
      'With includeRelated, also the events of the links it holds or is the target of and of the contacts it took part in (or, for a link, that served it). An unknown id is NOT_FOUND.',
  })
  async history(
    @Args('entityId', { type: () => ID }) entityId: string,
    @Args('includeRelated', { defaultValue: false }) includeRelated: boolean,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    if (atLeastPosition) await this.reader.waitForPosition(atLeastPosition);
    return entityHistory(this.store, entityId, includeRelated ? relatedStreams(LiaisonView.of(this.runner.model), entityId) : []);
  }

  @Query(() => LogEventConnection, { description: 'The raw log in position order, a page at a time, filtered by event type, stream, actor and recorded-at range.' })
  async events(
    @Args() page: PageArgs,
    @Args('types', { type: () => [String], nullable: true, description: 'Event types, e.g. ["ContactCorrected", "ContactRetracted"].' }) types?: string[],
    @Args('streamId', { nullable: true, description: 'One stream, e.g. contact-c-0001 or audit-seals.' }) streamId?: string,
    @Args('actor', { nullable: true }) actor?: string,
    @Args('recordedFrom', { nullable: true, description: 'Recorded at or after this instant.' }) recordedFrom?: string,
    @Args('recordedTo', { nullable: true, description: 'Recorded before this instant.' }) recordedTo?: string,
  ) {
    const first = page.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500) throw invalid(`first must be from 1 to 500, not ${first}`, 'first');
    const after = page.after ? positionOf(page.after) : undefined;
    const { entries, hasNextPage } = await searchLog(this.store, {
      after,
      first,
      types: types ?? undefined,
      streamId: streamId ?? undefined,
      actor: actor ?? undefined,
      recordedFrom: recordedFrom ? toMs(parseInstant(recordedFrom, 'recordedFrom')) : undefined,
      recordedTo: recordedTo ? toMs(parseInstant(recordedTo, 'recordedTo')) : undefined,
    });
    const edges = entries.map((node) => ({ cursor: cursorOf(node.position), node }));
    return {
      edges,
      pageInfo: { hasNextPage, hasPreviousPage: after !== undefined && after > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => VerifyReport, {
    description:
      'Recomputes the hash chain over the whole log and reports the first position where the record disagrees with its seals, its own structure, ' +
      'or `expect`: a running hash kept outside the system (a seal\'s or an earlier headHash), which the chain must pass through.',
  })
  async verify(@Args('expect', { type: () => String, nullable: true }) expect?: string) {
    if (expect && !isHash(expect)) throw invalid('expect must be a running hash: 64 lowercase hex digits', 'expect');
    const report = await this.jobs.verify(this.store, { expect: expect ?? undefined });
    return {
      ...report,
      lastSeal: report.lastSeal ? sealView(report.lastSeal) : null,
      expectedHash: report.expect?.hash ?? null,
      expectedHashReachedAt: report.expect?.reachedAtPosition ?? null,
      firstProblem: report.problems[0] ?? null,
    };
  }

  @Mutation(() => SealResult, { description: 'Seals everything recorded so far (seals are also written every LIAISON_SEAL_EVERY events).' })
  async seal(@Context() ctx: GqlContext) {
    const { written, last } = await this.writePath.seal(tokenHolder(ctx.auth));
    return { written: written.map(sealView), last: last ? sealView(last) : null };
  }

  @Query(() => ReplayReport, {
    description:
      'Rebuilds every read model from zero out of the log and compares it, by map and key, with the one serving the figures (and with each copy kept for asOf). ' +
      'Reads the whole log: slow on a long one.',
  })
  replay() {
    return this.jobs.run('replay', () => replay(this.store, this.runner.model, { timeTravel: this.timeTravel, fresh: () => this.composition.createProjections() }));
  }
}

/** Streams about an entity other than its own: its links, its contacts, and a link's contacts. */
function relatedStreams(model: LiaisonView, id: string): string[] {
  const streams: string[] = [];
  for (const link of model.links.values()) {
    if (link.targetId === id || link.tenures.some((t) => t.sourceId === id)) streams.push(`link-${link.id}`);
  }
  for (const contact of model.contactsByParty.get(id) ?? []) streams.push(`contact-${contact.id}`);
  if (model.links.has(id)) for (const c of model.contacts.values()) if (c.linkIds.includes(id)) streams.push(`contact-${c.id}`);
  return streams;
}
