/**
 * The inspections views (视察考察): the committee office's planner, where an inspection or study
 * visit is planned, members are invited and their answers recorded, the visit is held with who
 * attended, and its report is recorded with numbered recommendations each addressed to a unit,
 * with what is overdue; a member's own invitations, its answers and its attendance; a unit's
 * recommendations addressed to it, each followed up. Everything through the public GraphQL API;
 * after a write the next read asks for at least its position.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { allPages, gql } from '../api.js';
import { loadDirectory, nameOf, type Directory } from '../directory.js';
import { useWingT, type LabelKey, type WingTranslate } from '../i18n.js';
import { Card, committeeToday, Empty, percent, Show, useLoad } from '../ui/common.js';
import { present, StepForm, type FieldSpec } from '../ui/stepForm.js';
import { reachWith, write } from '../ui/write.js';
import type { InspectionsRole } from './index.js';
import { INSPECTION_LABELS } from './labels.js';

type T = WingTranslate<keyof typeof INSPECTION_LABELS>;
const useIT = (): T => useWingT(INSPECTION_LABELS);

type Kind = 'INSPECTION' | 'STUDY_VISIT';
type Stage = 'PLANNED' | 'CANCELLED' | 'HELD' | 'REPORTED';
type Answer = 'ACCEPTED' | 'DECLINED';
type Status = 'ACCEPTED' | 'IN_PROGRESS' | 'DONE' | 'NOT_ADOPTED';
type DeadlineState = 'NOT_YET_DUE' | 'DUE_SOON' | 'OVERDUE' | 'REPLIED_ON_TIME' | 'REPLIED_LATE';
const KINDS: Kind[] = ['INSPECTION', 'STUDY_VISIT'];
const ANSWERS: Answer[] = ['ACCEPTED', 'DECLINED'];
const STATUSES: Status[] = ['ACCEPTED', 'IN_PROGRESS', 'DONE', 'NOT_ADOPTED'];

interface Recommendation {
  number: number;
  text: string;
  unitId: string;
  responseDueOn: string;
  status: Status | null;
  deadlineState: DeadlineState;
  daysOverdue: number;
  followUps: Array<{ status: Status; text: string; reason: string; respondedOn: string }>;
}
interface Inspection {
  id: string;
  kind: Kind;
  topic: string;
  organiserKind: 'SPECIAL_COMMITTEE' | 'SECTOR' | 'CHAIRS';
  organiserId: string;
  organiserName: string | null;
  startsOn: string;
  endsOn: string;
  place: string;
  stage: Stage;
  year: number;
  cancelled: { reason: string } | null;
  invitations: Array<{ inviteeId: string; answer: Answer | null; reason: string; attended: boolean }>;
  attendeeIds: string[];
  held: { heldFrom: string; heldTo: string; placesVisited: string[]; unitIds: string[]; reportDueOn: string } | null;
  reportDeadlineState: DeadlineState | null;
  reportDaysOverdue: number;
  report: { reportedOn: string; summary: string } | null;
  recommendations: Recommendation[];
}

const INSPECTION = `id kind topic organiserKind organiserId organiserName startsOn endsOn place stage year cancelled { reason }
  invitations { inviteeId answer reason attended } attendeeIds held { heldFrom heldTo placesVisited unitIds reportDueOn }
  reportDeadlineState reportDaysOverdue report { reportedOn summary }
  recommendations { number text unitId responseDueOn status deadlineState daysOverdue followUps { status text reason respondedOn } }`;

const reach = reachWith('inspections');
async function inspections(position: number | null, args: Record<string, { type: string; value: unknown }> = {}): Promise<Inspection[]> {
  await reach(position);
  return allPages<Inspection>('inspections', INSPECTION, args, 20);
}
/**
 * The inspections a view lists (the API narrows them to the token's grants; `args` narrows them
 * further), the roster for names, and the position of the view's last write, which the next read
 * waits for.
 */
function useInspections(args: Record<string, { type: string; value: unknown }> = {}) {
  const [position, setPosition] = useState<number | null>(null);
  const directory = useLoad(loadDirectory, []);
  const list = useLoad(() => inspections(position, args), [position]);
  return { position, setPosition, directory, list };
}
const today = () => committeeToday().iso;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
/** One text a line, blank lines left out. */
const lines = (value: unknown) => String(value ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

type Options = Array<[string, string]>;
/** Members still on the committee and registered persons: who may be invited and attend. */
const people = (directory: Directory | undefined): Options =>
  [...(directory?.values() ?? [])].filter((e) => (e.kind === 'MEMBER' && e.status !== 'LEFT') || e.kind === 'PERSON').map((e) => [e.id, e.name]);
const organizationsOf = (directory: Directory | undefined, kinds: string[]): Options =>
  [...(directory?.values() ?? [])].filter((e) => e.kind === 'ORGANIZATION' && kinds.includes(e.orgKind ?? '')).map((e) => [e.id, e.name]);

export function InspectionsView({ role, id }: { role: string; id?: string }) {
  if ((role as InspectionsRole) === 'OFFICE') return <OfficePlanner />;
  if ((role as InspectionsRole) === 'UNIT') return <UnitView unitId={id!} />;
  return <MemberView memberId={id!} />;
}

// ---- shared pieces

const datesOf = (i: Pick<Inspection, 'startsOn' | 'endsOn'>) => (i.startsOn === i.endsOn ? i.startsOn : `${i.startsOn} – ${i.endsOn}`);
const organiserOf = (t: T, i: Inspection) => (i.organiserKind === 'CHAIRS' ? t('i_chairs') : (i.organiserName ?? i.organiserId));
const answerOf = (t: T, answer: Answer | null) => t(`i_answer_${answer ?? 'NONE'}`);
const deadlineLabel = (t: T, state: DeadlineState) => t(`p_state_${state}` as LabelKey);

/** A deadline's state as a coloured chip: red when overdue, green when met on time. */
function Deadline({ state, children }: { state: DeadlineState; children: string }) {
  const tone = state === 'OVERDUE' ? ' overdue' : state === 'REPLIED_ON_TIME' ? ' ok' : '';
  return <span class={`badge${tone}`} data-testid="deadline" data-state={state}>{children}</span>;
}

/** One line that says what the inspection is: kind, topic, organiser, dates, place, and where it stands. */
function Heading({ inspection: i }: { inspection: Inspection }) {
  const t = useIT();
  return (
    <p>
      <strong>{t(`i_kind_${i.kind}`)}</strong> {i.topic} · {organiserOf(t, i)} · {datesOf(i)} · {i.place} · <span data-testid="stage">{t(`i_stage_${i.stage}`)}</span>
      {i.cancelled && `（${i.cancelled.reason}）`}
    </p>
  );
}

/** What was done once planned: the visit, the report's deadline, the report itself. */
function Record({ inspection: i }: { inspection: Inspection }) {
  const t = useIT();
  return (
    <>
      {i.held && <p data-testid="visit">{t('i_visit', { dates: datesOf({ startsOn: i.held.heldFrom, endsOn: i.held.heldTo }), places: i.held.placesVisited.join('、') })}</p>}
      {i.held && !i.report && i.reportDeadlineState && (
        <p>
          <Deadline state={i.reportDeadlineState}>{i.reportDeadlineState === 'OVERDUE' ? t('i_reportOverdue', { n: i.reportDaysOverdue }) : t('i_reportDue', { d: i.held.reportDueOn })}</Deadline>
        </p>
      )}
      {i.report && <p data-testid="report">{t('i_reported', { d: i.report.reportedOn, summary: i.report.summary })}</p>}
    </>
  );
}

/** The report's recommendations, each with its unit, deadline, status and follow-ups; `action` adds a form under one. */
function Recommendations(props: { list: Recommendation[]; directory?: Directory; action?: (r: Recommendation) => ComponentChildren }) {
  const t = useIT();
  if (props.list.length === 0) return null;
  return (
    <section data-testid="recommendations">
      <h3>{t('i_recommendations')}</h3>
      <ul class="plain">
        {props.list.map((r) => (
          <li key={r.number} data-testid={`recommendation-${r.number}`} data-status={r.status ?? 'NONE'}>
            <p>
              <b>{t('i_recommendationN', { n: r.number })}</b>（{nameOf(props.directory, r.unitId)}）：{r.text}
            </p>
            <p>
              <span data-testid="status">{t(`i_status_${r.status ?? 'NONE'}`)}</span> · {t('i_responseDue', { d: r.responseDueOn })}{' '}
              <Deadline state={r.deadlineState}>{r.deadlineState === 'OVERDUE' ? t('i_daysOverdue', { n: r.daysOverdue }) : deadlineLabel(t, r.deadlineState)}</Deadline>
            </p>
            {r.followUps.length > 0 && (
              <ul class="ladder" data-testid="follow-ups">
                {r.followUps.map((f, n) => (
                  <li key={n} class="done">{t('i_followUpLine', { d: f.respondedOn, s: t(`i_status_${f.status}`), text: f.reason ? `${f.text}（${f.reason}）` : f.text })}</li>
                ))}
              </ul>
            )}
            {props.action?.(r)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A unit's follow-up of one recommendation (or the office typing in one handed over on paper); the
 * latest holds. Opened afresh after each follow-up, so it starts from the status that now holds.
 */
function FollowUpForm({ inspectionId, recommendation: r, onDone }: { inspectionId: string; recommendation: Recommendation; onDone: (position: number) => void }) {
  const t = useIT();
  return (
    <StepForm
      key={r.followUps.length}
      testId={`follow-up-${r.number}`}
      title={t('i_followUp', { n: r.number })}
      fields={[
        { name: 'status', label: t('i_status'), kind: 'select', options: STATUSES.map((s): [string, string] => [s, t(`i_status_${s}`)]), initial: r.status ?? 'ACCEPTED' },
        { name: 'text', label: t('i_response'), kind: 'textarea', required: true },
        { name: 'reason', label: t('i_notAdoptedReason'), kind: 'text' },
        { name: 'respondedOn', label: t('i_respondedOn'), kind: 'date', required: true, initial: today() },
      ]}
      submit={t('i_record')}
      send={(v) => write('followUpRecommendation', 'FollowUpRecommendationInput', { inspectionId, number: r.number, status: v.status, ...present(v, 'text', 'reason', 'respondedOn') })}
      onDone={onDone}
    />
  );
}

// ---- the committee office's planner

function OfficePlanner() {
  const t = useIT();
  const { position, setPosition, directory, list } = useInspections();
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.data?.find((i) => i.id === openId);
  const organisers: Options = [['CHAIRS', t('i_chairs')], ...organizationsOf(directory.data, ['SPECIAL_COMMITTEE', 'SECTOR'])];

  return (
    <div class="grid" data-testid="inspections-planner">
      <Card title={t('i_plannerTitle')} help={t('i_plannerHelp')} wide testId="inspection-list">
        <Show value={list} empty={(d) => (d.length === 0 ? t('i_listEmpty') : null)}>
          {(rows) => (
            <div class="table-scroll"><table>
              <thead><tr><th>{t('i_kind')}</th><th>{t('i_topic')}</th><th>{t('i_organiser')}</th><th>{t('i_dates')}</th><th>{t('i_place')}</th><th>{t('i_invited')}</th><th>{t('i_stage')}</th><th /></tr></thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.id} data-testid={`inspection-${i.id}`} data-stage={i.stage}>
                    <td>{t(`i_kind_${i.kind}`)}</td>
                    <td>{i.topic}</td>
                    <td>{organiserOf(t, i)}</td>
                    <td>{datesOf(i)}</td>
                    <td>{i.place}</td>
                    <td data-testid="invited">{i.invitations.length} / {i.invitations.filter((x) => x.answer === 'ACCEPTED').length}</td>
                    <td data-testid="stage">
                      {t(`i_stage_${i.stage}`)}
                      {i.reportDeadlineState === 'OVERDUE' && !i.report && <> <Deadline state="OVERDUE">{t('i_reportOverdue', { n: i.reportDaysOverdue })}</Deadline></>}
                    </td>
                    <td><button type="button" class="secondary" data-testid={`open-${i.id}`} onClick={() => setOpenId(i.id)}>{t('i_open')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </Show>
      </Card>
      {open && <InspectionDesk key={open.id} inspection={open} directory={directory.data} onDone={setPosition} />}
      <Card title={t('i_plan')} testId="inspection-plan">
        <StepForm
          testId="plan-form"
          clear
          fields={[
            { name: 'kind', label: t('i_kind'), kind: 'select', options: KINDS.map((k): [string, string] => [k, t(`i_kind_${k}`)]) },
            { name: 'topic', label: t('i_topic'), kind: 'text', required: true },
            { name: 'organiserId', label: t('i_organiser'), kind: 'select', options: organisers },
            { name: 'startsOn', label: t('i_startsOn'), kind: 'date', required: true, initial: today() },
            { name: 'endsOn', label: t('i_endsOn'), kind: 'date' },
            { name: 'place', label: t('i_place'), kind: 'text', required: true },
          ]}
          submit={t('i_planSubmit')}
          done={t('i_recorded')}
          send={(v) => write('planInspection', 'PlanInspectionInput', { inspectionId: newId('i'), kind: v.kind, organiserId: v.organiserId, ...present(v, 'topic', 'startsOn', 'endsOn', 'place') })}
          onDone={(at) => (setPosition(at), setOpenId(null))}
        />
      </Card>
      <OverdueCard refresh={position} directory={directory.data} />
    </div>
  );
}

/** One inspection at the planner: its record, its invitations, and the steps its stage allows. */
function InspectionDesk({ inspection: i, directory, onDone }: { inspection: Inspection; directory?: Directory; onDone: (position: number) => void }) {
  const t = useIT();
  const id = { inspectionId: i.id };
  const everyone = people(directory);
  const invited = new Set(i.invitations.map((x) => x.inviteeId));
  const accepted = i.invitations.filter((x) => x.answer === 'ACCEPTED').map((x) => x.inviteeId);
  // The invitees first, then everyone else who may attend.
  const attendable: Options = [...everyone.filter(([p]) => invited.has(p)), ...everyone.filter(([p]) => !invited.has(p))];
  const units = organizationsOf(directory, ['HANDLING_UNIT']);
  const uninvited = i.attendeeIds.filter((a) => !invited.has(a));
  const planned = i.stage === 'PLANNED';
  const held = i.stage === 'HELD' || i.stage === 'REPORTED';

  return (
    <Card title={t('i_desk', { topic: i.topic })} wide testId="inspection-desk">
      <Heading inspection={i} />
      <Record inspection={i} />
      <section data-testid="invitations">
        <h3>{t('i_invitations')}</h3>
        {i.invitations.length === 0 ? (
          <Empty>{t('i_invitationsEmpty')}</Empty>
        ) : (
          <div class="table-scroll"><table>
            <thead><tr><th>{t('i_invitee')}</th><th>{t('i_answer')}</th><th>{t('i_reason')}</th>{held && <th>{t('i_attendees')}</th>}</tr></thead>
            <tbody>
              {i.invitations.map((x) => (
                <tr key={x.inviteeId} data-invitee={x.inviteeId} data-answer={x.answer ?? 'NONE'}>
                  <td>{nameOf(directory, x.inviteeId)}</td>
                  <td>{answerOf(t, x.answer)}</td>
                  <td>{x.reason}</td>
                  {held && <td data-testid="attended">{x.attended ? t('i_attended') : t('i_absent')}</td>}
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
        {uninvited.length > 0 && <p class="note" data-testid="uninvited">{t('i_uninvited', { who: uninvited.map((a) => nameOf(directory, a)).join('、') })}</p>}
      </section>
      <Recommendations list={i.recommendations} directory={directory} />
      <div class="steps">
        {i.recommendations.map((r) => <FollowUpForm key={r.number} inspectionId={i.id} recommendation={r} onDone={onDone} />)}
        {planned && everyone.some(([p]) => !invited.has(p)) && (
          <StepForm
            key={`invite:${i.invitations.length}`}
            testId="invite-form"
            title={t('i_invite')}
            fields={[{ name: 'inviteeIds', label: t('i_inviteeIds'), kind: 'multi', options: everyone.filter(([p]) => !invited.has(p)) }]}
            submit={t('i_inviteSubmit')}
            send={(v) => write('inviteToInspection', 'InviteToInspectionInput', { ...id, inviteeIds: v.inviteeIds })}
            onDone={onDone}
          />
        )}
        {planned && i.invitations.length > 0 && (
          <StepForm
            testId="answer-for-form"
            title={t('i_answerFor')}
            clear
            fields={[
              { name: 'inviteeId', label: t('i_invitee'), kind: 'select', options: i.invitations.map((x): [string, string] => [x.inviteeId, `${nameOf(directory, x.inviteeId)}（${answerOf(t, x.answer)}）`]) },
              { name: 'answer', label: t('i_answer'), kind: 'select', options: ANSWERS.map((a): [string, string] => [a, answerOf(t, a)]) },
              { name: 'reason', label: t('i_reason'), kind: 'text' },
            ]}
            submit={t('i_record')}
            done={t('i_recorded')}
            send={(v) => write('answerInspectionInvitation', 'AnswerInspectionInvitationInput', { ...id, inviteeId: v.inviteeId, answer: v.answer, ...present(v, 'reason') })}
            onDone={onDone}
          />
        )}
        {planned && (
          <StepForm
            // Opened again when an answer comes in, so the attendees start as those who accepted.
            key={`hold:${accepted.join(',')}`}
            testId="hold-form"
            title={t('i_hold')}
            fields={[
              { name: 'heldFrom', label: t('i_heldFrom'), kind: 'date', required: true, initial: i.startsOn <= today() ? i.startsOn : today() },
              { name: 'heldTo', label: t('i_heldTo'), kind: 'date', initial: i.endsOn <= today() ? i.endsOn : '' },
              { name: 'placesVisited', label: t('i_placesVisited'), kind: 'textarea', required: true, initial: i.place },
              { name: 'unitIds', label: t('i_unitsMet'), kind: 'multi', options: units },
              { name: 'attendeeIds', label: t('i_attendees'), kind: 'multi', options: attendable, initial: accepted },
            ]}
            submit={t('i_record')}
            send={(v) => write('holdInspection', 'HoldInspectionInput', { ...id, placesVisited: lines(v.placesVisited), unitIds: v.unitIds, attendeeIds: v.attendeeIds, ...present(v, 'heldFrom', 'heldTo') })}
            onDone={onDone}
          />
        )}
        {planned && (
          <StepForm
            testId="reschedule-form"
            title={t('i_reschedule')}
            fields={[
              { name: 'startsOn', label: t('i_startsOn'), kind: 'date', required: true, initial: i.startsOn },
              { name: 'endsOn', label: t('i_endsOn'), kind: 'date', initial: i.endsOn },
              { name: 'place', label: t('i_place'), kind: 'text', initial: i.place },
              { name: 'reason', label: t('i_reason'), kind: 'text', required: true },
            ]}
            submit={t('i_reschedule')}
            send={(v) => write('rescheduleInspection', 'RescheduleInspectionInput', { ...id, ...present(v, 'startsOn', 'endsOn', 'place', 'reason') })}
            onDone={onDone}
          />
        )}
        {planned && (
          <StepForm
            testId="cancel-form"
            title={t('i_cancel')}
            fields={[{ name: 'reason', label: t('i_reason'), kind: 'text', required: true }]}
            submit={t('i_cancel')}
            send={(v) => write('cancelInspection', 'CancelInspectionInput', { ...id, ...present(v, 'reason') })}
            onDone={onDone}
          />
        )}
        {held && (
          <StepForm
            key={`attendance:${i.attendeeIds.join(',')}`}
            testId="attendance-form"
            title={t('i_attendance')}
            fields={[
              { name: 'attendeeIds', label: t('i_attendees'), kind: 'multi', options: attendable, initial: i.attendeeIds },
              { name: 'reason', label: t('i_reason'), kind: 'text', required: true },
            ]}
            submit={t('i_record')}
            done={t('i_recorded')}
            send={(v) => write('recordInspectionAttendance', 'RecordInspectionAttendanceInput', { ...id, attendeeIds: v.attendeeIds, ...present(v, 'reason') })}
            onDone={onDone}
          />
        )}
        {i.stage === 'HELD' && <ReportForm inspection={i} units={units} onDone={onDone} />}
      </div>
    </Card>
  );
}

/**
 * The report and its recommendations, numbered in the order typed, each addressed to a unit: the
 * step form's fields grow by a recommendation's pair (text, unit) at a time, and what was typed
 * stays when one is added.
 */
function ReportForm({ inspection: i, units, onDone }: { inspection: Inspection; units: Options; onDone: (position: number) => void }) {
  const t = useIT();
  const [count, setCount] = useState(1);
  const numbers = Array.from({ length: count }, (_, k) => k + 1);
  return (
    <div data-testid="report-step">
      <h3>{t('i_report')}</h3>
      <p class="actions">
        <button type="button" class="secondary" data-testid="add-recommendation" onClick={() => setCount((n) => n + 1)}>{t('i_addRecommendation')}</button>
        {count > 1 && <button type="button" class="link" data-testid="remove-recommendation" onClick={() => setCount((n) => n - 1)}>{t('i_removeRecommendation', { n: count })}</button>}
      </p>
      <StepForm
        testId="report-form"
        fields={[
          { name: 'reportedOn', label: t('i_reportedOn'), kind: 'date', required: true, initial: today() },
          { name: 'summary', label: t('i_summary'), kind: 'textarea', required: true },
          ...numbers.flatMap((n): FieldSpec[] => [
            { name: `recommendation${n}`, label: t('i_recommendationN', { n }), kind: 'textarea', required: true },
            { name: `unit${n}`, label: t('i_addressedTo'), kind: 'select', options: units },
          ]),
        ]}
        submit={t('i_reportSubmit')}
        send={(v) =>
          write('reportInspection', 'ReportInspectionInput', {
            inspectionId: i.id,
            ...present(v, 'reportedOn', 'summary'),
            // A pair added after the form opened has no value until typed or chosen: its unit is then the first offered.
            recommendations: numbers.map((n) => ({ text: String(v[`recommendation${n}`] ?? '').trim(), unitId: String(v[`unit${n}`] || units[0]?.[0] || '') })),
          })
        }
        onDone={onDone}
      />
    </div>
  );
}

interface Overdue {
  overdueInspectionReports: Array<{ daysOverdue: number; inspection: { id: string; topic: string; held: { reportDueOn: string } } }>;
  overdueRecommendations: Array<{ daysOverdue: number; inspection: { id: string; topic: string }; recommendation: { number: number; unitId: string; responseDueOn: string } }>;
}

/** Reports and first responses past their deadlines today, longest overdue first (as the API orders them). */
function OverdueCard({ refresh, directory }: { refresh: number | null; directory?: Directory }) {
  const t = useIT();
  const overdue = useLoad(
    () =>
      gql<Overdue>(
        `query($p: Float) {
          overdueInspectionReports(first: 100, atLeastPosition: $p) { daysOverdue inspection { id topic held { reportDueOn } } }
          overdueRecommendations(first: 100, atLeastPosition: $p) { daysOverdue inspection { id topic } recommendation { number unitId responseDueOn } }
        }`,
        { p: refresh },
      ),
    [refresh],
  );
  return (
    <Card title={t('i_overdueTitle')} help={t('i_overdueHelp')} testId="inspection-overdue">
      <Show value={overdue} empty={(d) => (d.overdueInspectionReports.length + d.overdueRecommendations.length === 0 ? t('i_overdueNone') : null)}>
        {(d) => (
          <>
            <h3>{t('i_overdueReports')}</h3>
            <ul class="plain" data-testid="overdue-reports">
              {d.overdueInspectionReports.map((o) => (
                <li key={o.inspection.id} data-inspection={o.inspection.id}>{t('i_overdueReport', { topic: o.inspection.topic, d: o.inspection.held.reportDueOn, n: o.daysOverdue })}</li>
              ))}
            </ul>
            <h3>{t('i_overdueRecommendations')}</h3>
            <ul class="plain" data-testid="overdue-recommendations">
              {d.overdueRecommendations.map((o) => (
                <li key={`${o.inspection.id}:${o.recommendation.number}`} data-inspection={o.inspection.id} data-number={o.recommendation.number}>
                  {t('i_overdueRecommendation', { topic: o.inspection.topic, k: o.recommendation.number, unit: nameOf(directory, o.recommendation.unitId), d: o.recommendation.responseDueOn, n: o.daysOverdue })}
                </li>
              ))}
            </ul>
          </>
        )}
      </Show>
    </Card>
  );
}

// ---- a member

function MemberView({ memberId }: { memberId: string }) {
  const t = useIT();
  const { position, setPosition, directory, list: mine } = useInspections({ memberId: { type: 'ID', value: memberId } });
  return (
    <div class="grid" data-testid="inspections-member">
      <Card title={t('i_memberTitle')} wide testId="my-inspections">
        <Show value={mine} empty={(d) => (d.length === 0 ? t('i_myEmpty') : null)}>
          {(rows) => (
            <ul class="plain">
              {rows.map((i) => {
                const invitation = i.invitations.find((x) => x.inviteeId === memberId);
                const attended = i.attendeeIds.includes(memberId);
                return (
                  <li key={i.id} data-testid={`my-inspection-${i.id}`}>
                    <Heading inspection={i} />
                    {invitation && (
                      <p data-testid="my-answer" data-answer={invitation.answer ?? 'NONE'}>
                        {t('i_myAnswer', { a: answerOf(t, invitation.answer) })}
                        {invitation.reason && `（${invitation.reason}）`}
                        {i.held && ` · ${attended ? t('i_attended') : t('i_absent')}`}
                      </p>
                    )}
                    <Record inspection={i} />
                    <Recommendations list={i.recommendations} directory={directory.data} />
                    {invitation && i.stage === 'PLANNED' && (
                      <StepForm
                        testId="answer-form"
                        fields={[
                          { name: 'answer', label: t('i_answer'), kind: 'select', options: ANSWERS.map((a): [string, string] => [a, answerOf(t, a)]), initial: invitation.answer ?? 'ACCEPTED' },
                          { name: 'reason', label: t('i_reason'), kind: 'text', initial: invitation.reason },
                        ]}
                        submit={t('i_answerSubmit')}
                        done={t('i_recorded')}
                        send={(v) => write('answerInspectionInvitation', 'AnswerInspectionInvitationInput', { inspectionId: i.id, inviteeId: memberId, answer: v.answer, ...present(v, 'reason') })}
                        onDone={setPosition}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Show>
      </Card>
      <AttendanceCard memberId={memberId} years={mine.data?.map((i) => i.year) ?? []} refresh={position} />
    </div>
  );
}

interface Attendance {
  invited: number;
  accepted: number;
  declined: number;
  attended: number;
  attendedInvited: number;
  rate: number | null;
}

/** The member's attendance rate for each year it was invited in (this year when none), held inspections only. */
function AttendanceCard({ memberId, years, refresh }: { memberId: string; years: number[]; refresh: number | null }) {
  const t = useIT();
  const asked = [...new Set(years.length > 0 ? years : [committeeToday().year])].sort((a, b) => b - a);
  const figures = useLoad(
    () =>
      Promise.all(
        asked.map(async (y) => {
          const d = await gql<{ inspectionAttendance: Attendance[] }>(
            `query($y: Int!, $m: ID, $p: Float) { inspectionAttendance(year: $y, memberId: $m, atLeastPosition: $p) { invited accepted declined attended attendedInvited rate } }`,
            { y, m: memberId, p: refresh },
          );
          return { year: y, a: d.inspectionAttendance[0] ?? { invited: 0, accepted: 0, declined: 0, attended: 0, attendedInvited: 0, rate: null } };
        }),
      ),
    [asked.join(','), refresh],
  );
  return (
    <Card title={t('i_attendanceTitle')} help={t('i_attendanceHelp')} testId="my-attendance">
      <Show value={figures}>
        {(rows) => (
          <ul class="plain">
            {rows.map(({ year, a }) => (
              <li key={year} data-year={year}>
                <p class="kpi" data-testid="attendance-rate">{t('i_attendanceRate', { y: year, r: percent(a.rate) })}</p>
                <p data-testid="attendance-counts">{t('i_attendanceCounts', { i: a.invited, a: a.accepted, d: a.declined, ai: a.attendedInvited, at: a.attended })}</p>
              </li>
            ))}
          </ul>
        )}
      </Show>
    </Card>
  );
}

// ---- a unit

interface UnitStanding {
  recommendationStandings: Array<{ recommendations: number; overdue: number; shareOnTime: number | null }>;
  inspectionRules: { responseDueDays: number };
}

function UnitView({ unitId }: { unitId: string }) {
  const t = useIT();
  const { position, setPosition, directory, list } = useInspections({ unitId: { type: 'ID', value: unitId } });
  const standing = useLoad(
    () =>
      gql<UnitStanding>(`query($u: ID, $p: Float) { recommendationStandings(unitId: $u, atLeastPosition: $p) { recommendations overdue shareOnTime } inspectionRules { responseDueDays } }`, { u: unitId, p: position }),
    [position],
  );
  const ours = (i: Inspection) => i.recommendations.filter((r) => r.unitId === unitId);
  return (
    <Card title={t('i_unitTitle')} wide testId="unit-recommendations">
      <Show value={standing}>
        {({ recommendationStandings: [s], inspectionRules: { responseDueDays: m } }) =>
          s && s.recommendations > 0 && <p class="kpi" data-testid="unit-standing">{t('i_unitStanding', { n: s.recommendations, o: s.overdue, m, r: percent(s.shareOnTime) })}</p>
        }
      </Show>
      <Show value={list} empty={(d) => (d.every((i) => ours(i).length === 0) ? t('i_unitEmpty') : null)}>
        {(rows) => (
          <ul class="plain">
            {rows.filter((i) => ours(i).length > 0).map((i) => (
              <li key={i.id} data-testid={`unit-inspection-${i.id}`}>
                <Heading inspection={i} />
                <Record inspection={i} />
                <Recommendations list={ours(i)} directory={directory.data} action={(r) => <div class="steps"><FollowUpForm inspectionId={i.id} recommendation={r} onDone={setPosition} /></div>} />
              </li>
            ))}
          </ul>
        )}
      </Show>
    </Card>
  );
}
