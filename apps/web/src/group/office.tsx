/**
 * The committee office's page, for a RECORDER token holding COMMITTEE_OFFICE: the office's clerk
 * types in the contacts of every link of the committee (the Party group's and the Party members'
 * talks reported to the office, any liaison group's), names the liaison group that logged each
 * one or none, and follows every contact logged anywhere. The same pieces as a group's page
 * (group.tsx), over ~500 links: the standing list is filtered by name, scheme and group, unmet
 * first, and the recent contacts are one party's at a time, as the API lists them (timeline).
 */
import { useMemo, useState } from 'preact/hooks';
import { SCHEMES } from '#domain/shared/vocabulary';
import type { Directory } from '../directory.js';
import { useT } from '../i18n.js';
import { Card, Show } from '../ui/common.js';
import { ContactForm, type LoggedContact } from './form.js';
import { LinkStanding, partyOptions, useFollowContacts, useGroupAnswer, useSeen, type GroupAnswer } from './group.js';
import { groupOfLink, thisQuarter } from './links.js';
import { RecentContacts } from './recent.js';

/** Rows of the standing list shown at once; the filters find the rest. */
const STANDING_SHOWN = 30;
/** The group filter's value for links that belong to no liaison group. */
const NO_GROUP = '-';

export function OfficeView() {
  const t = useT();
  const [seen, wrote] = useSeen();
  useFollowContacts('EVERY', wrote);
  const answer = useGroupAnswer(seen);
  const options = useMemo(() => partyOptions(answer.data, 'EVERY'), [answer.data]);
  const [whose, setWhose] = useState<string | null>(null);

  // After logging, the recent list shows a party of that contact (the timeline lists its participants' contacts).
  const logged = (position: number, contact: LoggedContact) => {
    wrote(position);
    setWhose((current) => (current && contact.participantIds.includes(current) ? current : (contact.participantIds[0] ?? current)));
  };

  return (
    <div class="group office" data-testid="office">
      <h2 class="group-name">{t('officeTitle')}</h2>
      <p class="help">{t('officeHelp')}</p>
      <div class="grid">
        <Card title={t('logContact')} testId="log-card">
          <Show value={answer}>{(d) => <ContactForm links={d.links} options={options} liaisonGroupId={null} groups={d.liaisonGroups} onWritten={logged} />}</Show>
        </Card>
        <Card title={t('committeeLinks')} testId="links-card">
          <Show value={answer} empty={(d) => (d.links.length === 0 ? t('noLinksInScope') : null)}>
            {(d) => <CommitteeStanding answer={d} />}
          </Show>
        </Card>
        <RecentContacts
          partyId={whose}
          title={t('recentOf')}
          chooser={answer.data && <WhoseContacts directory={answer.data.directory} value={whose} onChange={setWhose} />}
          refresh={seen}
          onWritten={wrote}
        />
      </div>
    </div>
  );
}

/** Every link's standing this quarter, narrowed by a name, a scheme, a liaison group, or to the unmet. */
function CommitteeStanding({ answer }: { answer: GroupAnswer }) {
  const t = useT();
  const [needle, setNeedle] = useState('');
  const [scheme, setScheme] = useState('');
  const [group, setGroup] = useState('');
  const [unmetOnly, setUnmetOnly] = useState(false);
  const groupNames = useMemo(() => new Map(answer.liaisonGroups.map((g) => [g.id, g.name])), [answer.liaisonGroups]);
  const groupOf = useMemo(() => new Map(answer.links.map((l) => [l.id, groupOfLink(answer.directory, l)])), [answer]);

  const text = needle.trim().toLowerCase();
  const shown = answer.links.filter(
    (l) =>
      (!text || `${l.sourceName} ${l.targetName}`.toLowerCase().includes(text)) &&
      (!scheme || l.scheme === scheme) &&
      (!group || (groupOf.get(l.id) ?? NO_GROUP) === group) &&
      (!unmetOnly || !thisQuarter(l)?.met),
  );

  return (
    <>
      <div class="controls" data-testid="standing-filters">
        <label>
          {t('filterLinks')}
          <input type="search" name="standingFilter" value={needle} onInput={(e) => setNeedle(e.currentTarget.value)} />
        </label>
        <label>
          {t('scheme')}
          <select name="standingScheme" value={scheme} onChange={(e) => setScheme(e.currentTarget.value)}>
            <option value="">{t('allSchemes')}</option>
            {SCHEMES.map((s) => (
              <option value={s}>{t.of('scheme', s)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('chooseGroup')}
          <select name="standingGroup" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
            <option value="">{t('allGroups')}</option>
            {answer.liaisonGroups.map((g) => (
              <option value={g.id}>{g.name}</option>
            ))}
            <option value={NO_GROUP}>{t('noGroup')}</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="unmetOnly" checked={unmetOnly} onChange={(e) => setUnmetOnly(e.currentTarget.checked)} />
          {t('unmetOnly')}
        </label>
      </div>
      <LinkStanding links={shown} limit={STANDING_SHOWN} groupOf={(l) => groupNames.get(groupOf.get(l.id) ?? '') ?? null} />
    </>
  );
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/** Whose recent contacts to list: a liaison group, a member, an organization or a person of the roster. */
function WhoseContacts(props: { directory: Directory; value: string | null; onChange: (id: string) => void }) {
  const t = useT();
  const sections = useMemo(() => {
    const entries = [...props.directory.values()].sort(byName);
    return [
      { label: t('liaisonGroups'), entries: entries.filter((e) => e.orgKind === 'LIAISON_GROUP') },
      { label: t('members'), entries: entries.filter((e) => e.kind === 'MEMBER') },
      { label: t('organizations'), entries: entries.filter((e) => e.kind === 'ORGANIZATION' && e.orgKind !== 'LIAISON_GROUP') },
      { label: t('persons'), entries: entries.filter((e) => e.kind === 'PERSON') },
    ];
  }, [props.directory, t]);
  return (
    <label class="controls whose">
      {t('whoseContacts')}
      <select name="whose" value={props.value ?? ''} onChange={(e) => e.currentTarget.value && props.onChange(e.currentTarget.value)}>
        <option value="" disabled>
          {t('choose')}
        </option>
        {sections.map((section) => (
          <optgroup label={section.label}>
            {section.entries.map((e) => (
              <option value={e.id}>{e.name}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
