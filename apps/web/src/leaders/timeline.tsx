/** A party's timeline (newest first), opened from the network graph: what was discussed, when, how. */
import { gql } from '../api.js';
import { useT } from '../i18n.js';
import { committeeTime, Show, useLoad } from '../ui/common.js';

interface TimelineAnswer {
  timeline: {
    totalCount: number;
    edges: Array<{ node: { id: string; occurredAt: string; channel: string; topic: string; summary: string | null; retracted: boolean; participants: Array<{ __typename: string; id: string; name?: string }> } }>;
  };
}

export function Timeline(props: { partyId: string; label: string; onClose: () => void }) {
  const t = useT();
  const timeline = useLoad(
    () =>
      gql<TimelineAnswer>(
        `query($partyId: ID!) { timeline(partyId: $partyId, first: 30) { totalCount edges { node {
          id occurredAt channel topic summary retracted
          participants { __typename ... on Member { id name } ... on Organization { id name } ... on Person { id name } }
        } } } }`,
        { partyId: props.partyId },
      ),
    [props.partyId],
  );
  return (
    <aside class="drawer" role="complementary" aria-label={`${t('timelineOf')}${props.label}`} data-testid="timeline">
      <header class="card-head">
        <h3>
          {t('timelineOf')}
          {props.label}
          {timeline.data ? ` (${timeline.data.timeline.totalCount})` : ''}
        </h3>
        <button type="button" class="link" onClick={props.onClose}>
          {t('close')}
        </button>
      </header>
      <Show value={timeline} empty={(d) => (d.timeline.totalCount === 0 ? t('noContacts') : null)}>
        {(data) => (
          <ol class="contacts">
            {data.timeline.edges.map(({ node }) => (
              <li key={node.id}>
                <div class="meta">
                  {committeeTime(node.occurredAt)} · {t.of('ch', node.channel)}
                </div>
                <b>{node.topic}</b>
                <div class="who-met">{node.participants.map((p) => p.name ?? p.id).join('、')}</div>
                {node.summary && <p>{node.summary}</p>}
              </li>
            ))}
          </ol>
        )}
      </Show>
    </aside>
  );
}
