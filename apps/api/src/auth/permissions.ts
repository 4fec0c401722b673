/**
 * THE permission table: who may run each root field (Query, Mutation, Subscription) and each
 * nested field that has its own resolver. The global AccessGuard consults it for every such
 * field, so nesting through a permitted type into a forbidden field gains nothing.
 *
 * Guarantees:
 * - fail closed: a field that reaches the guard without an entry here is refused (FORBIDDEN), so
 *   a new resolver is unreachable until someone decides who may use it; `permissions.spec.ts`
 *   checks that every root field of schema.graphql has an entry and that every entry names a
 *   real field;
 * - a RECORDER's scope is checked here for fields that name a thing (a link, a contact, a party);
 *   lists a RECORDER may read are narrowed to its scope by the resolver (`narrows` says which),
 *   and a contact's `summary`, `issuesRaised` and `issues` are masked (null) by their resolvers;
 * - writes are checked a second time, per command and against current state, by
 *   `command-access.ts` inside the single write path (ExecuteHandler).
 *
 * To add fields (e.g. the audit slice): add one line per field under its type. Audit fields that
 * read the raw log, history, verification or export are AUDITOR only (`AUDIT`): the raw log holds
 * every summary and every token event. `asOf` arguments on dashboard fields need no entry of their
 * own: a dashboard as it stood earlier is readable by whoever may read the dashboard.
 */
import type { AccessRole, TokenScope } from '#domain';
import { contactInScope, linkInScope, partyInScope } from '#projections/access/access.queries';
import { NetworkReadModel } from '#projections/liaison/network/network.projection';

export const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;

/** What a scope check may look at: the field's arguments, its parent object, the read model. */
export interface ScopeRequest {
  args: Record<string, unknown>;
  parent: unknown;
  model: NetworkReadModel;
  scope: TokenScope;
}

export interface FieldRule {
  roles: readonly AccessRole[];
  /** For a RECORDER: may this call go ahead within its scope? Absent: the role alone decides. */
  recorderScope?: (request: ScopeRequest) => boolean;
  /** How the answer is narrowed or masked beyond yes/no (documentation; the resolver does it). */
  narrows?: string;
}

// Role sets, named for the work they describe.
const EVERYONE: readonly AccessRole[] = ['ADMIN', 'RECORDER', 'LEADER', 'AUDITOR'];
const ADMIN: readonly AccessRole[] = ['ADMIN'];
const RECORDER: readonly AccessRole[] = ['RECORDER'];
/** Dashboard figures: leaders read them, auditors check them. */
const FIGURES: readonly AccessRole[] = ['LEADER', 'AUDITOR'];
/** Contacts (who met whom): leaders, auditors, and a recorder within its scope. */
const CONTACTS: readonly AccessRole[] = ['LEADER', 'AUDITOR', 'RECORDER'];
/** Liaison links (the duties): administrators keep them; leaders, auditors and recorders read them. */
const LINKS: readonly AccessRole[] = ['ADMIN', 'LEADER', 'AUDITOR', 'RECORDER'];
/** The raw record (audit slice): auditors only. Exported for the fields the audit slice adds. */
export const AUDIT: readonly AccessRole[] = ['AUDITOR'];

const rule = (roles: readonly AccessRole[], recorderScope?: FieldRule['recorderScope'], narrows?: string): FieldRule => ({ roles, recorderScope, narrows });

// ---- scope checks: an id that names nothing passes, so the resolver answers null / NOT_FOUND as for anyone.
const linkArgInScope = (arg: string) => ({ args, model, scope }: ScopeRequest) => {
  const link = model.links.get(String(args[arg]));
  return !link || linkInScope(model, scope, link);
};
const contactArgInScope = ({ args, model, scope }: ScopeRequest) => {
  const contact = model.contacts.get(String(args.id));
  return !contact || contactInScope(model, scope, contact);
};
const partyArgInScope = ({ args, model, scope }: ScopeRequest) => partyInScope(model, scope, String(args.partyId));
const parentLinkInScope = ({ parent, model, scope }: ScopeRequest) => {
  const link = model.links.get(String((parent as { id?: unknown }).id));
  return !!link && linkInScope(model, scope, link);
};
/** A recorder subscribes to its own group's (or member's) contacts, never to everyone's. */
const subscribesWithinScope = ({ args, scope }: ScopeRequest) => {
  const id = args.liaisonGroupId;
  return typeof id === 'string' && (scope.liaisonGroupIds.includes(id) || id === scope.memberId);
};

const MASKED = 'summary, issuesRaised and issues are null unless LEADER, AUDITOR, or a RECORDER whose scope the contact is in';

export const PERMISSIONS: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  Query: {
    // Dashboards: every figure for leaders (and auditors, who check them).
    coverage: rule(FIGURES),
    coverageSeries: rule(FIGURES),
    reach: rule(FIGURES),
    territorialCoverage: rule(FIGURES),
    usageHistogram: rule(FIGURES),
    staleLinks: rule(FIGURES),
    network: rule(FIGURES),
    linkUsage: rule([...FIGURES, 'RECORDER'], linkArgInScope('linkId')),
    readModel: rule(['ADMIN', ...FIGURES]),
    // Links.
    links: rule(LINKS, undefined, 'a RECORDER sees only the links in its scope'),
    link: rule(LINKS, linkArgInScope('id')),
    // Contacts.
    contact: rule(CONTACTS, contactArgInScope, MASKED),
    timeline: rule(CONTACTS, partyArgInScope, MASKED),
    // The roster is the directory everyone works from (a recorder picks participants from it); it
    // holds no liaison records.
    members: rule(EVERYONE),
    member: rule(EVERYONE),
    organizations: rule(EVERYONE),
    organization: rule(EVERYONE),
    localities: rule(EVERYONE),
    liaisonGroups: rule(EVERYONE),
    plenarySessions: rule(EVERYONE),
    persons: rule(EVERYONE),
    party: rule(EVERYONE),
    // Tokens: administrators keep them; auditors see who held which access.
    tokens: rule(['ADMIN', ...AUDIT]),
    me: rule(EVERYONE),
    // The record itself (audit slice).
    history: rule(AUDIT),
    events: rule(AUDIT),
    verify: rule(AUDIT),
    replay: rule(AUDIT),
  },
  Mutation: {
    registerMember: rule(ADMIN),
    changeMemberProfile: rule(ADMIN),
    recordMemberLeft: rule(ADMIN),
    registerOrganization: rule(ADMIN),
    changeGroupLeader: rule(ADMIN),
    dissolveOrganization: rule(ADMIN),
    registerLocality: rule(ADMIN),
    registerPerson: rule(ADMIN),
    schedulePlenarySession: rule(ADMIN),
    assignLink: rule(ADMIN),
    reassignLink: rule(ADMIN),
    endLink: rule(ADMIN),
    issueToken: rule(ADMIN),
    revokeToken: rule(ADMIN),
    seal: rule(AUDIT),
    // Scope is checked per command, against current state, in ExecuteHandler (command-access.ts).
    logContact: rule(RECORDER, undefined, 'only contacts in the recorder\'s scope'),
    correctContact: rule(RECORDER, undefined, 'only contacts in the recorder\'s scope, and not out of it'),
    retractContact: rule(RECORDER, undefined, 'only contacts in the recorder\'s scope'),
  },
  Subscription: {
    contactLogged: rule(CONTACTS, subscribesWithinScope, `a RECORDER must pass one of its groups (or its member) as liaisonGroupId; ${MASKED}`),
    contactChanged: rule(CONTACTS, subscribesWithinScope, `a RECORDER must pass one of its groups (or its member) as liaisonGroupId; ${MASKED}`),
  },
  // ---- nested fields with their own resolver
  Contact: {
    participants: rule(CONTACTS),
    links: rule(CONTACTS),
    liaisonGroup: rule(CONTACTS),
    topic: rule(CONTACTS),
    summary: rule(CONTACTS, undefined, MASKED),
    issuesRaised: rule(CONTACTS, undefined, MASKED),
    issues: rule(CONTACTS, undefined, MASKED),
  },
  LiaisonLink: {
    source: rule(LINKS),
    target: rule(LINKS),
    // A link's usage is a dashboard figure: an administrator keeping links does not read it.
    usage: rule([...FIGURES, 'RECORDER'], parentLinkInScope),
  },
  Member: { sector: rule(EVERYONE), specialCommittee: rule(EVERYONE), liaisonGroup: rule(EVERYONE) },
  Organization: { locality: rule(EVERYONE), leader: rule(EVERYONE) },
  Locality: { liaisonGroup: rule(EVERYONE) },
  Person: { organization: rule(EVERYONE) },
  Period: { start: rule(EVERYONE), end: rule(EVERYONE) },
};

/** The rule for a field, or undefined (refused). Own properties only, so `constructor` is no rule. */
export function ruleFor(typeName: string, fieldName: string): FieldRule | undefined {
  const fields = Object.hasOwn(PERMISSIONS, typeName) ? PERMISSIONS[typeName] : undefined;
  return fields && Object.hasOwn(fields, fieldName) ? fields[fieldName] : undefined;
}

export const isRootType = (typeName: string): boolean => (ROOT_TYPES as readonly string[]).includes(typeName);
