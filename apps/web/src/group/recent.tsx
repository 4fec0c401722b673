/**
 * The group's recent contacts, newest first, retracted ones included (struck through). Correct
 * and retract each ask for a reason, which stays in the record with the change; nothing is
 * deleted or overwritten.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { useT } from '../i18n.js';
import { Card, ErrorNote, localMinute, Show, useLoad } from '../ui/common.js';
import { ContactBody, LISTED_CONTACT_FIELDS, type ListedContact } from '../ui/contact.js';
import { WhenAndHow } from './form.js';

interface RecentPage {
  timeline: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ListedContact }> };
}

const RECENT_PAGE = 10;
const RECENT_QUERY = `query($partyId: ID!, $atLeastPosition: Float, $after: String) {
  timeline(partyId: $partyId, first: ${RECENT_PAGE}, after: $after, includeRetracted: true, atLeastPosition: $atLeastPosition) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${LISTED_CONTACT_FIELDS} } }
  }
}`;

/**
 * The API lists contacts per party (a group's, a member's): `partyId` names whose. A page that lets
 * the reader choose passes its `chooser`, shown above the list, and null until something is chosen.
 */
export function RecentContacts(props: {
  partyId: string | null;
  refresh: { position: number | null; count: number };
  onWritten: (position: number) => void;
  title?: string;
  chooser?: ComponentChildren;
}) {
  const t = useT();
  const recent = useLoad(
    async () => (props.partyId ? gql<RecentPage>(RECENT_QUERY, { partyId: props.partyId, atLeastPosition: props.refresh.position }) : null),
    [props.partyId, props.refresh.count],
  );
  // Older pages, fetched on request after the first; a refresh starts again from the newest.
  const [older, setOlder] = useState<{ nodes: ListedContact[]; next: string | null; loading: boolean; error?: unknown }>({ nodes: [], next: null, loading: false });
  useEffect(() => setOlder({ nodes: [], next: null, loading: false }), [recent.data]);
  const showMore = async (cursor: string) => {
    setOlder((o) => ({ ...o, loading: true, error: undefined }));
    try {
      const page = await gql<RecentPage>(RECENT_QUERY, { partyId: props.partyId, atLeastPosition: props.refresh.position, after: cursor });
      setOlder((o) => ({ nodes: [...o.nodes, ...page.timeline.edges.map((e) => e.node)], next: page.timeline.pageInfo.hasNextPage ? page.timeline.pageInfo.endCursor : null, loading: false }));
    } catch (error) {
      setOlder((o) => ({ ...o, loading: false, error }));
    }
  };
  const [editing, setEditing] = useState<{ id: string; mode: 'correct' | 'retract' } | null>(null);

  return (
    <Card title={props.title ?? t('recentContacts')} wide testId="recent-card">
      {props.chooser}
      <Show value={recent} empty={(d) => (d === null ? t('chooseWhoseContacts') : d.timeline.totalCount === 0 ? t('noContacts') : null)}>
        {(data) => data && (
          <>
            <ol class="contacts" data-testid="recent">
              {[...data.timeline.edges.map((e) => e.node), ...older.nodes].map((node) => (
                <li key={node.id} class={node.retracted ? 'retracted' : undefined} data-contact={node.id}>
                  <ContactBody contact={node} />
                  {!node.retracted && editing?.id !== node.id && (
                    <div class="actions">
                      <button type="button" class="secondary" onClick={() => setEditing({ id: node.id, mode: 'correct' })}>
                        {t('correct')}
                      </button>
                      <button type="button" class="secondary danger" onClick={() => setEditing({ id: node.id, mode: 'retract' })}>
                        {t('retract')}
                      </button>
                    </div>
                  )}
                  {editing?.id === node.id && (
                    <ChangeForm
                      contact={node}
                      mode={editing.mode}
                      onDone={(position) => {
                        setEditing(null);
                        props.onWritten(position);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  )}
                </li>
              ))}
            </ol>
            {older.error !== undefined && <ErrorNote error={older.error} />}
            {(() => {
              const next = older.nodes.length > 0 ? older.next : data.timeline.pageInfo.hasNextPage ? data.timeline.pageInfo.endCursor : null;
              const left = data.timeline.totalCount - data.timeline.edges.length - older.nodes.length;
              return next && left > 0 ? (
                <button type="button" class="secondary" data-testid="more" disabled={older.loading} onClick={() => showMore(next)}>
                  {older.loading ? t('loading') : t('showMore', { n: left })}
                </button>
              ) : null;
            })()}
          </>
        )}
      </Show>
    </Card>
  );
}

function ChangeForm(props: { contact: ListedContact; mode: 'correct' | 'retract'; onDone: (position: number) => void; onCancel: () => void }) {
  const t = useT();
  const { contact } = props;
  const [topic, setTopic] = useState(contact.topic);
  const [summary, setSummary] = useState(contact.summary ?? '');
  const [channel, setChannel] = useState(contact.channel);
  const [occurredAt, setOccurredAt] = useState(localMinute(new Date(contact.occurredAt)));
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ saving: boolean; error?: unknown }>({ saving: false });

  const submit = async (event: Event) => {
    event.preventDefault();
    setState({ saving: true });
    try {
      let position: number;
      if (props.mode === 'retract') {
        const data = await gql<{ retractContact: { position: number } }>(`mutation($input: RetractContactInput!) { retractContact(input: $input) { position } }`, {
          input: { contactId: contact.id, reason: reason.trim() },
        });
        position = data.retractContact.position;
      } else {
        // Only what changed is sent: a correction records exactly what was corrected.
        const input: Record<string, unknown> = { contactId: contact.id, reason: reason.trim() };
        if (topic.trim() !== contact.topic) input.topic = topic.trim();
        if (summary.trim() !== (contact.summary ?? '')) input.summary = summary.trim();
        if (channel !== contact.channel) input.channel = channel;
        if (occurredAt !== localMinute(new Date(contact.occurredAt))) input.occurredAt = new Date(occurredAt).toISOString();
        const data = await gql<{ correctContact: { position: number } }>(`mutation($input: CorrectContactInput!) { correctContact(input: $input) { position } }`, { input });
        position = data.correctContact.position;
      }
      props.onDone(position);
    } catch (error) {
      setState({ saving: false, error });
    }
  };

  return (
    <form class="change-form" onSubmit={submit} data-testid={`${props.mode}-form`}>
      {props.mode === 'correct' && (
        <>
          <label>
            {t('topic')}
            <input name="topic" required value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
          </label>
          <WhenAndHow occurredAt={occurredAt} onOccurredAt={setOccurredAt} channel={channel} onChannel={setChannel} invalidTime={(state.error as { field?: string } | undefined)?.field === 'occurredAt'} />
          <label>
            {t('summary')}
            <textarea name="summary" rows={2} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
          </label>
        </>
      )}
      <label>
        {t('reason')}
        <input name="reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {state.error !== undefined && <ErrorNote error={state.error} />}
      <div class="actions">
        <button type="submit" disabled={state.saving} class={props.mode === 'retract' ? 'danger' : undefined}>
          {state.saving ? t('saving') : props.mode === 'retract' ? t('confirmRetract') : t('saveCorrection')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
