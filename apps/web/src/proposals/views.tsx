/**
 * The proposals views (提案办理), one per kind of work: the proposals office reviews, files and
 * assigns and watches the deadlines; a handling unit replies to what it was assigned; a member
 * follows their proposals and rates the replies; leaders see each unit's punctuality. Everything
 * through the public GraphQL API; after a write the next read asks for at least its position.
 */
import { useMemo, useState } from 'preact/hooks';
import { allPages, gql } from '../api.js';
import { reachWith, useWrite, write } from '../ui/write.js';
import { useT, type LabelKey, type Translate } from '../i18n.js';
import { Card, committeeDay, committeeTime, committeeToday, ErrorNote, localMinute, percent, Show, useLoad, type Loaded } from '../ui/common.js';
import { Chart, type ChartOption } from '../leaders/charts.js';
import type { ProposalsRole } from './index.js';

type Stage = 'SUBMITTED' | 'FILED' | 'NOT_FILED' | 'RETURNED' | 'MERGED' | 'WITHDRAWN' | 'CLOSED';
type DeadlineState = 'NOT_YET_DUE' | 'DUE_SOON' | 'OVERDUE' | 'REPLIED_ON_TIME' | 'REPLIED_LATE';
type Satisfaction = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED';
type Result = 'A' | 'B' | 'C';

interface ReplyVersion {
  version: number;
  result: Result;
  status: 'SUBMITTED' | 'SENT_BACK' | 'RELEASED';
}
interface Round {
  round?: number;
  dueOn?: string;
  replies: ReplyVersion[];
  rating: { attitude: Satisfaction; result: Satisfaction } | null;
}
interface Assignment {
  id: string;
  unitId: string;
  role: 'LEAD' | 'ASSIST';
  dueOn: string;
  deadlineState: DeadlineState | null;
  daysOverdue?: number;
  returned: { reason: string } | null;
  rounds: Round[];
  consulted?: boolean;
}
interface Proposal {
  id: string;
  number: string | null;
  title: string;
  stage: Stage;
  proposerId: string;
  submittedAt: string;
  assignments: Assignment[];
  coSigners?: CoSigner[];
}
interface CoSigner {
  memberId: string;
  signedAt: string | null;
  expiresAt: string;
}
interface Standing {
  proposal: Pick<Proposal, 'id' | 'number' | 'title'> & { proposerId?: string };
  assignment: Assignment;
  state: DeadlineState;
  daysOverdue: number;
}

const ASSIGNMENT = 'id unitId role dueOn deadlineState daysOverdue returned { reason } rounds { round dueOn replies { version result status } rating { attitude result } }';
/** Lists carry a lighter assignment: a page of proposals with every round's fields would pass the API's query cost limit. */
const LIST_ASSIGNMENT = 'id unitId role dueOn deadlineState returned { reason } rounds { replies { version result status } rating { attitude result } }';
const PROPOSAL = `id number title stage proposerId submittedAt assignments { ${LIST_ASSIGNMENT} }`;
/** Waits (on the server) until the read model has applied `position`: reads without atLeastPosition then see it. */
const reach = reachWith('proposals');

async function proposalsWhere(args: Record<string, { type: string; value: unknown }>, position: number | null, fields = PROPOSAL, pageSize = 25): Promise<Proposal[]> {
  await reach(position);
  return allPages<Proposal>('proposals', fields, args, pageSize);
}

/** Handling units by id, for names; an empty map if the token may not read organizations. */
async function unitNames(): Promise<Map<string, string>> {
  try {
    const units = await allPages<{ id: string; name: string }>('organizations', 'id name', { kind: { type: 'OrganizationKind', value: 'HANDLING_UNIT' } }, 100);
    return new Map(units.map((u) => [u.id, u.name]));
  } catch {
    return new Map();
  }
}

const STATE_COLOURS: Record<DeadlineState | 'RETURNED', string> = {
  NOT_YET_DUE: '#e3f2fd',
  DUE_SOON: '#fff3cd',
  OVERDUE: '#f8d7da',
  REPLIED_ON_TIME: '#d4edda',
  REPLIED_LATE: '#ffe5cc',
  RETURNED: '#eeeeee',
};

function StateBadge({ state }: { state: DeadlineState | null }) {
  const t = useT();
  const s = state ?? 'RETURNED';
  return (
    <span class="badge" data-state={s} style={{ background: STATE_COLOURS[s], padding: '1px 6px', borderRadius: '4px', whiteSpace: 'nowrap' }}>
      {t(`p_state_${s}` as LabelKey)}
    </span>
  );
}

const latestReply = (a: Assignment): ReplyVersion | undefined => a.rounds.at(-1)?.replies.at(-1);
const stageLabel = (t: Translate, stage: Stage) => t(`p_stage_${stage}` as LabelKey);

export function ProposalsView({ role, id }: { role: string; id?: string }) {
  if ((role as ProposalsRole) === 'OFFICE') return <OfficeView />;
  if ((role as ProposalsRole) === 'UNIT') return <UnitView unitId={id!} />;
  return <MemberView memberId={id!} />;
}

// ---- the proposals office

function OfficeView() {
  const t = useT();
  const [position, setPosition] = useState<number | null>(null);
  const [filedAs, setFiledAs] = useState<Record<string, string>>({});
  const { error, run: write1 } = useWrite();
  const units = useLoad(unitNames, []);
  const intake = useLoad(() => proposalsWhere({ stage: { type: 'ProposalStage', value: 'SUBMITTED' } }, position), [position]);
  const filed = useLoad(() => proposalsWhere({ stage: { type: 'ProposalStage', value: 'FILED' } }, position), [position]);
  const board = useLoad(async () => {
    await reach(position);
    return (await gql<{ deadlineBoard: { assignments: Standing[]; counts: Array<{ state: DeadlineState; count: number }> } }>(
      `{ deadlineBoard { counts { state count } assignments { state daysOverdue proposal { id number title } assignment { ${ASSIGNMENT} } } } }`,
    )).deadlineBoard;
  }, [position]);

  const run = async (action: () => Promise<number>) => {
    const at = await write1(action);
    if (at !== null) setPosition(at);
  };
  const file = (p: Proposal) =>
    run(async () => {
      const at = await write('fileProposal', 'FileProposalInput', { proposalId: p.id });
      const { proposal } = await gql<{ proposal: { number: string | null } | null }>(`query($id: ID!, $p: Float) { proposal(id: $id, atLeastPosition: $p) { number } }`, { id: p.id, p: at });
      if (proposal?.number) setFiledAs((f) => ({ ...f, [p.id]: proposal.number! }));
      return at;
    });
  const names = units.data ?? new Map<string, string>();

  return (
    <div class="grid" data-testid="proposals-office">
      <Card title={t('p_intake')} testId="intake-card">
        {error !== null && <ErrorNote error={error} />}
        {Object.entries(filedAs).map(([pid, n]) => (
          <p class="note" role="status" key={pid} data-testid="filed-note">
            {t('p_filedAs', { n })}
          </p>
        ))}
        <Show value={intake} empty={(d) => (d.length === 0 ? t('p_intakeEmpty') : null)}>
          {(list) => (
            <div class="table-scroll"><table>
              <thead><tr><th>{t('p_title')}</th><th>{t('p_proposer')}</th><th /></tr></thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id} data-testid={`intake-${p.id}`}>
                    <td>{p.title}</td>
                    <td>{p.proposerId}</td>
                    <td><button type="button" onClick={() => file(p)}>{t('p_file')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </Show>
      </Card>
      <Card title={t('p_toAssign')} testId="assign-card">
        <Show value={filed} empty={(d) => (d.length === 0 ? t('p_toAssignEmpty') : null)}>
          {(list) => (
            <ul class="plain">
              {list.map((p) => (
                <li key={p.id} data-testid={`filed-${p.id}`}>
                  <strong>{p.number}</strong> {p.title}
                  {p.assignments.length > 0 && (
                    <span class="help"> · {t('p_assigned')}: {p.assignments.filter((a) => !a.returned).map((a) => `${names.get(a.unitId) ?? a.unitId}（${t(`p_role_${a.role}`)}）`).join('、')}</span>
                  )}
                  <AssignForm proposal={p} units={names} onDone={(at) => setPosition(at)} />
                </li>
              ))}
            </ul>
          )}
        </Show>
      </Card>
      <Card title={t('p_board')} wide testId="deadline-board">
        <Show value={board} empty={(d) => (d.assignments.length === 0 ? t('p_boardEmpty') : null)}>
          {(b) => (
            <>
              <p class="legend">
                {b.counts.map((c) => (
                  <span key={c.state} style={{ marginRight: '8px' }}>
                    <StateBadge state={c.state} /> {c.count}
                  </span>
                ))}
              </p>
              <div class="table-scroll"><table>
                <thead><tr><th>{t('p_number')}</th><th>{t('p_title')}</th><th>{t('p_unit')}</th><th>{t('p_dueOn')}</th><th>{t('p_stage')}</th><th /></tr></thead>
                <tbody>
                  {[...b.assignments].sort((x, y) => x.assignment.dueOn.localeCompare(y.assignment.dueOn)).map((s) => {
                    const reply = latestReply(s.assignment);
                    return (
                      <tr key={s.assignment.id} data-testid={`board-${s.assignment.id}`} data-state={s.state} style={{ background: STATE_COLOURS[s.state] }}>
                        <td>{s.proposal.number}</td>
                        <td>{s.proposal.title}</td>
                        <td>{names.get(s.assignment.unitId) ?? s.assignment.unitId}（{t(`p_role_${s.assignment.role}`)}）</td>
                        <td>{s.assignment.dueOn}</td>
                        <td>
                          <StateBadge state={s.state} />
                          {s.daysOverdue > 0 && <span> {t('p_daysOverdue', { n: s.daysOverdue })}</span>}
                        </td>
                        <td>
                          {reply?.status === 'SUBMITTED' && (
                            <button type="button" class="secondary" onClick={() => run(() => write('releaseReply', 'ReleaseReplyInput', { proposalId: s.proposal.id, assignmentId: s.assignment.id }))}>
                              {t('p_release')}
                            </button>
                          )}
                          {reply?.status === 'RELEASED' && <span>{t('p_released')} · {reply.result}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table></div>
            </>
          )}
        </Show>
      </Card>
    </div>
  );
}

const inDays = (n: number) => new Date(Date.parse(committeeToday().iso) + n * 86_400_000).toISOString().slice(0, 10);

function AssignForm({ proposal, units, onDone }: { proposal: Proposal; units: Map<string, string>; onDone: (position: number) => void }) {
  const t = useT();
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<'LEAD' | 'ASSIST'>(proposal.assignments.some((a) => a.role === 'LEAD' && !a.returned) ? 'ASSIST' : 'LEAD');
  const [dueOn, setDueOn] = useState(inDays(role === 'LEAD' ? 90 : 30));
  const { error, busy, run } = useWrite();
  return (
    <form
      class="inline-form"
      data-testid={`assign-form-${proposal.id}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!unitId) return;
        const assignmentId = `a-${proposal.id}-${unitId}-${Date.now().toString(36)}`;
        const at = await run(() => write('assignProposal', 'AssignProposalInput', { proposalId: proposal.id, assignmentId, unitId, role, dueOn }));
        if (at !== null) onDone(at);
      }}
    >
      {error !== null && <ErrorNote error={error} />}
      <label>
        {t('p_unit')}
        {units.size > 0 ? (
          <select name="unit" required value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="" />
            {[...units].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        ) : (
          <input name="unit" required value={unitId} onInput={(e) => setUnitId(e.currentTarget.value)} />
        )}
      </label>
      <label>
        {t('p_role')}
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as 'LEAD' | 'ASSIST')}>
          <option value="LEAD">{t('p_role_LEAD')}</option>
          <option value="ASSIST">{t('p_role_ASSIST')}</option>
        </select>
      </label>
      <label>
        {t('p_dueOn')}
        <input name="dueOn" type="date" required value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy !== null}>{t('p_assign')}</button>
    </form>
  );
}

// ---- a handling unit

function UnitView({ unitId }: { unitId: string }) {
  const t = useT();
  const [position, setPosition] = useState<number | null>(null);
  const mine = useLoad(async () => {
    await reach(position);
    const { deadlineBoard } = await gql<{ deadlineBoard: { assignments: Standing[] } }>(
      `query($u: ID) { deadlineBoard(unitId: $u) { assignments { state daysOverdue proposal { id number title proposerId } assignment { ${ASSIGNMENT} consulted } } } }`,
      { u: unitId },
    );
    return deadlineBoard.assignments.filter((s) => s.assignment.unitId === unitId).sort((x, y) => x.assignment.dueOn.localeCompare(y.assignment.dueOn));
  }, [position]);
  return (
    <Card title={`${t('p_unitTitle')} · ${t('p_myAssignments')}`} wide testId="unit-assignments">
      <Show value={mine} empty={(d) => (d.length === 0 ? t('p_myAssignmentsEmpty') : null)}>
        {(list) => (
          <ul class="plain">
            {list.map((s) => {
              const reply = latestReply(s.assignment);
              const open = !s.assignment.returned && (!reply || reply.status === 'SENT_BACK');
              return (
                <li key={s.assignment.id} data-testid={`assignment-${s.assignment.id}`} style={{ borderLeft: `6px solid ${STATE_COLOURS[s.state]}`, paddingLeft: '8px', marginBottom: '10px' }}>
                  <p>
                    <strong>{s.proposal.number}</strong> {s.proposal.title} · {t(`p_role_${s.assignment.role}`)} · {t('p_dueOn')} {s.assignment.dueOn} <StateBadge state={s.state} />
                  </p>
                  {reply && <p class="note" data-testid="reply-status">{t('p_replySent', { v: reply.version, s: t(`p_replyStatus_${reply.status}`) })} · {reply.result}</p>}
                  {!s.assignment.returned && (
                    <p class="note" data-testid="consulted" data-consulted={s.assignment.consulted ? 'yes' : 'no'}>
                      {s.assignment.consulted ? t('p_consulted') : t('p_notConsulted')}
                    </p>
                  )}
                  {!s.assignment.returned && !s.assignment.consulted && s.proposal.proposerId && (
                    <ConsultForm proposalId={s.proposal.id} assignmentId={s.assignment.id} unitId={unitId} proposerId={s.proposal.proposerId} onDone={setPosition} />
                  )}
                  {open && <ReplyForm proposalId={s.proposal.id} assignmentId={s.assignment.id} onDone={setPosition} />}
                </li>
              );
            })}
          </ul>
        )}
      </Show>
    </Card>
  );
}

const CHANNELS = ['VISIT', 'PHONE', 'MEETING', 'ONLINE', 'LETTER', 'EVENT'] as const;

/** 走访提案人: a contact between the unit and the proposer that serves the proposal. */
function ConsultForm({ proposalId, assignmentId, unitId, proposerId, onDone }: { proposalId: string; assignmentId: string; unitId: string; proposerId: string; onDone: (position: number) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('VISIT');
  const [occurredAt, setOccurredAt] = useState(localMinute());
  const [topic, setTopic] = useState(t('p_consult'));
  const { error, busy, run } = useWrite();
  if (!open) {
    return (
      <button type="button" class="secondary" data-testid={`consult-${assignmentId}`} onClick={() => setOpen(true)}>
        {t('p_consult')}
      </button>
    );
  }
  return (
    <form
      class="change-form"
      data-testid={`consult-form-${assignmentId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const contactId = `c-consult-${assignmentId}-${Date.now().toString(36)}`;
        const at = await run(() =>
          write('logContact', 'LogContactInput', {
            contactId,
            proposalIds: [proposalId],
            participantIds: [unitId, proposerId],
            channel,
            // A datetime-local value is the browser's local time: sent as an instant.
            occurredAt: new Date(occurredAt).toISOString(),
            topic: topic.trim() || t('p_consult'),
          }),
        );
        if (at !== null) onDone(at);
      }}
    >
      {error !== null && <ErrorNote error={error} />}
      <label>
        {t('channel')}
        <select name="channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as (typeof CHANNELS)[number])}>
          {CHANNELS.map((c) => <option key={c} value={c}>{t(`ch_${c}`)}</option>)}
        </select>
      </label>
      <label>
        {t('p_occurredAt')}
        <input name="occurredAt" type="datetime-local" required value={occurredAt} onInput={(e) => setOccurredAt(e.currentTarget.value)} />
      </label>
      <label>
        {t('p_consultTopic')}
        <input name="topic" required value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy !== null}>{t('p_record')}</button>
    </form>
  );
}

function ReplyForm({ proposalId, assignmentId, onDone }: { proposalId: string; assignmentId: string; onDone: (position: number) => void }) {
  const t = useT();
  const [result, setResult] = useState<Result>('A');
  const [text, setText] = useState('');
  const [letterDate, setLetterDate] = useState(committeeToday().iso);
  const [plannedOn, setPlannedOn] = useState('');
  const [referenceReason, setReferenceReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { error, busy, run, setError } = useWrite();
  return (
    <form
      class="reply-form"
      data-testid={`reply-form-${assignmentId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        if (result === 'B' && !plannedOn) return setProblem(t('p_needPlanned'));
        if (result === 'C' && !referenceReason.trim()) return setProblem(t('p_needReason'));
        setProblem(null);
        const at = await run(() =>
          write('replyToProposal', 'ReplyToProposalInput', {
            proposalId,
            assignmentId,
            result,
            text,
            letterDate,
            ...(result === 'B' ? { plannedOn } : {}),
            ...(result === 'C' ? { referenceReason: referenceReason.trim() } : {}),
          }),
        );
        if (at !== null) onDone(at);
      }}
    >
      {error !== null && <ErrorNote error={error} />}
      {problem && <p class="note error" role="alert">{problem}</p>}
      <fieldset>
        <legend>{t('p_resultCode')}</legend>
        {(['A', 'B', 'C'] as const).map((r) => (
          <label key={r} class="choice">
            <input type="radio" name={`result-${assignmentId}`} value={r} checked={result === r} onChange={() => setResult(r)} /> {t(`p_result_${r}`)}
          </label>
        ))}
      </fieldset>
      {result === 'B' && (
        <label>
          {t('p_plannedOn')}
          <input name="plannedOn" type="date" value={plannedOn} onInput={(e) => setPlannedOn(e.currentTarget.value)} />
        </label>
      )}
      {result === 'C' && (
        <label>
          {t('p_referenceReason')}
          <input name="referenceReason" value={referenceReason} onInput={(e) => setReferenceReason(e.currentTarget.value)} />
        </label>
      )}
      <label>
        {t('p_replyText')}
        <textarea name="text" required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <label>
        {t('p_letterDate')}
        <input name="letterDate" type="date" required value={letterDate} onInput={(e) => setLetterDate(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy !== null}>{t('p_reply')}</button>
    </form>
  );
}

// ---- a member

function MemberView({ memberId }: { memberId: string }) {
  const t = useT();
  const [position, setPosition] = useState<number | null>(null);
  const all = useLoad(() => proposalsWhere({ memberId: { type: 'ID', value: memberId } }, position, `${PROPOSAL} coSigners { memberId signedAt expiresAt }`, 20), [position]);
  const units = useLoad(unitNames, []);
  const names = units.data ?? new Map<string, string>();
  const invitedTo = (p: Proposal) => (p.proposerId === memberId ? undefined : p.coSigners?.find((c) => c.memberId === memberId));
  // Mine: those I lead or have signed; an unsigned invitation waits in its own card.
  const mine: Loaded<Proposal[]> = { ...all, data: all.data?.filter((p) => !invitedTo(p) || invitedTo(p)!.signedAt) };
  const invitations: Loaded<Proposal[]> = { ...all, data: all.data?.filter((p) => invitedTo(p)) };
  return (
    <div class="grid">
      <InvitationsCard memberId={memberId} invitations={invitations} onDone={setPosition} />
      <Card title={t('p_memberTitle')} wide testId="member-proposals">
        <Show value={mine} empty={(d) => (d.length === 0 ? t('p_myProposalsEmpty') : null)}>
          {(list) => (
            <ul class="plain">
              {list.map((p) => (
                <li key={p.id} data-testid={`my-${p.id}`} style={{ marginBottom: '10px' }}>
                  <p>
                    {p.number && <strong>{p.number} </strong>}
                    {p.title} · <span data-testid="stage">{stageLabel(t, p.stage)}</span>
                  </p>
                  <ul>
                    {p.assignments.filter((a) => !a.returned).map((a) => {
                      const round = a.rounds.at(-1);
                      const released = round?.replies.find((r) => r.status === 'RELEASED');
                      return (
                        <li key={a.id} data-testid={`my-assignment-${a.id}`}>
                          {names.get(a.unitId) ?? a.unitId}（{t(`p_role_${a.role}`)}）·{' '}
                          {released ? `${t('p_replyStatus_RELEASED')} · ${t(`p_result_${released.result}`)}` : t('p_awaitingReply')}
                          {round?.rating && <p class="note" data-testid="rated">{t('p_rated', { a: t(`p_sat_${round.rating.attitude}`), r: t(`p_sat_${round.rating.result}`) })}</p>}
                          {released && !round?.rating && p.stage !== 'CLOSED' && p.proposerId === memberId && <RateForm proposalId={p.id} assignmentId={a.id} onDone={setPosition} />}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </Show>
      </Card>
      <SubmitForm memberId={memberId} onDone={setPosition} />
    </div>
  );
}

/** Proposals this member is invited to co-sign: open ones with a button, expired ones marked, signed ones confirmed. */
function InvitationsCard({ memberId, invitations, onDone }: { memberId: string; invitations: Loaded<Proposal[]>; onDone: (position: number) => void }) {
  const t = useT();
  const { error, busy, run } = useWrite<string>();
  const [signed, setSigned] = useState<Set<string>>(new Set());
  const sign = async (p: Proposal) => {
    const at = await run(() => write('coSignProposal', 'CoSignProposalInput', { proposalId: p.id, memberId }), p.id);
    if (at === null) return;
    setSigned((s) => new Set(s).add(p.id));
    onDone(at);
  };
  const now = Date.now();
  return (
    <Card title={t('p_invitations')} wide testId="invitations">
      {error !== null && <ErrorNote error={error} />}
      <Show value={invitations} empty={(d) => (d.length === 0 ? t('p_invitationsEmpty') : null)}>
        {(list) => (
          <ul class="plain">
            {list.map((p) => {
              const c = p.coSigners!.find((x) => x.memberId === memberId)!;
              const state = c.signedAt || signed.has(p.id) ? 'SIGNED' : Date.parse(c.expiresAt) <= now ? 'EXPIRED' : 'OPEN';
              return (
                <li key={p.id} data-testid={`invitation-${p.id}`} data-state={state} style={{ marginBottom: '8px' }}>
                  <p>
                    {p.number && <strong>{p.number} </strong>}
                    {p.title} · {t('p_proposer')} {p.proposerId}
                  </p>
                  {state === 'SIGNED' && <p class="note" role="status" data-testid="cosigned">{t('p_coSigned')}{c.signedAt ? ` · ${committeeTime(c.signedAt)}` : ''}</p>}
                  {state === 'EXPIRED' && <p class="note" data-testid="expired">{t('p_invitationExpired')} · {committeeTime(c.expiresAt)}</p>}
                  {state === 'OPEN' && (
                    <p>
                      <button type="button" disabled={busy === p.id} onClick={() => sign(p)}>{t('p_coSign')}</button>{' '}
                      <span class="help">{t('p_signBy', { d: committeeTime(c.expiresAt) })}</span>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Show>
    </Card>
  );
}

interface Session {
  id: string;
  name: string;
  termId: string | null;
  startsOn: string;
}

/** A member's own proposal: the session (of a term), title, 案由, 办法 and optional co-signers. */
function SubmitForm({ memberId, onDone }: { memberId: string; onDone: (position: number) => void }) {
  const t = useT();
  const sessions = useLoad(
    async () =>
      (await gql<{ plenarySessions: Session[] }>(`{ plenarySessions { id name termId startsOn } }`)).plenarySessions
        .filter((s) => s.termId)
        .sort((a, b) => b.startsOn.localeCompare(a.startsOn)),
    [],
  );
  const [sessionId, setSessionId] = useState('');
  const [title, setTitle] = useState('');
  const [reasons, setReasons] = useState('');
  const [suggestions, setSuggestions] = useState('');
  const [coSigners, setCoSigners] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, busy, run } = useWrite();
  return (
    <Card title={t('p_submitTitle')} wide testId="submit-proposal">
      <Show value={sessions} empty={(d) => (d.length === 0 ? t('p_noSessions') : null)}>
        {(list) => (
          <form
            class="change-form"
            data-testid="submit-form"
            onSubmit={async (e) => {
              e.preventDefault();
              setDone(null);
              const coSignerIds = coSigners.split(/[\s,，、]+/).map((x) => x.trim()).filter((x) => x && x !== memberId);
              const proposalId = `p-${memberId}-${Date.now().toString(36)}`;
              const at = await run(() =>
                write('submitProposal', 'SubmitProposalInput', {
                  proposalId,
                  sessionId: sessionId || list[0]!.id,
                  proposerId: memberId,
                  title: title.trim(),
                  reasons: reasons.trim(),
                  suggestions: suggestions.trim(),
                  ...(coSignerIds.length ? { coSignerIds: [...new Set(coSignerIds)] } : {}),
                }),
              );
              if (at === null) return;
              setDone(title.trim());
              setTitle('');
              setReasons('');
              setSuggestions('');
              setCoSigners('');
              onDone(at);
            }}
          >
            {error !== null && <ErrorNote error={error} />}
            {done && <p class="note" role="status" data-testid="submitted-note">{t('p_submitted', { title: done })}</p>}
            <label>
              {t('p_session')}
              <select name="session" required value={sessionId || list[0]!.id} onChange={(e) => setSessionId(e.currentTarget.value)}>
                {list.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </label>
            <label>
              {t('p_title')}
              <input name="title" required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
            </label>
            <label>
              {t('p_reasons')}
              <textarea name="reasons" required value={reasons} onInput={(e) => setReasons(e.currentTarget.value)} />
            </label>
            <label>
              {t('p_suggestions')}
              <textarea name="suggestions" required value={suggestions} onInput={(e) => setSuggestions(e.currentTarget.value)} />
            </label>
            <label>
              {t('p_coSignerIds')}
              <input name="coSigners" value={coSigners} onInput={(e) => setCoSigners(e.currentTarget.value)} />
            </label>
            <button type="submit" disabled={busy !== null}>{t('p_submit')}</button>
          </form>
        )}
      </Show>
    </Card>
  );
}

const LEVELS: Satisfaction[] = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];

function RateForm({ proposalId, assignmentId, onDone }: { proposalId: string; assignmentId: string; onDone: (position: number) => void }) {
  const t = useT();
  const [attitude, setAttitude] = useState<Satisfaction>('SATISFIED');
  const [result, setResult] = useState<Satisfaction>('SATISFIED');
  const [comment, setComment] = useState('');
  const { error, run } = useWrite();
  return (
    <form
      class="inline-form"
      data-testid={`rate-form-${assignmentId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const at = await run(() => write('rateReply', 'RateReplyInput', { proposalId, assignmentId, attitude, result, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
        if (at !== null) onDone(at);
      }}
    >
      {error !== null && <ErrorNote error={error} />}
      <label>
        {t('p_attitude')}
        <select name="attitude" value={attitude} onChange={(e) => setAttitude(e.currentTarget.value as Satisfaction)}>
          {LEVELS.map((l) => <option key={l} value={l}>{t(`p_sat_${l}`)}</option>)}
        </select>
      </label>
      <label>
        {t('p_resultAxis')}
        <select name="result" value={result} onChange={(e) => setResult(e.currentTarget.value as Satisfaction)}>
          {LEVELS.map((l) => <option key={l} value={l}>{t(`p_sat_${l}`)}</option>)}
        </select>
      </label>
      <label>
        {t('p_comment')}
        <input name="comment" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="submit">{t('p_rate')}</button>
    </form>
  );
}

// ---- leaders

interface UnitRow {
  unitId: string;
  unitName: string | null;
  assigned: number;
  overdueNow: number;
  lead: { due: number; onTime: number };
  assisting: { due: number; onTime: number };
}
interface LeaderAnswer {
  unitStandings: UnitRow[];
  overdueProposals: Array<{ daysOverdue: number }>;
  keyProposals: Array<{ assignments: number; replied: number; overdue: number; proposal: { id: string; number: string | null; title: string } }>;
}

const onTimeRate = (u: UnitRow) => {
  const due = u.lead.due + u.assisting.due;
  return due === 0 ? null : (u.lead.onTime + u.assisting.onTime) / due;
};

/** The leaders' dashboard card: each unit's punctuality, as of the dashboard's asOf. */
export function LeadersProposalsCard({ asOf }: { asOf: string }) {
  const t = useT();
  const [unit, setUnit] = useState<UnitRow | null>(null);
  const figures = useLoad(
    () =>
      gql<LeaderAnswer>(`query($asOf: String) {
        unitStandings(asOf: $asOf) { unitId unitName assigned overdueNow lead { due onTime } assisting { due onTime } }
        overdueProposals(asOf: $asOf) { daysOverdue }
        keyProposals(asOf: $asOf) { assignments replied overdue proposal { id number title } }
      }`, { asOf: asOf || null }),
    [asOf],
  );
  return (
    <div class="grid">
      <Card title={t('p_leaderCard')} help={t('p_leaderHelp')} wide testId="proposals-card">
        <Show value={figures}>
          {(data) => (
            <>
              <p class="kpi" data-testid="overdue-count">
                {t('p_overdueCount')}: <strong>{data.overdueProposals.length}</strong>
              </p>
              {data.unitStandings.length === 0 ? <p class="note empty">{t('p_unitsEmpty')}</p> : <UnitBars units={data.unitStandings} onPick={setUnit} />}
              <h3>{t('p_keyProposals')}</h3>
              {data.keyProposals.length === 0 ? (
                <p class="note empty">{t('p_keyEmpty')}</p>
              ) : (
                <ul data-testid="key-proposals">
                  {data.keyProposals.map((k) => (
                    <li key={k.proposal.id}>
                      {k.proposal.number} {k.proposal.title} · {t('p_keyProgress', { r: k.replied, n: k.assignments, o: k.overdue })}
                    </li>
                  ))}
                </ul>
              )}
              {unit && <UnitList unit={unit} />}
            </>
          )}
        </Show>
      </Card>
    </div>
  );
}

function UnitBars({ units, onPick }: { units: UnitRow[]; onPick: (u: UnitRow) => void }) {
  const t = useT();
  const rows = useMemo(() => [...units].sort((a, b) => (onTimeRate(b) ?? -1) - (onTimeRate(a) ?? -1)), [units]);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((u) => u.unitName ?? u.unitId) },
      series: [
        {
          type: 'bar',
          data: rows.map((u) => Math.round((onTimeRate(u) ?? 0) * 100)),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => percent(onTimeRate(rows[p.dataIndex]!)) },
          itemStyle: { color: '#2e7d32' },
        },
      ],
    }),
    [rows],
  );
  return (
    <>
      <Chart option={option} height={Math.max(80, rows.length * 28 + 30)} label={t('p_onTimeChart')} testId="ontime-chart" onClick={(p) => rows[p.dataIndex] && onPick(rows[p.dataIndex]!)} />
      <div class="table-scroll"><table data-testid="unit-table">
        <thead><tr><th>{t('p_unit')}</th><th>{t('p_onTime')}</th><th>{t('p_overdueCount')}</th></tr></thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.unitId}>
              <td><button type="button" class="link" data-testid={`unit-${u.unitId}`} onClick={() => onPick(u)}>{u.unitName ?? u.unitId}</button></td>
              <td>{percent(onTimeRate(u))}</td>
              <td>{u.overdueNow}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </>
  );
}

function UnitList({ unit }: { unit: UnitRow }) {
  const t = useT();
  const list = useLoad(() => proposalsWhere({ unitId: { type: 'ID', value: unit.unitId } }, null), [unit.unitId]);
  return (
    <section data-testid="unit-list">
      <h3>{t('p_unitList', { u: unit.unitName ?? unit.unitId })}</h3>
      <Show value={list} empty={(d) => (d.length === 0 ? t('p_unitsEmpty') : null)}>
        {(ps) => (
          <ul>
            {ps.map((p) => {
              const a = p.assignments.find((x) => x.unitId === unit.unitId);
              return (
                <li key={p.id}>
                  {p.number} {p.title} · {stageLabel(t, p.stage)}
                  {a && <> · {t('p_dueOn')} {a.dueOn} <StateBadge state={a.deadlineState} /></>}
                  {' '}<span class="help">{committeeDay(p.submittedAt)}</span>
                </li>
              );
            })}
          </ul>
        )}
      </Show>
    </section>
  );
}
