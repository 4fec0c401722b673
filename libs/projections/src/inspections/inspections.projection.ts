/**
 * Inspections as the office, the members, the units and the leaders read them: one row per
 * inspection with its invitations, attendance, report and recommendations, each recommendation
 * with its follow-ups. It is also the deciders' directory for this wing (`InspectionsDirectory`):
 * the office's rules and other inspections (a contact that serves one asks whether it was held).
 *
 * Indexes the figures read, kept in the fold so no query walks the whole log: inspections by
 * year (the year of the visit as held, else as planned), the held ones in the order they were
 * held, recommendations by addressed unit, invitations and attendance by invitee, and the
 * inspection each contact serves. Long texts (the report's summary, the responses) are kept:
 * an inspection's page shows them and there are few (hundreds a year).
 *
 * Overdue is not kept here: a held visit keeps its report's due date and a recommendation its
 * response's; the queries derive the state for an "on" date (proposals/deadlines.ts).
 */
import type { CommitteeDate, ContactEvent, InspectionFacts, InspectionKind, InspectionRulesState, InspectionStage, InspectionsDirectory, InspectionsEvent, InvitationAnswer, InviteeKind, OrganiserKind, RecommendationStatus } from '#domain';
import { DOMAIN, INSPECTIONS_WING, committeeDayStart, dueEndMs, inspectionRules, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';

export interface InvitationRow {
  inviteeId: string;
  inviteeKind: InviteeKind;
  invitedMs: number;
  answer: InvitationAnswer | null;
  reason: string;
  answeredMs: number | null;
}

export interface FollowUpRow {
  status: RecommendationStatus;
  text: string;
  reason: string;
  respondedOn: CommitteeDate;
  /** The start of that day: what an "on" date is compared with. */
  respondedDayMs: number;
  recordedMs: number;
}

/**
 * A recommendation is also the deadline "round" of its first response (proposals/deadlines.ts):
 * due by `dueOn`, met on the day of its first follow-up (`repliedMs`), so the figures derive its
 * state from the row itself, with nothing allocated per recommendation per call.
 */
export interface RecommendationRow {
  inspectionId: string;
  number: number;
  text: string;
  unitId: string;
  /** The year of the report it belongs to. */
  year: number;
  /** Its first response is due by this date. */
  dueOn: CommitteeDate;
  /** The end of that date (dueEndMs): what every deadline figure compares with. */
  dueEndMs: number;
  /** The start of the day of its first follow-up (what "responded within M days" measures), null before one. */
  repliedMs: number | null;
  followUps: FollowUpRow[];
}

export interface InspectionContact {
  contactId: string;
  participantIds: string[];
  occurredMs: number;
}

export interface InspectionRow {
  id: string;
  kind: InspectionKind;
  topic: string;
  topicId: string | null;
  organiserKind: OrganiserKind;
  organiserId: string;
  startsOn: CommitteeDate;
  endsOn: CommitteeDate;
  place: string;
  stage: InspectionStage;
  plannedMs: number;
  /** The year it counts in: of the visit as held, else as (last) planned. */
  year: number;
  reschedules: ReadonlyArray<{ startsOn: CommitteeDate; endsOn: CommitteeDate; place: string; reason: string; atMs: number }>;
  cancelled: { reason: string; atMs: number } | null;
  invitations: InvitationRow[];
  held: { heldFrom: CommitteeDate; heldTo: CommitteeDate; placesVisited: string[]; unitIds: string[]; reportDueOn: CommitteeDate; heldMs: number } | null;
  /** Once held, the report's deadline as a round (proposals/deadlines.ts): due by reportDueOn, met on the report's date. */
  reportRound: { dueOn: CommitteeDate; dueEndMs: number; repliedMs: number | null } | null;
  /** Who attended, as last recorded. */
  attendeeIds: string[];
  attendanceCorrections: number;
  report: { reportedOn: CommitteeDate; summary: string; reportedMs: number; reportedDayMs: number } | null;
  recommendations: RecommendationRow[];
  /** Contacts that serve it (meetings with units during the visit), not retracted. */
  contacts: InspectionContact[];
  lastChangeMs: number;
}

const CONTACT_EVENTS = ['ContactLogged', 'ContactCorrected', 'ContactRetracted'] as const;
const HANDLED: ReadonlySet<string> = new Set([...DOMAIN.eventTypes('inspections'), ...CONTACT_EVENTS]);

const yearOf = (date: CommitteeDate) => Number(date.slice(0, 4));

export class InspectionsProjection implements Projection, InspectionsDirectory {
  static readonly NAME = INSPECTIONS_WING;
  readonly name = InspectionsProjection.NAME;
  readonly handles = HANDLED;
  skipped = 0;
  readonly inspections = new Map<string, InspectionRow>();
  /** In the order they were planned. */
  readonly inspectionAt: InspectionRow[] = [];
  /**
   * Ids, not rows, in these sets: a set is compared by membership, so two folds of one log (the
   * replay check, a time-travel copy) hold equal sets only of equal values.
   */
  readonly byYear = new Map<number, Set<string>>();
  /** Every held inspection, in the order it was recorded as held (reported ones too). */
  readonly held: InspectionRow[] = [];
  readonly recommendationsByUnit = new Map<string, RecommendationRow[]>();
  /** Per unit, a count of the changes to its recommendations (a report addressing it, a follow-up): what a remembered standing is checked against. */
  readonly unitVersions = new Map<string, number>();
  /** Per unit, the inspections that met it during the visit or address a recommendation to it: a unit's list without a walk of every inspection. */
  readonly byUnit = new Map<string, Set<string>>();
  /** The inspections each member or person was invited to or attended (ever: readers check the row's current lists). */
  readonly byParty = new Map<string, Set<string>>();
  /** The inspection each contact serves, for the contacts that serve one. */
  readonly contactInspection = new Map<string, string>();
  private rulesState: InspectionRulesState = inspectionRules.initialState;

  apply(recorded: RecordedEvent): boolean {
    if (recorded.type === 'ContactLogged' || recorded.type === 'ContactCorrected' || recorded.type === 'ContactRetracted') return this.applyContact(recorded as unknown as ContactEvent);
    const event = recorded as unknown as InspectionsEvent;
    const ms = toMs(recorded.recordedAt);
    if (event.type === 'InspectionRulesSet') {
      this.rulesState = inspectionRules.evolve(this.rulesState, event);
      return true;
    }
    if (event.type === 'InspectionPlanned') {
      const d = event.data;
      if (this.inspections.has(d.inspectionId)) return false;
      const row: InspectionRow = {
        id: d.inspectionId,
        kind: d.kind,
        topic: d.topic,
        topicId: d.topicId,
        organiserKind: d.organiserKind,
        organiserId: d.organiserId,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        place: d.place,
        stage: 'PLANNED',
        plannedMs: toMs(d.plannedAt),
        year: yearOf(d.startsOn),
        reschedules: [],
        cancelled: null,
        invitations: [],
        held: null,
        reportRound: null,
        attendeeIds: [],
        attendanceCorrections: 0,
        report: null,
        recommendations: [],
        contacts: [],
        lastChangeMs: ms,
      };
      this.inspections.set(row.id, row);
      this.inspectionAt.push(row);
      this.index(this.byYear, row.year, row.id);
      return true;
    }
    const row = this.inspections.get(event.data.inspectionId);
    if (!row) return false;
    row.lastChangeMs = ms;
    switch (event.type) {
      case 'InspectionRescheduled': {
        const d = event.data;
        row.reschedules = [...row.reschedules, { startsOn: d.startsOn, endsOn: d.endsOn, place: d.place, reason: d.reason, atMs: toMs(d.rescheduledAt) }];
        Object.assign(row, { startsOn: d.startsOn, endsOn: d.endsOn, place: d.place });
        this.moveYear(row, yearOf(d.startsOn));
        return true;
      }
      case 'InspectionCancelled':
        row.stage = 'CANCELLED';
        row.cancelled = { reason: event.data.reason, atMs: toMs(event.data.cancelledAt) };
        return true;
      case 'InspectionInvitationSent': {
        const d = event.data;
        if (row.invitations.some((i) => i.inviteeId === d.inviteeId)) return false;
        row.invitations.push({ inviteeId: d.inviteeId, inviteeKind: d.inviteeKind, invitedMs: toMs(d.invitedAt), answer: null, reason: '', answeredMs: null });
        this.index(this.byParty, d.inviteeId, row.id);
        return true;
      }
      case 'InspectionInvitationAnswered': {
        const i = row.invitations.find((x) => x.inviteeId === event.data.inviteeId);
        if (!i) return false;
        Object.assign(i, { answer: event.data.answer, reason: event.data.reason, answeredMs: toMs(event.data.answeredAt) });
        return true;
      }
      case 'InspectionHeld': {
        const d = event.data;
        if (row.held) return false;
        row.stage = 'HELD';
        row.held = { heldFrom: d.heldFrom, heldTo: d.heldTo, placesVisited: [...d.placesVisited], unitIds: [...d.unitIds], reportDueOn: d.reportDueOn, heldMs: toMs(d.heldAt) };
        row.reportRound = { dueOn: d.reportDueOn, dueEndMs: dueEndMs(d.reportDueOn), repliedMs: null };
        this.setAttendees(row, d.attendeeIds);
        for (const unitId of d.unitIds) this.index(this.byUnit, unitId, row.id);
        this.held.push(row);
        this.moveYear(row, yearOf(d.heldFrom));
        return true;
      }
      case 'InspectionAttendanceRecorded':
        if (!row.held) return false;
        row.attendanceCorrections++;
        this.setAttendees(row, event.data.attendeeIds);
        return true;
      case 'InspectionReported': {
        const d = event.data;
        if (row.report) return false;
        row.stage = 'REPORTED';
        row.report = { reportedOn: d.reportedOn, summary: d.summary, reportedMs: toMs(d.reportedAt), reportedDayMs: committeeDayStart(d.reportedOn) };
        if (row.reportRound) row.reportRound = { ...row.reportRound, repliedMs: row.report.reportedDayMs };
        const year = yearOf(d.reportedOn);
        row.recommendations = d.recommendations.map((r) => ({ inspectionId: row.id, number: r.number, text: r.text, unitId: r.unitId, year, dueOn: r.responseDueOn, dueEndMs: dueEndMs(r.responseDueOn), repliedMs: null, followUps: [] }));
        for (const r of row.recommendations) {
          const list = this.recommendationsByUnit.get(r.unitId);
          if (list) list.push(r);
          else this.recommendationsByUnit.set(r.unitId, [r]);
          this.index(this.byUnit, r.unitId, row.id);
          this.changedUnit(r.unitId);
        }
        return true;
      }
      case 'RecommendationFollowedUp': {
        const d = event.data;
        const r = row.recommendations.find((x) => x.number === d.number);
        if (!r) return false;
        const respondedDayMs = committeeDayStart(d.respondedOn);
        r.followUps.push({ status: d.status, text: d.text, reason: d.reason, respondedOn: d.respondedOn, respondedDayMs, recordedMs: toMs(d.recordedAt) });
        if (r.repliedMs === null) r.repliedMs = respondedDayMs;
        this.changedUnit(r.unitId);
        return true;
      }
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  private index<K>(map: Map<K, Set<string>>, key: K, id: string): void {
    const set = map.get(key);
    if (set) set.add(id);
    else map.set(key, new Set([id]));
  }

  private changedUnit(unitId: string): void {
    this.unitVersions.set(unitId, (this.unitVersions.get(unitId) ?? 0) + 1);
  }

  private moveYear(row: InspectionRow, year: number): void {
    if (row.year === year) return;
    this.byYear.get(row.year)?.delete(row.id);
    row.year = year;
    this.index(this.byYear, year, row.id);
  }

  /** The rows of a set of ids. */
  rowsOf(ids: Iterable<string> | undefined): InspectionRow[] {
    const rows: InspectionRow[] = [];
    for (const id of ids ?? []) rows.push(this.inspections.get(id)!);
    return rows;
  }

  /** Attendance only adds to a party's index: readers check the row's current list (as timelines do). */
  private setAttendees(row: InspectionRow, attendeeIds: readonly string[]): void {
    row.attendeeIds = [...attendeeIds];
    for (const id of attendeeIds) this.index(this.byParty, id, row.id);
  }

  /** A contact that serves an inspection is listed on it; a correction moves it, a retraction removes it. Any other contact is no concern here. */
  private applyContact(event: ContactEvent): boolean {
    const { contactId } = event.data;
    const before = this.contactInspection.get(contactId);
    const after = event.type === 'ContactRetracted' ? undefined : event.data.inspectionId;
    if (!before && !after) return true;
    if (before) {
      const row = this.inspections.get(before);
      if (row) row.contacts = row.contacts.filter((c) => c.contactId !== contactId);
    }
    if (!after || event.type === 'ContactRetracted') {
      this.contactInspection.delete(contactId);
      return true;
    }
    this.contactInspection.set(contactId, after);
    this.inspections.get(after)?.contacts.push({ contactId, participantIds: [...event.data.participantIds], occurredMs: toMs(event.data.occurredAt) });
    return true;
  }

  // ------------------------------------------------------------ InspectionsDirectory

  inspectionRules(): InspectionRulesState {
    return this.rulesState;
  }
  inspection(id: string): InspectionFacts | undefined {
    const row = this.inspections.get(id);
    return row && { id: row.id, stage: row.stage, startsOn: row.startsOn, heldFrom: row.held?.heldFrom ?? null };
  }

  /** Rows are changed in place, so a copy copies every nested array and object, and the indexes. */
  copyForTimeTravel(): InspectionsProjection {
    const copy = new InspectionsProjection();
    copy.skipped = this.skipped;
    copy.rulesState = this.rulesState; // replaced, never changed in place
    for (const [k, v] of this.contactInspection) copy.contactInspection.set(k, v);
    const copies = new Map<InspectionRow, InspectionRow>();
    const recommendations = new Map<RecommendationRow, RecommendationRow>();
    for (const row of this.inspectionAt) {
      const c = copyRow(row);
      copies.set(row, c);
      row.recommendations.forEach((r, i) => recommendations.set(r, c.recommendations[i]!));
      copy.inspections.set(c.id, c);
      copy.inspectionAt.push(c);
    }
    for (const [year, ids] of this.byYear) copy.byYear.set(year, new Set(ids));
    for (const [unit, recs] of this.recommendationsByUnit) copy.recommendationsByUnit.set(unit, recs.map((r) => recommendations.get(r)!));
    for (const row of this.held) copy.held.push(copies.get(row)!);
    for (const [party, ids] of this.byParty) copy.byParty.set(party, new Set(ids));
    for (const [unit, ids] of this.byUnit) copy.byUnit.set(unit, new Set(ids));
    for (const [unit, version] of this.unitVersions) copy.unitVersions.set(unit, version);
    return copy;
  }
}

function copyRow(row: InspectionRow): InspectionRow {
  return {
    ...row,
    // Reschedules and the report's round are replaced, never changed in place: shared with the copy.
    cancelled: row.cancelled && { ...row.cancelled },
    invitations: row.invitations.map((i) => ({ ...i })),
    held: row.held && { ...row.held, placesVisited: [...row.held.placesVisited], unitIds: [...row.held.unitIds] },
    attendeeIds: [...row.attendeeIds],
    report: row.report && { ...row.report },
    recommendations: row.recommendations.map((r) => ({ ...r, followUps: r.followUps.map((f) => ({ ...f })) })),
    contacts: [...row.contacts],
  };
}
