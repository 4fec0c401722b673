/**
 * The cytoscape drawing, in a chunk of its own (imported dynamically by network.tsx). Members are
 * circles coloured by affiliation, organizations grey squares, persons light dots; an edge's
 * width grows with the contacts that served it in the period, and a due link that had none is a
 * thin dashed line: the duties that went unused.
 */
import cytoscape from 'cytoscape';
import { AFFILIATION_COLOURS, ORGANIZATION_COLOUR, PERSON_COLOUR } from './network.js';

export interface GraphData {
  nodes: Array<{ id: string; label: string; kind: 'MEMBER' | 'ORGANIZATION' | 'PERSON'; affiliation: string | null; orgKind: string | null }>;
  edges: Array<{ linkId: string; sourceId: string; targetId: string; scheme: string; weight: number }>;
}

export interface Drawing {
  /** Parties with no due link in the period: counted, not drawn. */
  isolated: number;
  /**
   * Takes new figures for the same parties without moving anything: edge weights change in place,
   * so a live update does not throw the picture around. False when the parties differ (redraw).
   */
  update: (data: GraphData) => boolean;
  dispose: () => void;
}

const edgeWidth = (weight: number) => (weight === 0 ? 0.8 : Math.min(8, 1.2 + Math.log2(1 + weight) * 1.6));
const drawnNodeIds = (data: GraphData) => {
  const linked = new Set(data.edges.flatMap((e) => [e.sourceId, e.targetId]));
  return data.nodes.filter((n) => linked.has(n.id));
};

/**
 * Draws the parties that hold or receive a due link; the others (no duty in the period) would
 * only crowd the picture, so they are counted, not drawn.
 */
export function drawGraph(container: HTMLElement, data: GraphData, onOpen: (node: { id: string; label: string }) => void): Drawing {
  const nodes = drawnNodeIds(data);
  const ids = new Set(nodes.map((n) => n.id));
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.label,
          colour: n.kind === 'MEMBER' ? (AFFILIATION_COLOURS[n.affiliation ?? ''] ?? '#555') : n.kind === 'ORGANIZATION' ? ORGANIZATION_COLOUR : PERSON_COLOUR,
          shape: n.kind === 'ORGANIZATION' ? 'round-rectangle' : 'ellipse',
          size: n.kind === 'ORGANIZATION' ? 26 : 16,
          kind: n.kind,
        },
      })),
      ...data.edges
        .filter((e) => ids.has(e.sourceId) && ids.has(e.targetId))
        .map((e) => ({ data: { id: `e-${e.linkId}`, source: e.sourceId, target: e.targetId, weight: e.weight, width: edgeWidth(e.weight) } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          shape: 'data(shape)' as never,
          width: 'data(size)',
          height: 'data(size)',
          label: 'data(label)',
          'font-size': 8,
          color: '#333',
          'text-valign': 'bottom',
          'text-margin-y': 2,
          'min-zoomed-font-size': 7,
        },
      },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#111' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': '#90a4ae', 'curve-style': 'haystack', opacity: 0.7 } },
      { selector: 'edge[weight = 0]', style: { 'line-style': 'dashed', 'line-color': '#e57373' } },
    ],
    layout: { name: 'cose', animate: false, randomize: true, nodeRepulsion: () => 12000, idealEdgeLength: () => 70, numIter: 1500 } as cytoscape.LayoutOptions,
    minZoom: 0.2,
    maxZoom: 4,
  });
  cy.on('tap', 'node', (event) => onOpen({ id: event.target.id(), label: event.target.data('label') }));
  // What is drawn, for assistive tools and the browser tests: the node count, and where the
  // most connected member sits on screen (a canvas has no elements to find).
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.draws = String(Number(container.dataset.draws ?? 0) + 1);
  const busiest = cy.nodes('[kind = "MEMBER"]').max((node) => node.degree(false)).ele;
  if (busiest?.nonempty()) {
    const { x, y } = busiest.renderedPosition();
    container.dataset.firstMember = JSON.stringify({ id: busiest.id(), label: busiest.data('label'), x: Math.round(x), y: Math.round(y) });
  }
  const update = (next: GraphData): boolean => {
    const nextNodes = drawnNodeIds(next);
    if (nextNodes.length !== ids.size || nextNodes.some((n) => !ids.has(n.id))) return false;
    const nextEdges = new Set(next.edges.map((e) => `e-${e.linkId}`));
    cy.batch(() => {
      cy.edges().filter((edge) => !nextEdges.has(edge.id())).remove();
      for (const e of next.edges) {
        const edge = cy.getElementById(`e-${e.linkId}`);
        if (edge.nonempty()) edge.data({ weight: e.weight, width: edgeWidth(e.weight) });
        else cy.add({ data: { id: `e-${e.linkId}`, source: e.sourceId, target: e.targetId, weight: e.weight, width: edgeWidth(e.weight) } });
      }
    });
    container.dataset.updates = String(Number(container.dataset.updates ?? 0) + 1);
    return true;
  };
  return { isolated: data.nodes.length - nodes.length, update, dispose: () => cy.destroy() };
}
