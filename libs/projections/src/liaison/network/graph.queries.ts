/**
 * The network for a period (DOMAIN.md, "Network"): nodes are members, organizations (liaison
 * groups included) and the persons who lead groups or stand on links; edges are the links due in
 * P, weighted by their contacts in P while active.
 */
import { Affiliation, OrganizationKind, Period, Scheme, toMs } from '#domain';
import { PeriodInput, checkScheme, compareStrings, contactsIn, isDue, linksOf, sourceDuring, toPeriod } from './linkFigures.js';
import { LiaisonView } from '../liaisonView.js';

export type NodeKind = 'MEMBER' | 'ORGANIZATION' | 'PERSON';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Members only. */
  affiliation?: Affiliation;
  /** Organizations only. */
  orgKind?: OrganizationKind;
}

export interface GraphEdge {
  linkId: string;
  scheme: Scheme;
  /** The source that held the link at the latest moment of P when it was active. */
  sourceId: string;
  targetId: string;
  /** Contacts serving the link that occurred in P while it was active (plenary sessions included). */
  weight: number;
}

export interface NetworkGraph {
  period: Period;
  scheme: Scheme | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Members on the roster at some moment of P, organizations not dissolved and persons leading a
 * group are always nodes; anyone at the end of an edge is a node too, so no edge dangles (a
 * member who has left or a dissolved body still shows while a due link names it).
 */
export function networkGraph(model: LiaisonView, query: { period: PeriodInput; scheme?: Scheme | null }): NetworkGraph {
  const period = toPeriod(query.period);
  const scheme = checkScheme(query.scheme);
  const edges: GraphEdge[] = [];
  const ids = new Set<string>();
  for (const link of linksOf(model, scheme)) {
    if (!isDue(link, period)) continue;
    const sourceId = sourceDuring(link, period.end);
    edges.push({ linkId: link.id, scheme: link.scheme, sourceId, targetId: link.targetId, weight: contactsIn(link, period.start, period.end) });
    ids.add(sourceId).add(link.targetId);
  }
  for (const m of model.members.values()) {
    if ((m.joinedOn === null || toMs(m.joinedOn) < period.end) && (m.leftOn === null || toMs(m.leftOn) > period.start)) ids.add(m.id);
  }
  for (const o of model.organizations.values()) {
    if (o.dissolved) continue;
    ids.add(o.id);
    if (o.kind === 'LIAISON_GROUP' && o.leaderId && model.persons.has(o.leaderId)) ids.add(o.leaderId);
  }
  const nodes: GraphNode[] = [];
  for (const id of [...ids].sort(compareStrings)) {
    const m = model.members.get(id);
    if (m) {
      nodes.push({ id, kind: 'MEMBER', label: m.name, affiliation: m.affiliation });
      continue;
    }
    const o = model.organizations.get(id);
    if (o) {
      nodes.push({ id, kind: 'ORGANIZATION', label: o.name, orgKind: o.kind });
      continue;
    }
    const p = model.persons.get(id);
    if (p) nodes.push({ id, kind: 'PERSON', label: p.name });
  }
  return { period, scheme: scheme ?? null, nodes, edges };
}
