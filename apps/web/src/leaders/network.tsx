/**
 * The network card: members, organizations and groups as nodes, the links due in the period as
 * edges weighted by contacts. The graph library (cytoscape) is fetched only when the card comes
 * into view, as a chunk of its own, so it does not weigh on the first load. A click on a node
 * opens that party's timeline.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { useT } from '../i18n.js';
import { Card, ErrorNote, Show, useLoad } from '../ui/common.js';
import type { Drawing, GraphData } from './graph.js';
import type { Selection } from './leaders.js';
import { Timeline } from './timeline.js';

export const AFFILIATION_COLOURS: Record<string, string> = {
  CPC: '#c62828',
  NON_PARTY: '#6d4c41',
  RCCK: '#1565c0',
  CDL: '#00838f',
  CNDCA: '#2e7d32',
  CAPD: '#6a1b9a',
  CPWDP: '#ef6c00',
  CZGP: '#ad1457',
  JIUSAN: '#283593',
  TDSGL: '#558b2f',
};
export const ORGANIZATION_COLOUR = '#78909c';
export const PERSON_COLOUR = '#bdbdbd';

export function NetworkCard(props: { selection: Selection; common: { asOf: string | null; atLeastPosition: number | null }; refresh: number }) {
  const t = useT();
  const card = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [open, setOpen] = useState<{ id: string; label: string } | null>(null);

  useEffect(() => {
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    observer.observe(card.current!);
    return () => observer.disconnect();
  }, []);

  const graph = useLoad(
    () =>
      visible
        ? gql<{ network: GraphData }>(
            `query($period: String!, $scheme: Scheme, $asOf: String, $atLeastPosition: Float) {
              network(period: $period, scheme: $scheme, asOf: $asOf, atLeastPosition: $atLeastPosition) {
                nodes { id label kind affiliation orgKind } edges { linkId sourceId targetId scheme weight }
              }
            }`,
            { period: props.selection.period, scheme: props.selection.scheme || null, ...props.common },
          ).then((d) => d.network)
        : Promise.resolve(undefined),
    [visible, props.selection.period, props.selection.scheme, props.selection.asOf, props.refresh],
  );

  const present = new Set(graph.data?.nodes.map((n) => n.affiliation).filter(Boolean));
  return (
    <div ref={card} class="wide-slot">
      <Card title={t('network')} help={t('networkHelp')} wide testId="network-card">
        {!visible ? (
          <p class="note loading">{t('loading')}</p>
        ) : (
          <Show value={graph as ReturnType<typeof useLoad<GraphData>>} empty={(d) => (d.edges.length === 0 ? t('nothingDue') : null)}>
            {(data) => (
              <>
                <ul class="legend">
                  {Object.entries(AFFILIATION_COLOURS)
                    .filter(([a]) => present.has(a))
                    .map(([a, colour]) => (
                      <li>
                        <i style={{ background: colour }} />
                        {t.of('aff', a)}
                      </li>
                    ))}
                  <li>
                    <i class="square" style={{ background: ORGANIZATION_COLOUR }} />
                    {t('org_LIAISON_GROUP')} / {t('org_SECTOR')} …
                  </li>
                </ul>
                <LazyGraph data={data} onOpen={setOpen} />
              </>
            )}
          </Show>
        )}
        {open && <Timeline partyId={open.id} label={open.label} onClose={() => setOpen(null)} />}
      </Card>
    </div>
  );
}

/** Loads cytoscape (its own chunk) and draws; a failed chunk load is shown, not swallowed. */
function LazyGraph(props: { data: GraphData; onOpen: (node: { id: string; label: string }) => void }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>();
  const [isolated, setIsolated] = useState(0);
  const open = useRef(props.onOpen);
  open.current = props.onOpen;
  const drawing = useRef<Drawing | null>(null);
  useEffect(() => {
    // New figures for the same parties update the drawing in place; anything else redraws it.
    if (drawing.current?.update(props.data)) return;
    let cancelled = false;
    import('./graph.js').then(
      ({ drawGraph }) => {
        if (cancelled) return;
        drawing.current?.dispose();
        drawing.current = drawGraph(box.current!, props.data, (node) => open.current(node));
        setIsolated(drawing.current.isolated);
      },
      (e) => setError({ code: 'NETWORK', message: String(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [props.data]);
  useEffect(
    () => () => {
      drawing.current?.dispose();
      drawing.current = null;
    },
    [],
  );
  if (error) return <ErrorNote error={error} />;
  return (
    <>
      <div ref={box} class="graph" data-testid="graph" />
      {isolated > 0 && <p class="help">{t('isolatedNodes', { n: isolated })}</p>}
    </>
  );
}
