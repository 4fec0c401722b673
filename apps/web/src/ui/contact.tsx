/**
 * A contact as both views list it (the leaders' timeline drawer, the group's recent contacts):
 * when and how, the topic, who took part, what was said. One GraphQL selection and one rendering,
 * so the two lists cannot drift apart.
 */
import { useT } from '../i18n.js';
import { committeeTime } from './common.js';

/** The fields a listed contact needs; participants by name whatever kind of party they are. */
export const LISTED_CONTACT_FIELDS = `id occurredAt channel topic summary retracted corrections
  participants { ... on Member { id name } ... on Organization { id name } ... on Person { id name } }`;

export interface ListedContact {
  id: string;
  occurredAt: string;
  channel: string;
  topic: string;
  /** Null when the caller may not read what was said. */
  summary: string | null;
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
    </>
  );
}
