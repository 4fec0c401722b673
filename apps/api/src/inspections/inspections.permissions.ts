/**
 * The inspections wing's fragment of the permission table. Reads: leaders and auditors everything;
 * a RECORDER within its grants (the committee office everything, a member the inspections it was
 * invited to, a handling unit the recommendations addressed to it), narrowed by the resolvers.
 * Writes: every inspection command is a RECORDER's, checked per command and against current state
 * by the write path's policy (projections inspections/commandAccess.ts); the office's rules are
 * also an administrator's.
 */
import type { AccessRole } from '#domain';
import { InspectionsProjection } from '#projections/inspections/inspections.projection';
import { inspectionVisible, inspectionsReach, readsEveryInspection } from '#projections/inspections/scope.queries';
import { ADMIN, EVERYONE, FIGURES, GrantRequest, PermissionFragment, RECORDER, rule } from '../auth/permissions.js';

const READERS: readonly AccessRole[] = [...FIGURES, 'RECORDER'];
const reachOf = (request: GrantRequest) => inspectionsReach({ role: 'RECORDER', grants: request.grants });
/** Office-wide figures: a RECORDER only with COMMITTEE_OFFICE. */
const officeWide = (request: GrantRequest) => readsEveryInspection(reachOf(request));
/** A unit's standing: the office, or a unit token (the resolver narrows it to its own unit). */
const officeOrUnit = (request: GrantRequest) => officeWide(request) || reachOf(request).unitId !== null;
/** Attendance: the office, or a member token (the resolver narrows it to its own). */
const officeOrMember = (request: GrantRequest) => officeWide(request) || reachOf(request).memberId !== null;
/** One inspection by id: one the grants cover; an id that names nothing passes (null, as for anyone). */
const inspectionArgVisible = (request: GrantRequest) => {
  const row = request.projections.get<InspectionsProjection>(InspectionsProjection.NAME).inspections.get(String(request.args.id));
  return !row || inspectionVisible(reachOf(request), row);
};
const COVERED = 'a RECORDER sees the inspections its grants cover: all for COMMITTEE_OFFICE, those it was invited to or attended for MEMBER, those whose recommendations address its unit (only those recommendations) for HANDLING_UNIT';
const PER_COMMAND = 'checked per command against the token\'s grants by the write path';

export const INSPECTIONS_PERMISSIONS: PermissionFragment = {
  Query: {
    inspections: rule(READERS, undefined, COVERED),
    inspection: rule(READERS, inspectionArgVisible, COVERED),
    inspectionCounts: rule(READERS, officeWide),
    inspectionAttendance: rule(READERS, officeOrMember, 'a MEMBER token reads its own'),
    overdueInspectionReports: rule(READERS, officeWide),
    overdueRecommendations: rule(READERS, officeOrUnit, 'a HANDLING_UNIT token reads its own unit'),
    recommendationStandings: rule(READERS, officeOrUnit, 'a HANDLING_UNIT token reads its own unit'),
    inspectionRules: rule(EVERYONE),
  },
  Mutation: {
    planInspection: rule(RECORDER, undefined, PER_COMMAND),
    rescheduleInspection: rule(RECORDER, undefined, PER_COMMAND),
    cancelInspection: rule(RECORDER, undefined, PER_COMMAND),
    inviteToInspection: rule(RECORDER, undefined, PER_COMMAND),
    answerInspectionInvitation: rule(RECORDER, undefined, PER_COMMAND),
    holdInspection: rule(RECORDER, undefined, PER_COMMAND),
    recordInspectionAttendance: rule(RECORDER, undefined, PER_COMMAND),
    reportInspection: rule(RECORDER, undefined, PER_COMMAND),
    followUpRecommendation: rule(RECORDER, undefined, PER_COMMAND),
    setInspectionRules: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
  },
  Inspection: {
    timeline: rule(READERS),
  },
};
