/**
 * Coverage, reach and territorial coverage (DOMAIN.md, "What the dashboards measure").
 *
 * - due in P: the link was active at some moment of P;
 * - covered in P: its counted contacts in P ∩ [activeFrom, activeTo) reach the requirement
 *   converted to P's kind (see `countedContacts`, `requiredIn`);
 * - coverage = covered / due, with breakdowns by liaison group, source and target.
 *
 * Every figure reads per-link or per-group sorted times, never the contacts themselves.
 */
import { Period, PeriodKind, SCHEMES, Scheme, invalid, periodsBetween } from '#domain';
import {
  PeriodInput,
  checkInstant,
  checkPeriodKind,
  checkScheme,
  compareStrings,
  countedContacts,
  isDue,
  lastActiveMoment,
  liaisonGroupOfLink,
  plenaryWindows,
  ratio,
  requiredIn,
  tenureIndexAt,
  toPeriod,
} from '../network/linkFigures.js';
import { LinkRow, LiaisonView } from '../liaisonView.js';

export interface CoverageCell {
  id: string;
  due: number;
  covered: number;
  /** covered / due; null when nothing was due. */
  ratio: number | null;
}

export interface SchemeCoverage {
  scheme: Scheme;
  period: Period;
  due: number;
  covered: number;
  ratio: number | null;
  /** Links with no liaison group (see `liaisonGroupOfLink`) are left out of this breakdown only. */
  byLiaisonGroup: CoverageCell[];
  /** By the source that held the link at the latest moment of P when it was active. */
  bySource: CoverageCell[];
  byTarget: CoverageCell[];
}

export interface CoverageQuery {
  period: PeriodInput;
  /** One scheme; every scheme (in SCHEMES order) when absent. */
  scheme?: Scheme | null;
}

/** Whether a due link is covered in P; exported so usage and the graph agree with coverage. */
export function isCovered(link: LinkRow, period: Period, plenary: ReadonlyArray<[number, number]>): boolean {
  return countedContacts(link, period.start, period.end, plenary) >= requiredIn(link, period.kind);
}

export function coverage(model: LiaisonView, query: CoverageQuery): SchemeCoverage[] {
  const period = toPeriod(query.period);
  return coverageIn(plan(model, checkScheme(query.scheme)), period);
}

/** The sorted ids of one breakdown of one scheme, so a tally is an array indexed by position. */
interface Axis {
  ids: string[];
  index: Map<string, number>;
}

interface PlannedLink {
  link: LinkRow;
  scheme: number;
  /** Indexes into the scheme's axes; group is -1 for a link without a liaison group. */
  group: number;
  target: number;
  /** The axis index of each tenure's source. */
  sources: number[];
}

/**
 * What does not depend on the period (each link's group, target and holders, and the order of
 * every breakdown), worked out once per query so a 12-period series does the sorting once.
 */
interface Plan {
  schemes: readonly Scheme[];
  groups: Axis[];
  sources: Axis[];
  targets: Axis[];
  links: PlannedLink[];
  plenary: ReadonlyArray<[number, number]>;
}

function axis(ids: Set<string>): Axis {
  const sorted = [...ids].sort(compareStrings);
  return { ids: sorted, index: new Map(sorted.map((id, i) => [id, i])) };
}

function plan(model: LiaisonView, scheme: Scheme | undefined): Plan {
  const schemes = scheme ? [scheme] : SCHEMES;
  const slot = new Map(schemes.map((s, i) => [s, i]));
  const sets = schemes.map(() => ({ groups: new Set<string>(), sources: new Set<string>(), targets: new Set<string>() }));
  const found: Array<{ link: LinkRow; scheme: number; group: string | undefined }> = [];
  for (const link of model.links.values()) {
    const i = slot.get(link.scheme);
    if (i === undefined) continue;
    const group = liaisonGroupOfLink(model, link);
    if (group) sets[i].groups.add(group);
    for (const t of link.tenures) sets[i].sources.add(t.sourceId);
    sets[i].targets.add(link.targetId);
    found.push({ link, scheme: i, group });
  }
  const groups = sets.map((s) => axis(s.groups));
  const sources = sets.map((s) => axis(s.sources));
  const targets = sets.map((s) => axis(s.targets));
  const links = found.map(({ link, scheme: i, group }) => ({
    link,
    scheme: i,
    group: group ? groups[i].index.get(group)! : -1,
    target: targets[i].index.get(link.targetId)!,
    sources: link.tenures.map((t) => sources[i].index.get(t.sourceId)!),
  }));
  return { schemes, groups, sources, targets, links, plenary: plenaryWindows(model) };
}

class Tally {
  private readonly due: Int32Array;
  private readonly covered: Int32Array;
  constructor(private readonly axis: Axis) {
    this.due = new Int32Array(axis.ids.length);
    this.covered = new Int32Array(axis.ids.length);
  }
  add(i: number, covered: boolean): void {
    this.due[i]++;
    if (covered) this.covered[i]++;
  }
  /** Cells with something due, in id order. */
  rows(): CoverageCell[] {
    const out: CoverageCell[] = [];
    for (let i = 0; i < this.due.length; i++) {
      if (this.due[i] > 0) out.push({ id: this.axis.ids[i], due: this.due[i], covered: this.covered[i], ratio: ratio(this.covered[i], this.due[i]) });
    }
    return out;
  }
}

function coverageIn(p: Plan, period: Period): SchemeCoverage[] {
  const tallies = p.schemes.map((_, i) => ({ due: 0, covered: 0, groups: new Tally(p.groups[i]), sources: new Tally(p.sources[i]), targets: new Tally(p.targets[i]) }));
  for (const { link, scheme, group, target, sources } of p.links) {
    if (!isDue(link, period)) continue;
    const covered = isCovered(link, period, p.plenary);
    const t = tallies[scheme];
    t.due++;
    if (covered) t.covered++;
    if (group >= 0) t.groups.add(group, covered);
    t.sources.add(sources[tenureIndexAt(link, lastActiveMoment(link, period.end))], covered);
    t.targets.add(target, covered);
  }
  return p.schemes.map((scheme, i) => {
    const t = tallies[i];
    return {
      scheme,
      period,
      due: t.due,
      covered: t.covered,
      ratio: ratio(t.covered, t.due),
      byLiaisonGroup: t.groups.rows(),
      bySource: t.sources.rows(),
      byTarget: t.targets.rows(),
    };
  });
}

export interface CoverageSeriesQuery {
  /** Instants (epoch ms): the series runs from the period containing `from` to the one containing `to`. */
  from: number;
  to: number;
  per: PeriodKind;
  scheme?: Scheme | null;
}

/** A heatmap is at most this many periods wide (ten years of months); a wider one is refused, not cut. */
export const MAX_SERIES_PERIODS = 120;

/** Coverage for each consecutive period of a kind, oldest first; one entry per period and scheme. */
export function coverageSeries(model: LiaisonView, query: CoverageSeriesQuery): Array<{ period: Period; schemes: SchemeCoverage[] }> {
  const from = checkInstant(query.from, 'from');
  const to = checkInstant(query.to, 'to');
  const per = checkPeriodKind(query.per);
  const scheme = checkScheme(query.scheme);
  if (to < from) throw invalid(`to (${new Date(to).toISOString()}) is before from (${new Date(from).toISOString()})`, 'to');
  const periods = periodsBetween(from, to, per);
  if (periods.length > MAX_SERIES_PERIODS) {
    throw invalid(`the series spans ${periods.length} periods of ${per}; ask for at most ${MAX_SERIES_PERIODS} (a shorter range or a longer period)`, 'to');
  }
  const p = plan(model, scheme);
  return periods.map((period) => ({ period, schemes: coverageIn(p, period) }));
}

// ------------------------------------------------------------------ reach

export interface Reach {
  scheme: Scheme;
  period: Period;
  /** Distinct targets of due links that took part in at least one of the scheme's contacts in P. */
  reached: number;
  /** Distinct targets of the scheme's due links. */
  targets: number;
  ratio: number | null;
  /** The targets not reached, in id order: who to call next. */
  unreachedTargetIds: string[];
}

/**
 * Reach(S, P). A target counts as reached when it took part in any non-retracted contact that
 * serves an S link and occurred in P, whichever S link it served (a sector meeting logged on one
 * member's link reaches every member present), so it reads the per-party scheme index.
 */
export function reach(model: LiaisonView, query: { period: PeriodInput; scheme: Scheme }): Reach {
  const period = toPeriod(query.period);
  const scheme = checkScheme(query.scheme);
  if (!scheme) throw invalid('scheme is required for reach', 'scheme');
  const targets = new Set<string>();
  for (const link of model.links.values()) if (link.scheme === scheme && isDue(link, period)) targets.add(link.targetId);
  const byParty = model.schemeContactTimesByParty.get(scheme);
  const unreached: string[] = [];
  for (const target of targets) {
    if (!((byParty?.get(target)?.countBetween(period.start, period.end) ?? 0) > 0)) unreached.push(target);
  }
  const reached = targets.size - unreached.length;
  return { scheme, period, reached, targets: targets.size, ratio: ratio(reached, targets.size), unreachedTargetIds: unreached.sort(compareStrings) };
}

// ------------------------------------------------------------------ territorial coverage

export interface LocalityActivity {
  localityId: string;
  name: string;
  /** The locality's liaison group, if one is registered and not dissolved. */
  groupId: string | null;
  /** Contacts the group logged (or took part in, or that served its links) in P. */
  contacts: number;
}

export interface TerritorialCoverage {
  period: Period;
  /** Localities whose group logged at least one contact in P. */
  covered: number;
  localities: number;
  ratio: number | null;
  perLocality: LocalityActivity[];
}

export function territorialCoverage(model: LiaisonView, query: { period: PeriodInput }): TerritorialCoverage {
  const period = toPeriod(query.period);
  const groupOf = new Map<string, string>();
  for (const o of model.organizations.values()) {
    if (o.kind === 'LIAISON_GROUP' && !o.dissolved && o.localityId && !groupOf.has(o.localityId)) groupOf.set(o.localityId, o.id);
  }
  const perLocality = [...model.localities.values()]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map((l): LocalityActivity => {
      const groupId = groupOf.get(l.id) ?? null;
      const contacts = groupId ? (model.groupContactTimes.get(groupId)?.countBetween(period.start, period.end) ?? 0) : 0;
      return { localityId: l.id, name: l.name, groupId, contacts };
    });
  const covered = perLocality.filter((l) => l.contacts > 0).length;
  return { period, covered, localities: perLocality.length, ratio: ratio(covered, perLocality.length), perLocality };
}
