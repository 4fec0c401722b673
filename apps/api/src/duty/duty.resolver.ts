/**
 * The duty wing's queries and mutations. Every record is computed from the projections, live or
 * as of an earlier point (`asOf`), for a year or a term (exactly one of them). A MEMBER token
 * reads its own record only: asking for another is FORBIDDEN, the list holds its own alone
 * (duty.scope.ts). Writes go through the write path, whose policy lets only the committee office.
 */
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { DutyPoints, OpinionLevel } from '#domain';
import { DEFAULT_DUTY_POINTS, invalid } from '#domain';
import { ContactsProjection } from '#projections/liaison/contacts.projection';
import { LinksProjection } from '#projections/liaison/links.projection';
import { DutyProjection } from '#projections/duty/duty.projection';
import { dutyRecord, dutyRecords, meetingsIn, type DutyRecord, type DutyScope, type DutySortColumn } from '#projections/duty/duty.queries';
import { InspectionsProjection } from '#projections/inspections/inspections.projection';
import { OpinionsProjection } from '#projections/opinions/opinions.projection';
import { ProposalsProjection } from '#projections/proposals/proposals.projection';
import { RosterProjection } from '#projections/roster/roster.projection';
import type { ProjectionSet } from '#projections/shared/projection';
import { GqlContext } from '../common/loaders.js';
import { Reader } from '../common/reader.js';
import { WriteResult } from '../common/write-result.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { RecordDutyCommand } from './duty.commands.js';
import { recordHtml, recordsHtml, recordsXlsx } from './duty.export.js';
import { dutyReach, memberReadable } from './duty.scope.js';
import {
  CorrectMeetingAttendanceInput,
  DutyExportFile,
  DutyExportFormatEnum,
  DutyPointsInput,
  DutyPointsRulesView,
  DutyRecordView,
  DutySortColumnEnum,
  MeetingView,
  RecordMeetingAttendanceInput,
  RecordMeetingInput,
  SetDutyPointsRulesInput,
  SortDirectionEnum,
} from './duty.types.js';

/** What the duty queries read: the duty projection and every projection it reads. */
export const DUTY_READS = [RosterProjection.NAME, LinksProjection.NAME, ContactsProjection.NAME, ProposalsProjection.NAME, InspectionsProjection.NAME, OpinionsProjection.NAME, DutyProjection.NAME] as const;

const YEAR = { type: () => Int, nullable: true, description: 'A calendar year; give this or termId.' } as const;
const TERM = { type: () => ID, nullable: true, description: 'A term (届): the sum of its years; give this or year.' } as const;

const dutyOf = (set: ProjectionSet) => set.get<DutyProjection>(DutyProjection.NAME);

function scopeOf(year: number | null | undefined, termId: string | null | undefined): DutyScope {
  const hasYear = year !== undefined && year !== null;
  const hasTerm = termId !== undefined && termId !== null;
  if (hasYear === hasTerm) throw invalid('give either year or termId (exactly one)', hasYear ? 'termId' : 'year');
  return hasYear ? { year } : { termId: termId! };
}

const levelView = (l: Record<OpinionLevel, number>) => ({ city: l.CITY, prefecture: l.PREFECTURE, province: l.PROVINCE, national: l.NATIONAL });
const levelPoints = (l: { city: number; prefecture: number; province: number; national: number } | null | undefined) =>
  (l ? { CITY: l.city, PREFECTURE: l.prefecture, PROVINCE: l.province, NATIONAL: l.national } : l) as Record<OpinionLevel, number>;
const pointsView = (p: DutyPoints) => ({ ...p, opinionAdoptedAt: levelView(p.opinionAdoptedAt), instruction: levelView(p.instruction) });
const recordView = (r: DutyRecord) => ({ ...r, byYear: r.byYear.map((y) => ({ ...y, table: pointsView(y.table) })) });

/** The committee's name for a file's heading: the term's, else the term of the year, else a plain one. */
function committeeName(set: ProjectionSet, scope: DutyScope): string {
  const roster = set.get<RosterProjection>(RosterProjection.NAME);
  if (scope.termId) return roster.terms.get(scope.termId)?.name ?? '政协委员会';
  const mid = Date.UTC(scope.year!, 6, 1);
  for (const t of roster.terms.values()) if (t.startMs <= mid && mid < t.endMs) return t.name;
  return '政协委员会';
}

@Resolver()
export class DutyResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  private read<T>(read: (set: ProjectionSet) => T, options: { asOf?: string | null; atLeastPosition?: number | null }): Promise<T> {
    return this.reader.read(DUTY_READS, read, options);
  }

  /** The records a list reads: every member's for readers of all, a member token's own alone. */
  private listed(ctx: GqlContext, memberId: string | null | undefined): string[] | null {
    const reach = dutyReach(ctx.auth);
    if (memberId) return [memberReadable(reach, memberId)];
    if (reach.all) return null;
    return [memberReadable(reach, reach.memberId ?? '')];
  }

  @Query(() => DutyRecordView, { description: 'A member\'s duty record (履职档案) for a year or a term: every count, the points item by item and the rule table that applied to each year. A MEMBER token reads its own.' })
  dutyRecord(
    @Context() ctx: GqlContext,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('year', YEAR) year?: number,
    @Args('termId', TERM) termId?: string,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const member = memberReadable(dutyReach(ctx.auth), memberId);
    const scope = scopeOf(year, termId);
    return this.read((set) => recordView(dutyRecord(dutyOf(set), member, scope)), { asOf, atLeastPosition });
  }

  @Query(() => [DutyRecordView], { description: 'Every member\'s duty record for a year or a term, sorted by any column (default: points, highest first; ties by member id). A MEMBER token gets its own alone.' })
  dutyRecords(
    @Context() ctx: GqlContext,
    @Args('year', YEAR) year?: number,
    @Args('termId', TERM) termId?: string,
    @Args('orderBy', { type: () => DutySortColumnEnum, nullable: true }) orderBy?: DutySortColumn,
    @Args('direction', { type: () => SortDirectionEnum, nullable: true, description: 'Default: DESC for figures, ASC for name and memberId.' }) direction?: 'ASC' | 'DESC',
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const memberIds = this.listed(ctx, null);
    const scope = scopeOf(year, termId);
    return this.read((set) => dutyRecords(dutyOf(set), scope, { orderBy, direction, memberIds }).map(recordView), { asOf, atLeastPosition });
  }

  @Query(() => DutyExportFile, { description: 'The duty record of a member (or, without memberId, the list of every member\'s) as a printable HTML page or an .xlsx workbook.' })
  async dutyRecordExport(
    @Context() ctx: GqlContext,
    @Args('format', { type: () => DutyExportFormatEnum }) format: 'HTML' | 'XLSX',
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string,
    @Args('year', YEAR) year?: number,
    @Args('termId', TERM) termId?: string,
    @Args('orderBy', { type: () => DutySortColumnEnum, nullable: true }) orderBy?: DutySortColumn,
    @Args('asOf', AS_OF) asOf?: string,
  ) {
    const memberIds = this.listed(ctx, memberId);
    const single = !!memberId;
    const scope = scopeOf(year, termId);
    const { records, committee } = await this.read(
      (set) => ({
        records: single ? [dutyRecord(dutyOf(set), memberId!, scope)] : dutyRecords(dutyOf(set), scope, { orderBy, memberIds }),
        committee: committeeName(set, scope),
      }),
      { asOf },
    );
    const scopeText = scope.termId ?? String(scope.year);
    const base = `duty-${single ? memberId : 'members'}-${scopeText}`;
    if (format === 'XLSX') {
      const content = (await recordsXlsx(records, single)).toString('base64');
      return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content, encoding: 'base64' };
    }
    const html = single ? recordHtml(records[0]!, committee, asOf ?? null) : recordsHtml(records, committee, scope.termId ? scopeText : `${scopeText}年度`, asOf ?? null);
    return { filename: `${base}.html`, contentType: 'text/html; charset=utf-8', content: html, encoding: 'utf-8' };
  }

  @Query(() => [MeetingView], { description: 'The plenary sittings and standing-committee meetings of a year or a term, with their roll calls, in the order recorded.' })
  meetings(@Args('year', YEAR) year?: number, @Args('termId', TERM) termId?: string, @Args('asOf', AS_OF) asOf?: string, @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number) {
    const scope = scopeOf(year, termId);
    return this.read(
      (set) => meetingsIn(dutyOf(set), scope).map((m) => ({ ...m, attendance: [...m.attendance].map(([memberId, a]) => ({ memberId, ...a })) })),
      { asOf, atLeastPosition },
    );
  }

  @Query(() => DutyPointsRulesView, { description: 'The duty points rule tables, each in force from its year, and the default table that holds before the first.' })
  dutyPointsRules(@Args('asOf', AS_OF) asOf?: string) {
    return this.read((set) => ({ tables: dutyOf(set).rules().tables.map((t) => ({ ...t, points: pointsView(t.points) })), defaultPoints: pointsView(DEFAULT_DUTY_POINTS) }), { asOf });
  }

  // ------------------------------------------------------------ commands

  private send(type: Parameters<typeof RecordDutyCommand.of>[0], input: object, ctx: GqlContext) {
    return this.commands.execute(RecordDutyCommand.of(type, input, ctx));
  }

  @Mutation(() => WriteResult, { description: 'A plenary sitting (within its session) or a standing-committee meeting, once held.' })
  recordMeeting(@Args('input') input: RecordMeetingInput, @Context() ctx: GqlContext) {
    return this.send('RecordMeeting', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'The roll call: each member ATTENDED, EXCUSED (with the leave reason) or ABSENT; a member already recorded is corrected instead.' })
  recordMeetingAttendance(@Args('input') input: RecordMeetingAttendanceInput, @Context() ctx: GqlContext) {
    return this.send('RecordMeetingAttendance', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'Changes one member\'s attendance, with the reason.' })
  correctMeetingAttendance(@Args('input') input: CorrectMeetingAttendanceInput, @Context() ctx: GqlContext) {
    return this.send('CorrectMeetingAttendance', input, ctx);
  }
  @Mutation(() => WriteResult, { description: 'A duty points table in force from a year on; the years before keep theirs.' })
  setDutyPointsRules(@Args('input') input: SetDutyPointsRulesInput, @Context() ctx: GqlContext) {
    const { points, ...rest } = input;
    const p = points as DutyPointsInput | undefined;
    return this.send('SetDutyPointsRules', { ...rest, points: p && { ...p, opinionAdoptedAt: levelPoints(p.opinionAdoptedAt), instruction: levelPoints(p.instruction) } }, ctx);
  }
}
