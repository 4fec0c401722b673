/**
 * Names for ids: the roster (members, organizations, persons) read once through the paged list
 * queries, so charts and tables can show 姓名 instead of ids. Every role may read the roster.
 */
import { allPages, gql } from './api.js';

export interface Entry {
  id: string;
  name: string;
  kind: 'MEMBER' | 'ORGANIZATION' | 'PERSON';
  affiliation?: string;
  orgKind?: string;
  liaisonGroupId?: string | null;
  status?: string;
}

export type Directory = Map<string, Entry>;

export async function loadDirectory(): Promise<Directory> {
  const [members, organizations, persons] = await Promise.all([
    allPages<{ id: string; name: string; affiliation: string; liaisonGroupId: string | null; status: string }>('members', 'id name affiliation liaisonGroupId status'),
    allPages<{ id: string; name: string; kind: string }>('organizations', 'id name kind'),
    gql<{ persons: Array<{ id: string; name: string }> }>(`{ persons { id name } }`).then((d) => d.persons),
  ]);
  const directory: Directory = new Map();
  for (const m of members) directory.set(m.id, { id: m.id, name: m.name, kind: 'MEMBER', affiliation: m.affiliation, liaisonGroupId: m.liaisonGroupId, status: m.status });
  for (const o of organizations) directory.set(o.id, { id: o.id, name: o.name, kind: 'ORGANIZATION', orgKind: o.kind });
  for (const p of persons) directory.set(p.id, { id: p.id, name: p.name, kind: 'PERSON' });
  return directory;
}

export const nameOf = (directory: Directory | undefined, id: string) => directory?.get(id)?.name ?? id;
