/**
 * A contact as both views list it (the leaders' timeline drawer, the group's recent contacts):
 * when and how, the topic, who took part, what was said. One GraphQL selection and one rendering,
 * so the two lists cannot drift apart.
 */
import { useT } from '../i18n.js';
import { committeeTime } from './common.js';
import { trailAddress } from '../trail/index.js';

/** The fields a listed contact needs; participants by name whatever kind of party they are. */
export const LISTED_CONTACT_FIELDS = `id occurredAt channel topic summary retracted corrections issues { issueId text }
  participants { ... on Member { id name } ... on Organization { id name } ... on Person { id name } }`;

export interface ListedContact {
  id: string;
  occurredAt: string;
  channel: string;
  topic: string;
  /** Null when the caller may not read what was said. */
  summary: string | null;
  /** The issues raised, each opening its trail (反映 → 答复); null when the caller may not read what was said. */
  issues: Array<{ issueId: string; text: string }> | null;
  retracted: boolean;
  corrections: number;
  participants: Array<{ id?: string; name?: string }>;
}

export function ContactBody({ contact }: { contact: ListedContact }) {
  const t = useT();
  return (
    <>
      <div class="meta">
        {committeeTime(contact.occurredAt)} · {t.of('ch', contact.channel)}
        {contact.corrections > 0 && ` · ${t('corrected', { n: contact.corrections })}`}
        {contact.retracted && ` · ${t('retracted')}`}
      </div>
      <b>{contact.topic}</b>
      <div class="who-met">{contact.participants.map((p) => p.name ?? p.id).join('、')}</div>
      {contact.summary && <p>{contact.summary}</p>}
      {contact.issues && contact.issues.length > 0 && (
        <ul class="chips" data-testid="raised-issues">
          {contact.issues.map((issue) => (
            <li key={issue.issueId}>
              <a href={trailAddress(issue.issueId)} data-testid={`trail-link-${issue.issueId}`} title={t('trailOfIssue')}>
                {issue.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
