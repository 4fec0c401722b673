/**
 * The permission table against the committed schema: every root field has an entry (the guard
 * refuses a field without one, so a missing entry is a field nobody can use), and every entry
 * names a field that exists (a stale entry is a decision about nothing).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { DOMAIN } from '#domain';
import { API_SYSTEMS, permissionsOf } from '../systems.js';
import { ADMIN, PermissionTable, ROOT_TYPES, rule } from './permissions.js';

const table = permissionsOf(API_SYSTEMS);
const ruleFor = (type: string, field: string) => table.ruleFor(type, field);

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));

describe('the permission table', () => {
  it.each(ROOT_TYPES)('has an entry for every %s field in schema.graphql', (root) => {
    const fields = Object.keys(schema.getType(root) && isObjectType(schema.getType(root)) ? (schema.getType(root) as any).getFields() : {});
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((field) => !ruleFor(root, field))).toEqual([]);
  });

  it('names only types and fields that exist in schema.graphql', () => {
    const stale = table
      .entries()
      .filter(([type, field]) => {
        const t = schema.getType(type);
        return !t || !isObjectType(t) || !(field in t.getFields());
      })
      .map(([type, field]) => `${type}.${field}`);
    expect(stale).toEqual([]);
  });

  it('fails closed: an unknown field, or a prototype property, has no rule', () => {
    expect(ruleFor('Query', 'somethingNew')).toBeUndefined();
    expect(ruleFor('Query', 'constructor')).toBeUndefined();
    expect(ruleFor('Query', '__proto__')).toBeUndefined();
    expect(ruleFor('NoSuchType', 'id')).toBeUndefined();
  });

  it('refuses two systems that give the same field an entry', () => {
    expect(() => new PermissionTable([{ Query: { me: rule(ADMIN) } }, { Query: { me: rule(ADMIN) } }])).toThrow('two systems give Query.me a permission entry');
  });

  // A seal (audit slice) writes a hash over what is already recorded and states no fact about the
  // network; it is the one mutation an AUDITOR may run. Every other mutation changes the record.
  const SEALS = ['seal', 'sealComplianceBoard'];
  const changes = table.fieldsOf('Mutation').filter(([field]) => !SEALS.includes(field));

  // The role policy, stated field by field and command by command: a change to who may write is
  // a change to this table, made on purpose.
  const WRITERS: Record<string, string> = {
    registerMember: 'ADMIN',
    changeMemberProfile: 'ADMIN',
    recordMemberLeft: 'ADMIN',
    registerOrganization: 'ADMIN',
    changeGroupLeader: 'ADMIN',
    dissolveOrganization: 'ADMIN',
    registerLocality: 'ADMIN',
    registerPerson: 'ADMIN',
    openTerm: 'ADMIN',
    schedulePlenarySession: 'ADMIN',
    assignLink: 'ADMIN',
    reassignLink: 'ADMIN',
    endLink: 'ADMIN',
    issueToken: 'ADMIN',
    revokeToken: 'ADMIN',
    logContact: 'RECORDER,LEADER',
    correctContact: 'RECORDER,LEADER',
    retractContact: 'RECORDER,LEADER',
    // Proposals: the holder's grants (office, unit, member) decide which, in the write path.
    submitProposal: 'RECORDER',
    inviteCoSigner: 'RECORDER',
    coSignProposal: 'RECORDER',
    withdrawProposal: 'RECORDER',
    returnProposalForRevision: 'RECORDER',
    resubmitProposal: 'RECORDER',
    fileProposal: 'RECORDER',
    declineToFileProposal: 'RECORDER',
    mergeProposal: 'RECORDER',
    assignProposal: 'RECORDER',
    returnAssignment: 'RECORDER',
    extendDeadline: 'RECORDER',
    markKeyProposal: 'RECORDER',
    replyToProposal: 'RECORDER',
    sendBackReply: 'RECORDER',
    releaseReply: 'RECORDER',
    rateReply: 'RECORDER',
    requestRehandling: 'RECORDER',
    reopenProposal: 'RECORDER',
    closeProposal: 'RECORDER',
    reportPromiseDelivered: 'RECORDER',
    setProposalRules: 'ADMIN,RECORDER',
    defineNotFiledReason: 'ADMIN,RECORDER',
    markNonWorkingDays: 'ADMIN,RECORDER',
    // Public-opinion reports: the liaison wing's COMMITTEE_OFFICE and MEMBER (its own) and a HANDLING_UNIT (what was forwarded to it), in the write path.
    submitOpinionReport: 'RECORDER',
    withdrawOpinionReport: 'RECORDER',
    editOpinionReport: 'RECORDER',
    adoptOpinionReport: 'RECORDER',
    declineOpinionReport: 'RECORDER',
    combineOpinionReports: 'RECORDER',
    issueOpinionReport: 'RECORDER',
    forwardOpinionReport: 'RECORDER',
    recordRecipientAdoption: 'RECORDER',
    recordLeaderInstruction: 'RECORDER',
    recordOpinionFeedback: 'RECORDER',
    recordOpinionMediaPickup: 'RECORDER',
    defineOpinionRecipient: 'ADMIN,RECORDER',
    defineOpinionNotAdoptedReason: 'ADMIN,RECORDER',
    setOpinionIssueFormat: 'ADMIN,RECORDER',
    setOpinionCreditRules: 'ADMIN,RECORDER',
    // Inspections: the liaison wing's COMMITTEE_OFFICE, a MEMBER (its own answer) and a HANDLING_UNIT (its own follow-ups), in the write path.
    planInspection: 'RECORDER',
    rescheduleInspection: 'RECORDER',
    cancelInspection: 'RECORDER',
    inviteToInspection: 'RECORDER',
    answerInspectionInvitation: 'RECORDER',
    holdInspection: 'RECORDER',
    recordInspectionAttendance: 'RECORDER',
    reportInspection: 'RECORDER',
    followUpRecommendation: 'RECORDER',
    setInspectionRules: 'ADMIN,RECORDER',
    setKeyTopic: 'RECORDER',
    reviseKeyTopic: 'RECORDER',
    withdrawKeyTopic: 'RECORDER',
    tagWorkToTopic: 'RECORDER',
    untagWorkFromTopic: 'RECORDER',
    recordPartyCommitteeReport: 'RECORDER',
    correctPartyCommitteeReport: 'RECORDER',
    recordPartyCommitteeStudy: 'RECORDER',
    correctPartyCommitteeStudy: 'RECORDER',
    setComplianceThreshold: 'ADMIN,RECORDER',
    recordMeeting: 'RECORDER',
    recordMeetingAttendance: 'RECORDER',
    correctMeetingAttendance: 'RECORDER',
    setDutyPointsRules: 'ADMIN,RECORDER',
  };
  const commandOf = (field: string) => field[0]!.toUpperCase() + field.slice(1);

  it('lets no role but ADMIN change the roster, links or tokens, none but RECORDER change contacts and proposals, and ADMIN or RECORDER the proposals office\'s rules', () => {
    expect(Object.fromEntries(changes.map(([field, rule]) => [field, rule.roles.join(',')]))).toEqual(WRITERS);
    // The write path agrees, command by command.
    const sealCommands = SEALS.map(commandOf).filter((type) => DOMAIN.commandTypes().includes(type));
    for (const type of sealCommands) expect([type, DOMAIN.roles(type)]).toEqual([type, ['AUDITOR']]);
    expect(Object.fromEntries(DOMAIN.commandTypes().filter((type) => !sealCommands.includes(type)).map((type) => [type, DOMAIN.roles(type).join(',')]))).toEqual(
      Object.fromEntries(Object.entries(WRITERS).map(([field, role]) => [commandOf(field), role])),
    );
  });

  it('lets AUDITOR change nothing (it may only seal) and read every query a LEADER reads', () => {
    expect(changes.filter(([, rule]) => rule.roles.includes('AUDITOR'))).toEqual([]);
    for (const field of SEALS) expect(ruleFor('Mutation', field)?.roles).toEqual(['AUDITOR']);
    const leaderOnly = table.fieldsOf('Query').filter(([, rule]) => rule.roles.includes('LEADER') && !rule.roles.includes('AUDITOR'));
    expect(leaderOnly).toEqual([]);
  });
});
