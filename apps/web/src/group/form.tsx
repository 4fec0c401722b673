/**
 * The contact form. Choosing a link adds both of its ends as participants, so the common case is
 * three taps and a topic. The contact id is drawn when the form opens and kept until the API
 * accepts it: a clerk who presses "submit" again after a dropped connection records the contact
 * once (logContact is idempotent by id). What the clerk typed survives any refusal.
 */
import { useState } from 'preact/hooks';
import { gql } from '../api.js';
import { useT } from '../i18n.js';
import { ErrorNote, localMinute } from '../ui/common.js';
import { unmetFirst, type GroupLink } from './links.js';

export interface PartyOption {
  id: string;
  name: string;
}

const LINKS_SHOWN = 6;

export const CHANNELS = ['VISIT', 'MEETING', 'PHONE', 'ONLINE', 'LETTER', 'EVENT'] as const;

/** An id the API accepts (letters, digits, '-'), from the browser's random source; works on plain http too. */
export function newContactId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c-${Date.now().toString(36)}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}


/** What the form just logged, for a page that wants to show it. */
export interface LoggedContact {
  liaisonGroupId: string | null;
  participantIds: string[];
  linkIds: string[];
}

/**
 * `liaisonGroupId` is the group the clerk logs for, which takes part by default. The committee
 * office's clerk passes `groups` instead: the form then asks which group, if any, logs the
 * contact (none: the office logs it for the committee), and nobody takes part by default.
 */
export function ContactForm(props: {
  links: GroupLink[];
  options: PartyOption[];
  liaisonGroupId: string | null;
  groups?: PartyOption[];
  onWritten: (position: number, logged: LoggedContact) => void;
}) {
  const t = useT();
  const [contactId, setContactId] = useState(newContactId);
  const [loggingGroupId, setLoggingGroupId] = useState(props.liaisonGroupId);
  const [linkIds, setLinkIds] = useState<string[]>([]);
  const [participants, setParticipants] = useState<string[]>(props.liaisonGroupId ? [props.liaisonGroupId] : []);
  const [occurredAt, setOccurredAt] = useState(localMinute);
  const [channel, setChannel] = useState<string>('VISIT');
  const [topic, setTopic] = useState('');
  const [summary, setSummary] = useState('');
  const [issues, setIssues] = useState('');
  /** `notCounted`: the links the contact just logged counts for none of (dated outside their active window …): accepted, with a warning. */
  const [state, setState] = useState<{ saving: boolean; error?: unknown; done?: 'logged' | 'again'; notCounted?: NotCounted[] }>({ saving: false });
  const [linkFilter, setLinkFilter] = useState('');
  const names = new Map(props.options.map((o) => [o.id, o.name]));

  // A group may hold dozens of links: show the chosen ones, then those matching the name typed,
  // else those not yet met this quarter, a handful at a time.
  const needle = linkFilter.trim().toLowerCase();
  const matches = props.links.filter((l) => !linkIds.includes(l.id) && (needle ? `${l.sourceName} ${l.targetName}`.toLowerCase().includes(needle) : true));
  const listed = needle ? matches : unmetFirst(matches);
  const shownLinks = [...props.links.filter((l) => linkIds.includes(l.id)), ...listed.slice(0, LINKS_SHOWN)];
  const hiddenLinks = listed.length - Math.min(listed.length, LINKS_SHOWN);

  const toggleLink = (link: GroupLink, on: boolean) => {
    setLinkIds((ids) => (on ? [...ids, link.id] : ids.filter((id) => id !== link.id)));
    if (on) setParticipants((ps) => [...ps, ...[link.sourceId, link.targetId].filter((id) => !ps.includes(id))]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setState({ saving: true });
    try {
      const input = {
        contactId,
        participantIds: participants,
        linkIds,
        liaisonGroupId: loggingGroupId,
        // The browser's local reading of the picker, sent as an instant: no guessing of time zones on the server.
        occurredAt: new Date(occurredAt).toISOString(),
        channel,
        topic: topic.trim(),
        summary: summary.trim() || null,
        issuesRaised: issues.split('\n').map((s) => s.trim()).filter(Boolean),
      };
      const { logContact } = await gql<{ logContact: { position: number; written: number; links: Array<{ linkId: string; counts: boolean; code: string | null }> } }>(
        `mutation($input: LogContactInput!) { logContact(input: $input) { position written links { linkId counts code } } }`,
        { input },
      );
      const linkName = new Map(props.links.map((l) => [l.id, `${l.sourceName} → ${l.targetName}`]));
      const notCounted = logContact.links.filter((l) => !l.counts).map((l) => ({ link: linkName.get(l.linkId) ?? l.linkId, code: l.code ?? '' }));
      setState({ saving: false, done: logContact.written > 0 ? 'logged' : 'again', notCounted });
      setContactId(newContactId());
      setLinkIds([]);
      setParticipants(props.liaisonGroupId ? [props.liaisonGroupId] : []);
      setTopic('');
      setSummary('');
      setIssues('');
      props.onWritten(logContact.position, { liaisonGroupId: loggingGroupId, participantIds: participants, linkIds });
    } catch (error) {
      setState({ saving: false, error });
    }
  };

  const field = (state.error as { field?: string } | undefined)?.field;
  const invalidIf = (name: string) => (field === name ? { 'aria-invalid': true } : {});

  return (
    <form class="contact-form" onSubmit={submit} data-testid="contact-form" data-contact-id={contactId}>
      {props.groups && (
        <label {...invalidIf('liaisonGroupId')}>
          {t('loggedFor')}
          <select name="loggingGroup" value={loggingGroupId ?? ''} onChange={(e) => setLoggingGroupId(e.currentTarget.value || null)}>
            <option value="">{t('loggedForOffice')}</option>
            {props.groups.map((g) => (
              <option value={g.id}>{g.name}</option>
            ))}
          </select>
        </label>
      )}
      {props.links.length > 0 && (
        <fieldset {...invalidIf('linkIds')}>
          <legend>{t('forLinks')}</legend>
          <p class="help">{t('forLinksHelp')}</p>
          {props.links.length > LINKS_SHOWN && (
            <input type="search" name="linkFilter" placeholder={t('findLink')} aria-label={t('findLink')} value={linkFilter} onInput={(e) => setLinkFilter(e.currentTarget.value)} />
          )}
          {shownLinks.map((link) => (
            <label class="check" key={link.id}>
              <input type="checkbox" name="link" value={link.id} checked={linkIds.includes(link.id)} onChange={(e) => toggleLink(link, e.currentTarget.checked)} />
              {link.sourceName} → {link.targetName}
            </label>
          ))}
          {hiddenLinks > 0 && <p class="help">{t('moreRows', { n: hiddenLinks })}</p>}
        </fieldset>
      )}
      <fieldset {...invalidIf('participantIds')}>
        <legend>{t('participants')}</legend>
        <ul class="chips" data-testid="participants">
          {participants.map((id) => (
            <li key={id}>
              {names.get(id) ?? id}
              <button type="button" class="link" aria-label={`${t('remove')} ${names.get(id) ?? id}`} onClick={() => setParticipants((ps) => ps.filter((p) => p !== id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <select
          name="addParticipant"
          aria-label={t('addParticipant')}
          value=""
          onChange={(e) => {
            const id = e.currentTarget.value;
            if (id && !participants.includes(id)) setParticipants([...participants, id]);
          }}
        >
          <option value="">+ {t('addParticipant')}</option>
          {props.options
            .filter((o) => !participants.includes(o.id))
            .map((o) => (
              <option value={o.id}>{o.name}</option>
            ))}
        </select>
      </fieldset>
      <WhenAndHow occurredAt={occurredAt} onOccurredAt={setOccurredAt} channel={channel} onChannel={setChannel} invalidTime={field === 'occurredAt'} />
      <label {...invalidIf('topic')}>
        {t('topic')}
        <input name="topic" required maxLength={200} value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
      </label>
      <label>
        {t('summary')}
        <textarea name="summary" rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      </label>
      <label>
        {t('issuesRaised')}
        <textarea name="issues" rows={2} value={issues} onInput={(e) => setIssues(e.currentTarget.value)} />
      </label>
      {state.error !== undefined && <ErrorNote error={state.error} />}
      {state.done && (
        <p class="note ok" role="status" data-testid="logged">
          {state.done === 'logged' ? t('logged') : t('alreadyLogged')}
        </p>
      )}
      {state.notCounted && state.notCounted.length > 0 && (
        <div class="note empty" role="status" data-testid="not-counted">
          {state.notCounted.map((n) => (
            <p key={n.link}>{t(n.code === 'IN_PLENARY_SESSION' ? 'notCountedPlenary' : n.code === 'AFTER_END' ? 'notCountedAfterEnd' : 'notCountedBeforeActive', { link: n.link })}</p>
          ))}
        </div>
      )}
      <button type="submit" disabled={state.saving}>
        {state.saving ? t('saving') : t('submit')}
      </button>
    </form>
  );
}


interface NotCounted {
  link: string;
  code: string;
}

/** When it happened (the browser's local time, never later than now) and by which channel: shared by logging and correcting. */
export function WhenAndHow(props: { occurredAt: string; onOccurredAt: (value: string) => void; channel: string; onChannel: (value: string) => void; invalidTime?: boolean }) {
  const t = useT();
  return (
    <div class="row">
      <label {...(props.invalidTime ? { 'aria-invalid': true } : {})}>
        {t('occurredAt')}
        <input name="occurredAt" type="datetime-local" required max={localMinute()} value={props.occurredAt} onInput={(e) => props.onOccurredAt(e.currentTarget.value)} />
      </label>
      <label>
        {t('channel')}
        <select name="channel" value={props.channel} onChange={(e) => props.onChannel(e.currentTarget.value)}>
          {CHANNELS.map((c) => (
            <option value={c}>{t.of('ch', c)}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
