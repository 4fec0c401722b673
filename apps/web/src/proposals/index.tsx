/**
 * Where the page meets the proposals wing (提案办理): which proposals views a caller gets, and a
 * loader that fetches them only when needed. The views are a chunk of their own, so the first load
 * of the liaison pages carries none of them.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Caller } from '../app.js';
import { useT } from '../i18n.js';
import { ErrorNote } from '../ui/common.js';

export type ProposalsRole = 'OFFICE' | 'UNIT' | 'MEMBER' | 'LEADER';

/** The proposals views a caller's role and grants open, in the order the page shows them. */
export function proposalsViewsFor(caller: Caller): Array<{ role: ProposalsRole; id?: string }> {
  if (caller.role === 'LEADER' || caller.role === 'AUDITOR') return [{ role: 'LEADER' }];
  if (caller.role !== 'RECORDER') return [];
  return caller.grants.flatMap((g): Array<{ role: ProposalsRole; id?: string }> => {
    const ids = g.ids ?? (g.id ? [g.id] : []);
    if (g.kind === 'PROPOSALS_OFFICE') return [{ role: 'OFFICE' as const }];
    if (g.kind === 'HANDLING_UNIT') return ids.map((id) => ({ role: 'UNIT' as const, id }));
    if (g.kind === 'MEMBER') return ids.map((id) => ({ role: 'MEMBER' as const, id }));
    return [];
  });
}

type Views = typeof import('./views.js');
let loading: Promise<Views> | undefined;

export function ProposalsViews({ caller }: { caller: Caller }) {
  const t = useT();
  const [views, setViews] = useState<Views | null>(null);
  const [error, setError] = useState<unknown>(null);
  const wanted = proposalsViewsFor(caller);
  useEffect(() => {
    if (wanted.length === 0) return;
    (loading ??= import('./views.js')).then(setViews, (e: unknown) => {
      loading = undefined;
      setError(e);
    });
  }, []);
  if (wanted.length === 0) return null;
  if (error) return <ErrorNote error={error} />;
  if (!views) return <p class="note loading">{t('loading')}</p>;
  return (
    <div class="proposals" data-testid="proposals" style={{ marginTop: '10px' }}>
      {wanted.map((v) => <views.ProposalsView key={`${v.role}:${v.id ?? ''}`} role={v.role} id={v.id} />)}
    </div>
  );
}
