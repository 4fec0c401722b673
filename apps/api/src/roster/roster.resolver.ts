import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Float } from '@nestjs/graphql';
import { listLiaisonGroups, listMembers, listOrganizations } from '#projections';
import type { Affiliation, MemberStatus, OrganizationKind } from '#domain';
import { AffiliationEnum, MemberStatusEnum, OrganizationKindEnum } from '../common/enums.js';
import { GqlContext } from '../common/loaders.js';
import { PageArgs, paginate } from '../common/pagination.js';
import { WriteResult } from '../common/write-result.js';
import {
  ChangeGroupLeaderInput,
  ChangeMemberProfileInput,
  DissolveOrganizationInput,
  LiaisonGroup,
  Locality,
  Member,
  MemberConnection,
  Organization,
  OrganizationConnection,
  Party,
  Person,
  PlenarySession,
  RecordMemberLeftInput,
  RegisterLocalityInput,
  RegisterMemberInput,
  RegisterOrganizationInput,
  RegisterPersonInput,
  SchedulePlenarySessionInput,
  OpenTermInput,
  Term,
} from './roster.types.js';
import { Reader } from '../common/reader.js';
import { readRoster } from './roster.read.js';
import { RecordRosterCommand } from './roster.commands.js';

const byId = <T extends { id: string }>(item: T) => item.id;

@Resolver()
export class RosterResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  @Mutation(() => WriteResult, { description: 'Registers a member (委员). Repeating the same registration writes nothing.' })
  registerMember(@Args('input') input: RegisterMemberInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('RegisterMember', input, ctx));
  }

  @Mutation(() => WriteResult, { description: 'Changes a member\'s affiliation, sector, special committee, liaison group or roles.' })
  changeMemberProfile(@Args('input') input: ChangeMemberProfileInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('ChangeMemberProfile', input, ctx));
  }

  @Mutation(() => WriteResult)
  recordMemberLeft(@Args('input') input: RecordMemberLeftInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('RecordMemberLeft', input, ctx));
  }

  @Mutation(() => WriteResult)
  registerOrganization(@Args('input') input: RegisterOrganizationInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('RegisterOrganization', input, ctx));
  }

  @Mutation(() => WriteResult)
  changeGroupLeader(@Args('input') input: ChangeGroupLeaderInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('ChangeGroupLeader', input, ctx));
  }

  @Mutation(() => WriteResult)
  dissolveOrganization(@Args('input') input: DissolveOrganizationInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('DissolveOrganization', input, ctx));
  }

  @Mutation(() => WriteResult)
  registerLocality(@Args('input') input: RegisterLocalityInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('RegisterLocality', input, ctx));
  }

  @Mutation(() => WriteResult)
  registerPerson(@Args('input') input: RegisterPersonInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('RegisterPerson', input, ctx));
  }

  @Mutation(() => WriteResult, { description: 'A term of the committee (届).' })
  openTerm(@Args('input') input: OpenTermInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('OpenTerm', input, ctx));
  }

  @Mutation(() => WriteResult, { description: 'A plenary session (全体会议); contacts during it do not count for CONVENER links.' })
  schedulePlenarySession(@Args('input') input: SchedulePlenarySessionInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordRosterCommand.of('SchedulePlenarySession', input, ctx));
  }

  @Query(() => MemberConnection)
  members(
    @Args() page: PageArgs,
    @Args('affiliation', { type: () => AffiliationEnum, nullable: true }) affiliation?: Affiliation,
    @Args('sectorId', { type: () => ID, nullable: true }) sectorId?: string,
    @Args('liaisonGroupId', { type: () => ID, nullable: true }) liaisonGroupId?: string,
    @Args('status', { type: () => MemberStatusEnum, nullable: true }) status?: MemberStatus,
    @Args('search', { nullable: true, description: 'Part of a name.' }) search?: string,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return readRoster(this.reader, (m) => paginate(listMembers(m, { affiliation, sectorId, liaisonGroupId, status, search }), byId, page), atLeastPosition);
  }

  @Query(() => Member, { nullable: true })
  member(@Args('id', { type: () => ID }) id: string, @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(this.reader, (m) => m.members.get(id) ?? null, atLeastPosition);
  }

  @Query(() => OrganizationConnection)
  organizations(
    @Args() page: PageArgs,
    @Args('kind', { type: () => OrganizationKindEnum, nullable: true }) kind?: OrganizationKind,
    @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number,
  ) {
    return readRoster(this.reader, (m) => paginate(listOrganizations(m, { kind }), byId, page), atLeastPosition);
  }

  @Query(() => Organization, { nullable: true })
  organization(@Args('id', { type: () => ID }) id: string, @Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(this.reader, (m) => m.organizations.get(id) ?? null, atLeastPosition);
  }

  @Query(() => [Locality], { description: 'Every locality, by id.' })
  localities(@Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(this.reader, (m) => [...m.localities.values()].sort((a, b) => a.id.localeCompare(b.id)), atLeastPosition);
  }

  @Query(() => [LiaisonGroup], { description: 'The liaison groups with their locality, leader and member count, by id.' })
  liaisonGroups(@Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(this.reader, (m) => listLiaisonGroups(m), atLeastPosition);
  }

  @Query(() => [PlenarySession], { description: 'Plenary sessions, earliest first.' })
  plenarySessions(@Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(
      this.reader,
      (m) =>
        [...m.plenarySessions.values()]
          .sort((a, b) => a.startMs - b.startMs)
          .map((s) => ({ id: s.id, name: s.name, startsOn: new Date(s.startMs).toISOString(), endsOn: new Date(s.endMs).toISOString(), termId: s.termId, number: s.number })),
      atLeastPosition,
    );
  }

  @Query(() => [Term], { description: 'Terms of the committee, earliest first.' })
  terms(@Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(
      this.reader,
      (m) =>
        [...m.terms.values()]
          .sort((a, b) => a.startMs - b.startMs)
          .map((t) => ({ id: t.id, name: t.name, number: t.number, startsOn: new Date(t.startMs).toISOString(), endsOn: new Date(t.endMs).toISOString() })),
      atLeastPosition,
    );
  }

  @Query(() => [Person], { description: 'People outside the committee, by id.' })
  persons(@Args('atLeastPosition', { type: () => Float, nullable: true }) atLeastPosition?: number) {
    return readRoster(this.reader, (m) => [...m.persons.values()].sort((a, b) => a.id.localeCompare(b.id)), atLeastPosition);
  }

  @Query(() => Party, { nullable: true, description: 'A member, organization or person by id.' })
  party(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(id);
  }
}

@Resolver(() => Member)
export class MemberFieldsResolver {
  @ResolveField(() => Organization)
  sector(@Parent() member: Member, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(member.sectorId);
  }

  @ResolveField(() => Organization)
  specialCommittee(@Parent() member: Member, @Context() ctx: GqlContext) {
    return ctx.loaders.party.load(member.specialCommitteeId);
  }

  @ResolveField(() => Organization, { nullable: true })
  liaisonGroup(@Parent() member: Member, @Context() ctx: GqlContext) {
    return member.liaisonGroupId ? ctx.loaders.party.load(member.liaisonGroupId) : null;
  }
}

@Resolver(() => Organization)
export class OrganizationFieldsResolver {
  @ResolveField(() => Locality, { nullable: true })
  locality(@Parent() org: Organization, @Context() ctx: GqlContext) {
    return org.localityId ? ctx.loaders.locality.load(org.localityId) : null;
  }

  @ResolveField(() => Party, { nullable: true })
  leader(@Parent() org: Organization, @Context() ctx: GqlContext) {
    return org.leaderId ? ctx.loaders.party.load(org.leaderId) : null;
  }
}

@Resolver(() => Locality)
export class LocalityFieldsResolver {
  constructor(private readonly reader: Reader) {}

  @ResolveField(() => Organization, { nullable: true, description: 'The locality\'s liaison group (联络组).' })
  liaisonGroup(@Parent() locality: Locality) {
    return readRoster(this.reader, (m) => {
      const id = m.liaisonGroupOf(locality.id);
      return id ? m.organizations.get(id) ?? null : null;
    });
  }
}

@Resolver(() => Person)
export class PersonFieldsResolver {
  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() person: Person, @Context() ctx: GqlContext) {
    return person.organizationId ? ctx.loaders.party.load(person.organizationId) : null;
  }
}
