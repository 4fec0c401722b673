/**
 * The compliance wing's queries and mutations. The board is read over the live projections or,
 * for `asOf`, a time-travel copy, for an "on" instant (the `on` argument, else the asOf moment,
 * else now). A seal is written from the server's own reading of the board at the head of the log;
 * checking it reads the board again as of the sealed position, for the sealed "on".
 */
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ComplianceRule } from '#domain';
import { COMPLIANCE_RULES, invalid, notFound, parseInstant, toMs } from '#domain';
import { BOARD_READS, complianceBoard, type Board } from '#projections/compliance/board';
import { ComplianceProjection } from '#projections/compliance/compliance.projection';
import type { ProjectionSet } from '#projections/shared/projection';
import { GqlContext } from '../common/loaders.js';
import { Reader } from '../common/reader.js';
import { WriteResult } from '../common/write-result.js';
import { yearArg } from '../common/yearArg.js';
import { AS_OF, AT_LEAST_POSITION } from '../liaison/dashboards.resolver.js';
import { RecordComplianceCommand } from './compliance.commands.js';
import { ComplianceBoard, ComplianceSeal, ComplianceSealCheck, ComplianceThresholdView, RULE_TITLES, SealComplianceBoardInput, SetComplianceThresholdInput } from './compliance.types.js';

const iso = (ms: number) => new Date(ms).toISOString();
const compliance = (set: ProjectionSet) => set.get<ComplianceProjection>(ComplianceProjection.NAME);
const EVIDENCE_FIRST = { type: () => Int, nullable: true, description: 'At most this many ids of evidence per cell, 0 to 10,000 (default 200); evidenceCount gives them all.' } as const;

function onArg(on: string | null | undefined, fallbackMs: number): number {
  if (!on) return fallbackMs;
  const ms = toMs(parseInstant(on, 'on'));
  if (ms > Date.now()) throw invalid(`on ${on} is in the future; a board is read for a moment that has come`, 'on');
  return ms;
}

function boardView(board: Board, position: number, evidenceFirst: number) {
  return {
    year: board.year,
    on: iso(board.onMs),
    position,
    boardHash: board.boardHash,
    cells: board.cells.map((c) => ({ ...c, title: RULE_TITLES[c.rule], evidence: c.evidence.slice(0, evidenceFirst), evidenceCount: c.evidence.length })),
  };
}

const figures = (c: { state: string; met: number; expected: number }) => `${c.state} ${c.met}/${c.expected}`;

@Resolver()
export class ComplianceResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: Reader,
  ) {}

  @Query(() => ComplianceBoard, { description: 'The compliance board of a year: each rule\'s cell with the ids behind it.' })
  complianceBoard(
    @Args('year', { type: () => Int }) year: number,
    @Args('on', { type: () => String, nullable: true, description: 'The instant the board is read for (default: the asOf moment, else now).' }) on?: string,
    @Args('evidenceFirst', EVIDENCE_FIRST) evidenceFirst?: number,
    @Args('asOf', AS_OF) asOf?: string,
    @Args('atLeastPosition', AT_LEAST_POSITION) atLeastPosition?: number,
  ) {
    const y = yearArg(year)!;
    const first = evidenceFirst ?? 200;
    if (!Number.isInteger(first) || first < 0 || first > 10_000) throw invalid(`evidenceFirst must be from 0 to 10000, not ${first}`, 'evidenceFirst');
    return this.reader.read(BOARD_READS, (set, at) => boardView(complianceBoard(set, y, onArg(on, at?.atMs ?? Date.now())), set.position, first), { asOf, atLeastPosition });
  }

  @Query(() => [ComplianceThresholdView], { description: 'Each rule\'s green and amber shares, as the committee set them (default 1 and 0.8).' })
  complianceThresholds(@Args('asOf', AS_OF) asOf?: string) {
    return this.reader.read([ComplianceProjection.NAME], (set) => COMPLIANCE_RULES.map((rule) => ({ rule, ...compliance(set).threshold(rule) })), { asOf });
  }

  @Query(() => [ComplianceSeal], { description: 'The seals of a year\'s board (every year\'s when none is given), oldest first.' })
  complianceSeals(@Args('year', { type: () => Int, nullable: true }) year?: number, @Args('asOf', AS_OF) asOf?: string) {
    const y = yearArg(year);
    return this.reader.read([ComplianceProjection.NAME], (set) => [...compliance(set).seals.values()].filter((s) => y === null || s.year === y).map((s) => ({ ...s, sealedAt: s.sealedAt })), { asOf });
  }

  @Query(() => ComplianceSealCheck, { description: 'Recomputes a sealed board from the log at the sealed position and "on", and compares its hash with the seal\'s.' })
  async verifyComplianceSeal(@Args('sealId', { type: () => ID }) sealId: string) {
    const seal = await this.reader.read([ComplianceProjection.NAME], (set) => compliance(set).seals.get(sealId));
    if (!seal) throw notFound(`seal ${sealId} of the compliance board is not on record`, 'sealId');
    const board = await this.reader.read(BOARD_READS, (set) => complianceBoard(set, seal.year, toMs(seal.on)), { asOf: String(seal.position) });
    const key = (c: { rule: ComplianceRule; scheme: string | null }) => `${c.rule}|${c.scheme ?? ''}`;
    const now = new Map(board.cells.map((c) => [key(c), c]));
    const differences = seal.cells.flatMap((c) => {
      const r = now.get(key(c));
      if (r && figures(r) === figures(c)) return [];
      return [{ rule: c.rule, scheme: c.scheme, sealed: figures(c), recomputed: r ? figures(r) : 'absent' }];
    });
    return { sealId, matches: board.boardHash === seal.boardHash, sealedHash: seal.boardHash, recomputedHash: board.boardHash, differences };
  }

  @Mutation(() => WriteResult)
  setComplianceThreshold(@Args('input') input: SetComplianceThresholdInput, @Context() ctx: GqlContext) {
    return this.commands.execute(RecordComplianceCommand.of('SetComplianceThreshold', input, ctx));
  }

  @Mutation(() => WriteResult, { description: 'The auditor seals the board as the server reads it now: its figures, the position, "on" and the board\'s hash.' })
  async sealComplianceBoard(@Args('input') input: SealComplianceBoardInput, @Context() ctx: GqlContext) {
    const year = yearArg(input.year)!;
    const { board, position } = await this.reader.read(BOARD_READS, (set) => ({ board: complianceBoard(set, year, onArg(input.on, Date.now())), position: set.position }));
    const cells = board.cells.map(({ rule, scheme, expected, met, state }) => ({ rule, scheme, expected, met, state }));
    const command = { sealId: input.sealId, year, position, on: iso(board.onMs), cells, boardHash: board.boardHash, reason: input.reason ?? null };
    return this.commands.execute(RecordComplianceCommand.of('SealComplianceBoard', command, ctx));
  }
}
