/**
 * The topics wing's fragment of the permission table. The topics themselves (title, lead body,
 * period, history, how much is on the list) are the committee's public agenda: every role reads
 * them. A topic's page lists work from every liaison group and handling unit, so it is read by
 * leaders, auditors and the committee office only — the nested `page` has its own entry, so no
 * root field opens it wider. Writes are the committee office's (projections topics/commandAccess.ts).
 */
import { EVERYONE, FIGURES, PermissionFragment, RECORDER, rule, holdsCommitteeOffice } from '../auth/permissions.js';

const OFFICE_WRITES = 'the committee office (COMMITTEE_OFFICE), checked by the write path';

export const TOPICS_PERMISSIONS: PermissionFragment = {
  Query: {
    keyTopics: rule(EVERYONE),
    keyTopic: rule(EVERYONE),
  },
  Mutation: {
    setKeyTopic: rule(RECORDER, undefined, OFFICE_WRITES),
    reviseKeyTopic: rule(RECORDER, undefined, OFFICE_WRITES),
    withdrawKeyTopic: rule(RECORDER, undefined, OFFICE_WRITES),
    tagWorkToTopic: rule(RECORDER, undefined, OFFICE_WRITES),
    untagWorkFromTopic: rule(RECORDER, undefined, OFFICE_WRITES),
  },
  KeyTopic: {
    page: rule([...FIGURES, 'RECORDER'], holdsCommitteeOffice, 'a RECORDER reads a topic\'s page only with COMMITTEE_OFFICE'),
  },
};
