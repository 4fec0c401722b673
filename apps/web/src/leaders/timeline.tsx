/** A party's timeline (newest first), opened from the network graph: what was discussed, when, how. */
import { gql } from '../api.js';
import { useT } from '../i18n.js';
import { Show, useLoad } from '../ui/common.js';
import { ContactBody, LISTED_CONTACT_FIELDS, type ListedContact } from '../ui/contact.js';

interface TimelineAnswer {
  timeline: { totalCount: number; edges: Array<{ node: ListedContact }> };
}

export function Timeline(props: { partyId: string; label: string; onClose: () => void }) {
  const t = useT();
  const timeline = useLoad(
    () =>
      gql<TimelineAnswer>(
        `query($partyId: ID!) { timeline(partyId: $partyId, first: 30) { totalCount edges { node { ${LISTED_CONTACT_FIELDS} } } } }`,
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
                <ContactBody contact={node} />
              </li>
            ))}
          </ol>
        )}
      </Show>
    </aside>
  );
}
