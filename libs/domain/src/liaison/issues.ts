/**
 * The issues a contact raises (反映的问题), each with a stable id, so that a correction, a
 * follow-up or a report can name one issue and still name it after the contact is corrected.
 *
 * - A client may choose an issue's id; otherwise the decider assigns one with `context.newId()`.
 * - A correction keeps the ids of the issues it keeps: an issue given with its id keeps it; one
 *   given as text only that equals the (trimmed) text of a current issue takes that issue's id,
 *   each current issue matched at most once, in order; any other gets a new id.
 * - Contacts recorded before issues had ids carry `issuesRaised: string[]`; `upcastIssues` reads
 *   them with ids derived from the recorded event (see `derivedIssueId`).
 */
import { createHash } from 'node:crypto';
import { invalid } from '../shared/errors.js';
import { LIMITS, requireId, requireText } from '../shared/validation.js';

export interface RaisedIssue {
  issueId: string;
  text: string;
}

/** An issue as a command gives it: the id is the client's choice, or left to the server. */
export interface RaisedIssueInput {
  issueId?: string | null;
  text: string;
}

/** The two ways a command may give a contact's issues: texts (CSV import, older clients) or issues. */
export interface IssuesInput {
  issuesRaised?: string[] | null;
  issues?: RaisedIssueInput[] | null;
}

/**
 * The issues the command gives, validated, each with its id: chosen by the client, kept from the
 * `current` issue whose text it repeats, or new from `newId`. A new id is never one the contact
 * has or had just now (`current`), so an id never passes from one issue to another.
 */
export function resolveIssues(input: IssuesInput, current: readonly RaisedIssue[], newId: () => string): RaisedIssue[] {
  if (input.issuesRaised !== undefined && input.issues !== undefined) {
    throw invalid('give the issues either as issuesRaised (texts) or as issues (texts with optional ids), not both', 'issues');
  }
  const field = input.issues !== undefined ? 'issues' : 'issuesRaised';
  const given: unknown = input[field] ?? [];
  if (!Array.isArray(given)) throw invalid(`${field} must be a list`, field);
  if (given.length > LIMITS.issues) throw invalid(`a contact records at most ${LIMITS.issues} issues`, field);

  const entries = given.map((entry: unknown, i): { issueId?: string; text: string } => {
    if (field === 'issuesRaised') return { text: requireText(entry, `issuesRaised[${i}]`, LIMITS.issue) };
    if (typeof entry !== 'object' || entry === null) throw invalid(`issues[${i}] must be an issue: { issueId (optional), text }`, `issues[${i}]`);
    const { issueId, text } = entry as Record<string, unknown>;
    return {
      ...(issueId === undefined || issueId === null ? {} : { issueId: requireId(issueId, `issues[${i}].issueId`) }),
      text: requireText(text, `issues[${i}].text`, LIMITS.issue),
    };
  });

  const chosen = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.issueId === undefined) return;
    const other = chosen.get(e.issueId);
    if (other !== undefined) throw invalid(`issues[${i}].issueId "${e.issueId}" is also the id of issues[${other}]; each issue of a contact has its own id`, `issues[${i}].issueId`);
    chosen.set(e.issueId, i);
  });

  // Current issues a text-only entry may take the id of: those no entry names by id.
  const unmatched = current.filter((c) => !chosen.has(c.issueId));
  const used = new Set([...chosen.keys(), ...current.map((c) => c.issueId)]);
  const fresh = (): string => {
    let id = newId();
    while (used.has(id)) id = newId();
    used.add(id);
    return id;
  };
  return entries.map(({ issueId, text }) => {
    if (issueId !== undefined) return { issueId, text };
    const at = unmatched.findIndex((c) => c.text === text);
    if (at < 0) return { issueId: fresh(), text };
    const [kept] = unmatched.splice(at, 1);
    return { issueId: kept!.issueId, text };
  });
}

const ISSUE_ID_NAMESPACE = 'liaison-network:contact-issue:v1';

/**
 * The id of an issue recorded before issues had ids: the first 128 bits of
 * SHA-256(JSON ["liaison-network:contact-issue:v1", contactId, text, occurrence]) written as a
 * UUID of version 8 (RFC 9562's custom version; variant bits 10). `occurrence` counts the equal
 * texts before it in the same list (0 for the first), so two equal issues get two ids. Because it
 * depends only on the contact and the text, a recorded correction that repeated an issue's text
 * gives it the same id as the original log did.
 */
export function derivedIssueId(contactId: string, text: string, occurrence: number): string {
  const bytes = createHash('sha256').update(JSON.stringify([ISSUE_ID_NAMESPACE, contactId, text, occurrence])).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Texts recorded without ids, as issues with derived ids. */
export function issuesOfTexts(contactId: string, texts: readonly string[]): RaisedIssue[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const occurrence = seen.get(text) ?? 0;
    seen.set(text, occurrence + 1);
    return { issueId: derivedIssueId(contactId, text, occurrence), text };
  });
}

/**
 * Upcaster of ContactLogged and ContactCorrected: data recorded with `issuesRaised: string[]` is
 * read with `issues` in its place (same key position, so the details compare equal to what the
 * decider builds now); data already in the current shape is returned as it is. A pure function
 * of the recorded event: the contact is `data.contactId`, else the stream's `contact-<id>`.
 */
export function upcastIssues<Data extends { contactId: string; issues: RaisedIssue[] }>(data: unknown, event: { streamId: string }): Data {
  if (typeof data !== 'object' || data === null || !('issuesRaised' in data) || 'issues' in data) return data as Data;
  const recorded = data as Record<string, unknown>;
  const contactId = typeof recorded.contactId === 'string' ? recorded.contactId : event.streamId.replace(/^contact-/, '');
  const texts = Array.isArray(recorded.issuesRaised) ? recorded.issuesRaised.map(String) : [];
  return Object.fromEntries(Object.entries(recorded).map(([key, value]) => (key === 'issuesRaised' ? ['issues', issuesOfTexts(contactId, texts)] : [key, value]))) as Data;
}
