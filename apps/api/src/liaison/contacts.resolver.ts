import { Inject } from '@nestjs/common';
import { Args, Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { PubSub } from 'graphql-subscriptions';
import { parseInstant, toMs } from '#domain';
import { contactLinkCounts, contactTimeline } from '#projections';
import { ContactRow } from '#projections/liaison/liaisonView';
import type { LinkListRow } from '#projections';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginate } from '../common/pagination.js';
import { PUB_SUB } from '../common/tokens.js';
import { ContactWriteResult, LinkCount, WriteResult } from '../common/write-result.js';
import type { WriteOutcome } from '../common/commands.js';
import { contactInScope } from '#projections/liaison/scope.queries';
import { maySeeWhatWasSaid, namedRow, visibleContacts, visibleLinks } from './visibility.js';
import { LiaisonLink } from './links.types.js';
import { Organization, Party } from '../roster/roster.types.js';
import { Contact, ContactChange, ContactConnection, CorrectContactInput, LogContactInput, RaisedIssue, RetractContactInput } from './contacts.types.js';
import { Reader } from '../common/reader.js';
import { readLiaison } from './liaison.read.js';
import { RecordLiaisonCommand } from './liaison.commands.js';

export const CONTACT_LOGGED = 'contactLogged';
export const CONTACT_CHANGED = 'contactChanged';

/** A subscriber asking for one group (or member) hears of contacts it logged or took part in; one asking for none, of all. */
const concerns = (contact: ContactRow, partyId: string | null | undefined) => !partyId || contact.liaisonGroupId === partyId || contact.participantIds.includes(partyId);

@Resolver(() => Contact)
export class ContactsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
  ) {}

  @Mutation(() => ContactWriteResult, {
    description: 'Logs a contact. Sending the same contactId with the same details again records nothing new. `links` says whether it counts for each link it serves.',
  })
  logContact(@Args('input') input: LogContactInput, @Context() ctx: GqlContext) {
    return this.withCounts(input.contactId, this.commands.execute(RecordLiaisonCommand.of('LogContact', input, ctx)));
  }

  @Mutation(() => ContactWriteResult, { description: 'Corrects a contact; the original stays in the record. `links` says whether it counts for each link it now serves.' })
  correctContact(@Args('input') input: CorrectContactInput, @Context() ctx: GqlContext) {
    return this.withCounts(input.contactId, this.commands.execute(RecordLiaisonCommand.of('CorrectContact', input, ctx)));
  }

  /** The outcome, with whether the contact counts for each of its links, read at the write's position. */
  private async withCounts(contactId: string, written: Promise<WriteOutcome>): Promise<WriteOutcome & { links: LinkCount[] }> {
    const outcome = await written;
    return { ...outcome, links: await readLiaison(this.reader, (m) => contactLinkCounts(m, contactId), outcome.position) };
  }

  @Mutation(() => WriteResult, { description: 'Retracts a contact: it stays in the record but no longer counts.' })
  retractContact(@Args('input') input: RetractContactInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordLiaisonCommand.of('RetractContact', input, ctx));
  }

  /** A RECORDER is refused (FORBIDDEN) alike for an id outside its grants and one not on record (visibility.ts namedRow). */
  @Query(() => Contact, { nullable: true })
  contact(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext, @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readLiaison(this.reader, (m) => namedRow(ctx.auth, `contact ${id}`, m.contacts.get(id) ?? null, (row) => contactInScope(m, ctx.auth.grants, row)), atLeastPosition);
  }

  @Query(() => ContactConnection, { description: 'A party\'s contacts, newest first: a member\'s timeline, or a group\'s.' })
  timeline(
    @Args('partyId', { type: () => ID }) partyId: string,
    @Args() page: PageArgs,
    @Context() ctx: GqlContext,
    @Args('from', { nullable: true, description: 'Occurred at or after this date.' }) from?: string,
    @Args('to', { nullable: true, description: 'Occurred before this date.' }) to?: string,
    @Args('includeRetracted', { nullable: true, defaultValue: false }) includeRetracted?: boolean,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    const fromMs = from ? toMs(parseInstant(from, 'from')) : undefined;
    const toMsValue = to ? toMs(parseInstant(to, 'to')) : undefined;
    return readLiaison(this.reader, (m) => paginate(visibleContacts(ctx.auth, contactTimeline(m, { partyId, from: fromMs, to: toMsValue, includeRetracted }), m), (c) => c.id, page), atLeastPosition);
  }

  @Subscription(() => Contact, {
    description: 'Each newly logged contact, optionally only those of one liaison group.',
    filter: (payload: { contactLogged: ContactRow }, variables: { liaisonGroupId?: string | null }) => concerns(payload.contactLogged, variables.liaisonGroupId),
  })
  contactLogged(@Args('liaisonGroupId', { type: () => ID, nullable: true }) _liaisonGroupId?: string) {
    return this.pubSub.asyncIterableIterator(CONTACT_LOGGED);
  }

  @Subscription(() => ContactChange, {
    description: 'Each correction or retraction of a contact, optionally only for contacts of one liaison group; with contactLogged, everything that moves the figures.',
    filter: (payload: { contactChanged: ContactChange & { contact: ContactRow } }, variables: { liaisonGroupId?: string | null }) => concerns(payload.contactChanged.contact, variables.liaisonGroupId),
  })
  contactChanged(@Args('liaisonGroupId', { type: () => ID, nullable: true }) _liaisonGroupId?: string) {
    return this.pubSub.asyncIterableIterator(CONTACT_CHANGED);
  }

  // The content of a contact is masked per field, so every path to a Contact (contact, timeline,
  // the subscription, and any field added later) shows it only to those who may read it.
  // The text is read from the log (see contactText.ts), batched per request by the contactText loader.
  @ResolveField(() => String)
  async topic(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    return (await ctx.loaders.contactText.load(contact.textAt)).topic;
  }

  @ResolveField(() => String, { nullable: true })
  async summary(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    return (await this.whatWasSaid(contact, ctx))?.summary ?? null;
  }

  @ResolveField(() => [String], { nullable: true })
  async issuesRaised(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    return (await this.whatWasSaid(contact, ctx))?.issues.map((issue) => issue.text) ?? null;
  }

  @ResolveField(() => [RaisedIssue], { nullable: true })
  async issues(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    return (await this.whatWasSaid(contact, ctx))?.issues ?? null;
  }

  /** The contact's text if the caller may read what was said (summary, issues), else null. */
  private async whatWasSaid(contact: ContactRow, ctx: GqlContext) {
    const maySee = await readLiaison(this.reader, (m) => maySeeWhatWasSaid(ctx.auth, contact, m));
    return maySee ? ctx.loaders.contactText.load(contact.textAt) : null;
  }

  @ResolveField(() => [Party], { description: 'Participants that are registered (all are, unless the record was imported raw).' })
  async participants(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    return (await ctx.loaders.party.loadMany(contact.participantIds)).filter((p) => p && !(p instanceof Error));
  }

  /** The links it serves; for a RECORDER only those its grants cover, as `links` and `link(id:)` answer it. */
  @ResolveField(() => [LiaisonLink])
  async links(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    const rows = (await ctx.loaders.link.loadMany(contact.linkIds)).filter((l): l is LinkListRow => !!l && !(l instanceof Error));
    return readLiaison(this.reader, (m) => visibleLinks(ctx.auth, rows, m));
  }

  @ResolveField(() => Organization, { nullable: true })
  liaisonGroup(@Parent() contact: ContactRow, @Context() ctx: GqlContext) {
    return contact.liaisonGroupId ? ctx.loaders.party.load(contact.liaisonGroupId) : null;
  }
}
