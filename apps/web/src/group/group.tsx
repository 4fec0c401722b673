/**
 * The liaison group's page, for a RECORDER token: log a contact for the group's links in under a
 * minute from a phone, see this quarter's standing of each link, and correct or retract the
 * group's recent contacts. The API narrows every list to the token's scope; the page only
 * chooses among what it is given. The committee office's clerk gets the same pieces for the
 * whole committee (office.tsx).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { allPages, gql, subscribe } from '../api.js';
import { loadDirectory, nameOf } from '../directory.js';
import type { Caller } from '../app.js';
import { useT } from '../i18n.js';
import { Card, Empty, Show, useLoad, type Loaded } from '../ui/common.js';
import { ContactForm, type PartyOption } from './form.js';
import { RecentContacts } from './recent.js';
import { thisQuarter, unmetFirst, type GroupLink } from './links.js';


export interface GroupAnswer {
  links: GroupLink[];
  liaisonGroups: Array<{ id: string; name: string; leader: { id: string; name: string } | null }>;
  directory: Awaited<ReturnType<typeof loadDirectory>>;
}

/** Position of the newest write seen, and how many: reads wait for it, so the page shows its own writes. */
export type Seen = { position: number | null; count: number };

export function useSeen(): [Seen, (position: number) => void] {
  const [seen, setSeen] = useState<Seen>({ position: null, count: 0 });
  const wrote = (position: number) => setSeen((s) => ({ position: Math.max(s.position ?? 0, position), count: s.count + 1 }));
  return [seen, wrote];
}

/**
 * Others logging, correcting or retracting: the page shows it too. `follow` names the group (or
 * member) whose contacts to follow; 'EVERY' follows every contact (no group argument, which only
 * the committee office may ask); null follows nothing.
 */
export function useFollowContacts(follow: string | null, wrote: (position: number) => void): void {
  useEffect(() => {
    if (!follow) return;
    const variables = follow === 'EVERY' ? {} : { g: follow };
    const stops = [
      subscribe<{ contactLogged: { position: number } }>(`subscription($g: ID) { contactLogged(liaisonGroupId: $g) { position } }`, variables, ({ contactLogged }) => wrote(contactLogged.position)),
      subscribe<{ contactChanged: { position: number } }>(`subscription($g: ID) { contactChanged(liaisonGroupId: $g) { position } }`, variables, ({ contactChanged }) => wrote(contactChanged.position)),
    ];
    return () => stops.forEach((stop) => stop());
  }, [follow]);
}

/** The links the token's grants cover (the API narrows the list), each with this quarter's standing and its ends' names; the groups; the roster. */
export function useGroupAnswer(seen: Seen): Loaded<GroupAnswer> {
  // The roster, for names, once: a logged contact changes the links' standing, not the roster.
  const roster = useLoad(loadDirectory, []);
  const standing = useLoad(async () => {
    const now = new Date().toISOString();
    const [links, { liaisonGroups }] = await Promise.all([
      allPages<Omit<GroupLink, 'sourceName' | 'targetName'>>('links', 'id scheme sourceId targetId usage(per: QUARTER, on: $on) { perPeriod { counted required met } }', {
        activeOn: { type: 'String', value: now },
        on: { type: 'String', value: now, nestedOnly: true },
        atLeastPosition: { type: 'Float', value: seen.position },
      }),
      gql<Pick<GroupAnswer, 'liaisonGroups'>>(`{ liaisonGroups { id name leader { id name } } }`),
    ]);
    return { links, liaisonGroups };
  }, [seen.count]);
  return useMemo<Loaded<GroupAnswer>>(() => {
    const directory = roster.data;
    const data = standing.data;
    return {
      data: data && directory && { directory, liaisonGroups: data.liaisonGroups, links: data.links.map((l) => ({ ...l, sourceName: nameOf(directory, l.sourceId), targetName: nameOf(directory, l.targetId) })) },
      error: roster.error ?? standing.error,
      loading: roster.loading || standing.loading,
      reload: () => (roster.error ? roster.reload() : standing.reload()),
    };
  }, [roster.data, roster.error, roster.loading, standing.data, standing.error, standing.loading]);
}

/**
 * Whom a contact can name: the ends of the links; and the given groups, their leaders and their
 * active members ('EVERY': every group, every active member).
 */
export function partyOptions(data: GroupAnswer | undefined, groupIds: readonly string[] | 'EVERY'): PartyOption[] {
  if (!data) return [];
  const covers = (groupId: string | null | undefined) => !!groupId && (groupIds === 'EVERY' || groupIds.includes(groupId));
  const byId = new Map<string, PartyOption>();
  const add = (id: string | undefined) => id && !byId.has(id) && byId.set(id, { id, name: nameOf(data.directory, id) });
  for (const info of data.liaisonGroups.filter((g) => covers(g.id))) {
    add(info.id);
    add(info.leader?.id);
  }
  for (const link of data.links) {
    add(link.sourceId);
    add(link.targetId);
  }
  for (const entry of data.directory.values()) if (entry.kind === 'MEMBER' && entry.status === 'ACTIVE' && (groupIds === 'EVERY' || covers(entry.liaisonGroupId))) add(entry.id);
  return [...byId.values()];
}

export function GroupView({ caller }: { caller: Caller }) {
  const t = useT();
  const scopes = caller.scope.liaisonGroupIds;
  const [groupId, setGroupId] = useState<string | null>(scopes[0] ?? null);
  const [seen, wrote] = useSeen();
  const partyId = groupId ?? caller.scope.memberId;
  // Another clerk of the group logging, correcting or retracting: this page shows it too.
  useFollowContacts(partyId, wrote);
  const group = useGroupAnswer(seen);
  const options = useMemo(() => partyOptions(group.data, groupId ? [groupId] : []), [group.data, groupId]);

  if (!partyId) return <Empty>{t('noScope')}</Empty>;
  const groups = group.data?.liaisonGroups.filter((g) => scopes.includes(g.id)) ?? [];
  const links = group.data?.links ?? [];

  return (
    <div class="group" data-testid="group">
      {scopes.length > 1 && (
        <label class="controls">
          {t('chooseGroup')}
          <select value={groupId ?? ''} onChange={(e) => setGroupId(e.currentTarget.value)}>
            {groups.map((g) => (
              <option value={g.id}>{g.name}</option>
            ))}
          </select>
        </label>
      )}
      {scopes.length === 1 && groups[0] && <h2 class="group-name">{groups[0].name}</h2>}
      <div class="grid">
        <Card title={t('logContact')} testId="log-card">
          <Show value={group}>{() => <ContactForm key={partyId} links={links} options={options} liaisonGroupId={groupId} onWritten={wrote} />}</Show>
        </Card>
        <Card title={t('groupLinks')} testId="links-card">
          <Show value={group} empty={(d) => (d.links.length === 0 ? t('noLinksInScope') : null)}>
            {() => <LinkStanding links={links} />}
          </Show>
        </Card>
        <RecentContacts partyId={partyId} refresh={seen} onWritten={wrote} />
      </div>
    </div>
  );
}

/**
 * Each link's contacts this quarter against its requirement (the same figure the leaders' coverage
 * counts). With `limit`, only that many rows, and how many more there are; `groupOf` names each
 * link's liaison group where the list mixes groups.
 */
export function LinkStanding({ links, limit, groupOf }: { links: GroupLink[]; limit?: number; groupOf?: (link: GroupLink) => string | null }) {
  const t = useT();
  // The links still short of their requirement come first: they are the clerk's work this quarter.
  const ordered = unmetFirst(links);
  const shown = limit === undefined ? ordered : ordered.slice(0, limit);
  const met = links.filter((l) => thisQuarter(l)?.met).length;
  return (
    <>
      <p class="help" data-testid="standing-summary">{t('standingSummary', { met, all: links.length })}</p>
      <ul class="standing" data-testid="standing">
        {shown.map((link) => {
          const now = thisQuarter(link);
          const group = groupOf?.(link);
          return (
            <li key={link.id} class={now?.met ? 'met' : 'unmet'} data-link={link.id}>
              <span>
                {link.sourceName} → {link.targetName}
                <small> · {t.of('scheme', link.scheme)}{group && ` · ${group}`}</small>
              </span>
              <b data-testid="standing-count">
                {now ? `${now.counted}/${now.required}` : '—'} {now?.met ? t('met') : t('notMet')}
              </b>
            </li>
          );
        })}
      </ul>
      {shown.length < ordered.length && <p class="help">{t('moreRows', { n: ordered.length - shown.length })}</p>}
    </>
  );
}
