/**
 * The committee office's forms for the duty records: record a meeting (a plenary sitting within
 * its session, or a standing-committee meeting) and its roll call, member by member (出席, 请假
 * with the reason, 缺席); correct one member's attendance with a reason; set the points table in
 * force from a year on. After a write the records and the meetings are read at least at its
 * position, so the list shows what was just recorded.
 */
import { useMemo, useState } from 'preact/hooks';
import { allPages, gql } from '../api.js';
import { Card, committeeToday, ErrorNote, Show, useLoad } from '../ui/common.js';
import { present, StepForm, type FieldSpec } from '../ui/stepForm.js';
import { useWrite, write } from '../ui/write.js';
import type { DutyScope } from './index.js';
import { scopeVars, useDT, type Key, type T } from './shared.js';

type Status = 'ATTENDED' | 'EXCUSED' | 'ABSENT';
const STATUSES: Status[] = ['ATTENDED', 'EXCUSED', 'ABSENT'];
interface Meeting {
  id: string;
  kind: 'PLENARY' | 'STANDING_COMMITTEE';
  title: string;
  heldOn: string;
  sessionId: string | null;
  termId: string | null;
  attendance: Array<{ memberId: string; status: Status; leaveReason: string; corrections: number }>;
}
interface Levels {
  city: number;
  prefecture: number;
  province: number;
  national: number;
}
interface Points {
  contact: number;
  linkServed: number;
  linkMet: number;
  proposalLed: number;
  proposalCoSigned: number;
  proposalFiled: number;
  opinionSubmitted: number;
  opinionAdopted: number;
  opinionAdoptedAt: Levels;
  instruction: Levels;
  inspectionAttended: number;
  plenaryAttended: number;
  plenaryAbsent: number;
  standingAttended: number;
  standingAbsent: number;
}

const MEETINGS_Q = `query($y: Int, $t: ID, $p: Float) { meetings(year: $y, termId: $t, atLeastPosition: $p) { id kind title heldOn sessionId termId attendance { memberId status leaveReason corrections } } }`;
const LEVEL_FIELDS = 'city prefecture province national';
const POINT_FIELDS = `contact linkServed linkMet proposalLed proposalCoSigned proposalFiled opinionSubmitted opinionAdopted opinionAdoptedAt { ${LEVEL_FIELDS} } instruction { ${LEVEL_FIELDS} } inspectionAttended plenaryAttended plenaryAbsent standingAttended standingAbsent`;
const RULES_Q = `{ dutyPointsRules { tables { fromYear reason points { ${POINT_FIELDS} } } defaultPoints { ${POINT_FIELDS} } } }`;
const FLAT = ['contact', 'linkServed', 'linkMet', 'proposalLed', 'proposalCoSigned', 'proposalFiled', 'opinionSubmitted', 'opinionAdopted', 'inspectionAttended', 'plenaryAttended', 'plenaryAbsent', 'standingAttended', 'standingAbsent'] as const;
const LEVELS = [['city', 'CITY'], ['prefecture', 'PREFECTURE'], ['province', 'PROVINCE'], ['national', 'NATIONAL']] as const;

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

export function OfficeDesk({ scope, position, onDone }: { scope: DutyScope; position: number | null; onDone: (position: number) => void }) {
  const t = useDT();
  const meetings = useLoad(() => gql<{ meetings: Meeting[] }>(MEETINGS_Q, { ...scopeVars(scope), p: position }).then((d) => d.meetings), [scope.year, scope.termId, position]);
  const setup = useLoad(
    () => gql<{ plenarySessions: Array<{ id: string; name: string; termId: string | null }>; terms: Array<{ id: string; name: string }> }>(`{ plenarySessions { id name termId } terms { id name } }`),
    [position],
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const open = meetings.data?.find((m) => m.id === openId);
  return (
    <>
      <Card title={t('du_meetings')} help={t('du_meetingsHelp')} wide testId="duty-meetings">
        <Show value={meetings} empty={(rows) => (rows.length === 0 ? t('du_noMeetings') : null)}>
          {(rows) => (
            <div class="table-scroll">
              <table data-testid="meetings-table">
                <thead><tr><th>{t('du_heldOn')}</th><th>{t('du_meetingKind')}</th><th>{t('du_meetingTitle')}</th><th>{t('du_status')}</th><th /></tr></thead>
                <tbody>
                  {rows.map((m) => (
                    <tr key={m.id} data-meeting={m.id}>
                      <td>{m.heldOn}</td>
                      <td>{t(`du_kind_${m.kind}`)}</td>
                      <td class="wrap">{m.title}</td>
                      <td data-testid="attendance-summary">{attendanceText(t, m)}</td>
                      <td>
                        <button type="button" class="secondary" data-testid={`roll-${m.id}`} onClick={() => setOpenId(openId === m.id ? null : m.id)}>
                          {openId === m.id ? t('du_hideRoll') : t('du_showRoll')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
        <StepForm
          testId="record-meeting-form"
          title={t('du_recordMeeting')}
          clear
          fields={[
            { name: 'kind', label: t('du_meetingKind'), kind: 'select', options: [['PLENARY', t('du_kind_PLENARY')], ['STANDING_COMMITTEE', t('du_kind_STANDING_COMMITTEE')]] },
            { name: 'title', label: t('du_meetingTitle'), kind: 'text', required: true },
            { name: 'heldOn', label: t('du_heldOn'), kind: 'date', required: true },
            { name: 'sessionId', label: t('du_session'), kind: 'select', options: [['', t('du_none')], ...(setup.data?.plenarySessions ?? []).map((s): [string, string] => [s.id, s.name])] },
            { name: 'termId', label: t('du_term'), kind: 'select', options: [['', t('du_none')], ...(setup.data?.terms ?? []).map((s): [string, string] => [s.id, s.name])] },
          ]}
          submit={t('du_recordMeetingSubmit')}
          done={t('du_recorded')}
          send={(v) => {
            const meetingId = newId('mt');
            const kind = v.kind as string;
            return write('recordMeeting', 'RecordMeetingInput', {
              meetingId,
              kind,
              ...present(v, 'title', 'heldOn'),
              ...(kind === 'PLENARY' ? present(v, 'sessionId') : present(v, 'termId')),
            }).then((at) => (setOpenId(meetingId), at));
          }}
          onDone={onDone}
        />
      </Card>
      {open && <RollCall key={open.id} meeting={open} onDone={onDone} />}
      <PointsRules scope={scope} position={position} onDone={onDone} />
    </>
  );
}

function attendanceText(t: T, m: Meeting): string {
  const n = (s: Status) => m.attendance.filter((a) => a.status === s).length;
  return t('du_attendance', { a: n('ATTENDED'), e: n('EXCUSED'), x: n('ABSENT') });
}

/** The members a meeting's roll call lists: every member for a plenary sitting, the standing committee's for its meeting. */
const loadMembers = () => allPages<{ id: string; name: string; status: string; roles: Array<{ kind: string }> }>('members', 'id name status roles { kind }');

/**
 * The roll call of one meeting: a status per member not yet recorded (sent together); a member
 * already recorded shows its entry and is changed with the correction form below, with a reason.
 */
function RollCall({ meeting, onDone }: { meeting: Meeting; onDone: (position: number) => void }) {
  const t = useDT();
  const roster = useLoad(loadMembers, []);
  const members = useMemo(
    () => (roster.data ?? []).filter((m) => meeting.kind === 'PLENARY' || m.roles.some((r) => r.kind === 'STANDING_COMMITTEE')).sort((a, b) => a.id.localeCompare(b.id)),
    [roster.data, meeting.kind],
  );
  const names = useMemo(() => new Map((roster.data ?? []).map((m) => [m.id, m.name])), [roster.data]);
  const recorded = useMemo(() => new Map(meeting.attendance.map((a) => [a.memberId, a])), [meeting]);
  const [entries, setEntries] = useState<Map<string, { status: Status | ''; leaveReason: string }>>(() => new Map());
  const { error, busy, run } = useWrite();
  const [wrote, setWrote] = useState(false);
  const entry = (id: string) => entries.get(id) ?? { status: '' as const, leaveReason: '' };
  const set = (id: string, change: Partial<{ status: Status | ''; leaveReason: string }>) => setEntries((m) => new Map(m).set(id, { ...entry(id), ...change }));
  const chosen = [...entries].filter(([id, e]) => e.status !== '' && !recorded.has(id));
  const save = async (event: Event) => {
    event.preventDefault();
    setWrote(false);
    const attendance = chosen.map(([memberId, e]) => ({ memberId, status: e.status, ...(e.status === 'EXCUSED' ? { leaveReason: e.leaveReason.trim() } : {}) }));
    const at = await run(() => write('recordMeetingAttendance', 'RecordMeetingAttendanceInput', { meetingId: meeting.id, attendance }));
    if (at === null) return;
    setWrote(true);
    onDone(at);
  };
  return (
    <Card title={t('du_rollCallOf', { title: meeting.title })} help={t('du_rollCallHelp')} wide testId="roll-call">
      <Show value={roster}>
        {() => (
          <form class="change-form" data-testid="roll-call-form" onSubmit={save}>
            {error !== null && <ErrorNote error={error} />}
            {wrote && <p class="note ok" role="status" data-testid="done">{t('du_recorded')}</p>}
            <button type="button" class="secondary" data-testid="all-attended" onClick={() => setEntries((m) => new Map(members.filter((x) => !recorded.has(x.id)).map((x): [string, { status: Status | ''; leaveReason: string }] => [x.id, { leaveReason: m.get(x.id)?.leaveReason ?? '', status: 'ATTENDED' }])))}>
              {t('du_allAttended')}
            </button>
            <div class="table-scroll tall">
              <table data-testid="roll-call-table">
                <thead><tr><th>{t('du_memberId')}</th><th>{t('du_name')}</th><th>{t('du_status')}</th><th>{t('du_leaveReason')}</th></tr></thead>
                <tbody>
                  {members.map((x) => {
                    const r = recorded.get(x.id);
                    if (r)
                      return (
                        <tr key={x.id} data-member={x.id} data-status={r.status}>
                          <td>{x.id}</td>
                          <td>{x.name}</td>
                          <td>{t(`du_status_${r.status}`)}{r.corrections > 0 ? ` ${t('du_corrections', { n: r.corrections })}` : ''}</td>
                          <td>{r.leaveReason}</td>
                        </tr>
                      );
                    const e = entry(x.id);
                    return (
                      <tr key={x.id} data-member={x.id}>
                        <td>{x.id}</td>
                        <td>{x.name}</td>
                        <td>
                          <select name={`status-${x.id}`} value={e.status} onChange={(ev) => set(x.id, { status: ev.currentTarget.value as Status | '' })}>
                            <option value="">{t('du_status_')}</option>
                            {STATUSES.map((s) => <option key={s} value={s}>{t(`du_status_${s}`)}</option>)}
                          </select>
                        </td>
                        <td>{e.status === 'EXCUSED' && <input name={`reason-${x.id}`} required value={e.leaveReason} onInput={(ev) => set(x.id, { leaveReason: ev.currentTarget.value })} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <button type="submit" data-testid="save-roll-call" disabled={busy !== null || chosen.length === 0}>{busy !== null ? t('loading') : t('du_saveRollCall', { n: chosen.length })}</button>
          </form>
        )}
      </Show>
      {meeting.attendance.length > 0 && (
        <StepForm
          key={meeting.attendance.map((a) => a.memberId).join()}
          testId="correct-attendance-form"
          title={t('du_correct')}
          fields={[
            { name: 'memberId', label: t('du_member'), kind: 'select', options: meeting.attendance.map((a): [string, string] => [a.memberId, `${names.get(a.memberId) ?? a.memberId}（${a.memberId}）· ${t(`du_status_${a.status}`)}`]) },
            { name: 'status', label: t('du_status'), kind: 'select', options: STATUSES.map((s): [string, string] => [s, t(`du_status_${s}`)]) },
            { name: 'leaveReason', label: t('du_leaveReason'), kind: 'text' },
            { name: 'reason', label: t('du_correctReason'), kind: 'text', required: true },
          ]}
          submit={t('du_correctSubmit')}
          done={t('du_recorded')}
          send={(v) => write('correctMeetingAttendance', 'CorrectMeetingAttendanceInput', { meetingId: meeting.id, memberId: v.memberId, status: v.status, ...(v.status === 'EXCUSED' ? present(v, 'leaveReason') : {}), ...present(v, 'reason') })}
          onDone={onDone}
        />
      )}
    </Card>
  );
}

/** The points table: the tables set, and a form for one in force from a year, filled with the table now in force for it. */
function PointsRules({ scope, position, onDone }: { scope: DutyScope; position: number | null; onDone: (position: number) => void }) {
  const t = useDT();
  const rules = useLoad(async () => {
    // dutyPointsRules takes no atLeastPosition: after a write, wait for the read model through meetings first.
    if (position) await gql(`query($p: Float) { meetings(year: 2000, atLeastPosition: $p) { id } }`, { p: position });
    return (await gql<{ dutyPointsRules: { tables: Array<{ fromYear: number; reason: string; points: Points }>; defaultPoints: Points } }>(RULES_Q)).dutyPointsRules;
  }, [position]);
  const year = scope.year ?? committeeToday().year;
  return (
    <Card title={t('du_pointsRules')} help={t('du_pointsRulesHelp')} wide testId="duty-points-rules">
      <Show value={rules}>
        {(r) => {
          const current = [...r.tables].filter((x) => x.fromYear <= year).sort((a, b) => b.fromYear - a.fromYear)[0]?.points ?? r.defaultPoints;
          const fields: FieldSpec[] = [
            { name: 'fromYear', label: t('du_fromYear'), kind: 'number', required: true, initial: String(year) },
            ...FLAT.map((k): FieldSpec => ({ name: k, label: t(`du_item_${k}` as Key), kind: 'number', required: true, initial: String(current[k]) })),
            ...LEVELS.map(([k, l]): FieldSpec => ({ name: `opinionAdoptedAt.${k}`, label: t(`du_item_opinionAdoptedAt.${l}` as Key), kind: 'number', required: true, initial: String(current.opinionAdoptedAt[k]) })),
            ...LEVELS.map(([k, l]): FieldSpec => ({ name: `instruction.${k}`, label: t(`du_item_instruction.${l}` as Key), kind: 'number', required: true, initial: String(current.instruction[k]) })),
            { name: 'reason', label: t('du_reason'), kind: 'text', required: true },
          ];
          return (
            <>
              <p class="meta" data-testid="duty-tables">
                {r.tables.length === 0 ? t('du_noTables') : t('du_tables', { list: r.tables.map((x) => `${t('du_tableFrom', { y: x.fromYear })}（${x.reason}）`).join('；') })}
              </p>
              <StepForm
                key={`${year}:${position}`}
                testId="points-rules-form"
                fields={fields}
                submit={t('du_setRules')}
                done={t('du_recorded')}
                send={(v) => {
                  const n = (name: string) => Number(v[name]);
                  const levels = (prefix: string) => Object.fromEntries(LEVELS.map(([k]) => [k, n(`${prefix}.${k}`)]));
                  return write('setDutyPointsRules', 'SetDutyPointsRulesInput', {
                    fromYear: n('fromYear'),
                    points: { ...Object.fromEntries(FLAT.map((k) => [k, n(k)])), opinionAdoptedAt: levels('opinionAdoptedAt'), instruction: levels('instruction') },
                    ...present(v, 'reason'),
                  });
                }}
                onDone={onDone}
              />
            </>
          );
        }}
      </Show>
    </Card>
  );
}
