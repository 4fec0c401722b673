/** The liaison wing's fragment of the permission table: dashboards, links, contacts, their subscriptions. */
import type { AccessRole } from '#domain';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { linkInScope, partyInScope, reachOf } from '#projections/liaison/scope.queries';
import { ADMIN, EVERYONE, FIGURES, GrantRequest, PermissionFragment, rule } from '../auth/permissions.js';

/** Contacts (who met whom): leaders, auditors, and a recorder within its grants. */
const CONTACTS: readonly AccessRole[] = ['LEADER', 'AUDITOR', 'RECORDER'];
/** Liaison links (the duties): administrators keep them; leaders, auditors and recorders read them. */
const LINKS: readonly AccessRole[] = ['ADMIN', 'LEADER', 'AUDITOR', 'RECORDER'];
/** Who records contacts: recorders within their grants, and leaders their supervision of proposals (the write path checks which). */
const CONTACT_WRITERS: readonly AccessRole[] = ['RECORDER', 'LEADER'];

// ---- grant checks: an id that names nothing passes, so the resolver answers null / NOT_FOUND as for anyone.
const view = (request: GrantRequest) => LiaisonView.of(request.projections);
const linkArgInScope = (arg: string) => (request: GrantRequest) => {
  const link = view(request).links.get(String(request.args[arg]));
  return !link || linkInScope(view(request), request.grants, link);
};
const partyArgInScope = (request: GrantRequest) => partyInScope(view(request), request.grants, String(request.args.partyId));
const parentLinkInScope = (request: GrantRequest) => {
  const link = view(request).links.get(String((request.parent as { id?: unknown }).id));
  return !!link && linkInScope(view(request), request.grants, link);
};
/** A recorder subscribes to its own group's (or member's) contacts, never to everyone's; the office to any. */
const subscribesWithinScope = ({ args, grants }: GrantRequest) => {
  const id = args.liaisonGroupId;
  const reach = reachOf(grants);
  return reach.office || (typeof id === 'string' && (reach.groups.includes(id) || id === reach.memberId));
};

const MASKED = 'summary, issuesRaised and issues are null unless LEADER, AUDITOR, or a RECORDER whose grants cover the contact';
const NAMED = 'a RECORDER gets FORBIDDEN for an id outside its grants, and the same for an id not on record';
const NESTED = 'a RECORDER sees only the links its grants cover (never wider than link(id:))';
const SUBSCRIBES = `a RECORDER must pass one of its groups (or its member) as liaisonGroupId, unless it holds COMMITTEE_OFFICE; ${MASKED}`;

export const LIAISON_PERMISSIONS: PermissionFragment = {
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
    links: rule(LINKS, undefined, 'a RECORDER sees only the links its grants cover'),
    // By id: a RECORDER is refused alike for an id outside its grants and one not on record; the
    // resolver checks after the read (visibility.ts namedRow), so an error code tells no existence.
    link: rule(LINKS, undefined, NAMED),
    contact: rule(CONTACTS, undefined, `${NAMED}; ${MASKED}`),
    timeline: rule(CONTACTS, partyArgInScope, `${MASKED}; a RECORDER sees only the contacts its grants cover`),
  },
  Mutation: {
    assignLink: rule(ADMIN),
    reassignLink: rule(ADMIN),
    endLink: rule(ADMIN),
    // Grants are checked per command, against current state, in the write path (liaison/commandAccess.ts).
    logContact: rule(CONTACT_WRITERS, undefined, 'only contacts the recorder\'s grants cover; a LEADER only contacts that serve proposals'),
    correctContact: rule(CONTACT_WRITERS, undefined, 'only contacts the recorder\'s grants cover, and not out of them; a LEADER only contacts that serve proposals'),
    retractContact: rule(CONTACT_WRITERS, undefined, 'only contacts the recorder\'s grants cover; a LEADER only contacts that serve proposals'),
  },
  Subscription: {
    contactLogged: rule(CONTACTS, subscribesWithinScope, SUBSCRIBES),
    contactChanged: rule(CONTACTS, subscribesWithinScope, SUBSCRIBES),
  },
  Contact: {
    participants: rule(CONTACTS),
    links: rule(CONTACTS, undefined, NESTED),
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
    // So is its contact count (finding 9 of issue 15: ADMIN read it through links).
    contacts: rule([...FIGURES, 'RECORDER'], parentLinkInScope),
  },
  Period: { start: rule(EVERYONE), end: rule(EVERYONE) },
};
