/**
 * The public-opinion reports views (社情民意): the committee office's desk, where a report is
 * taken in, edited (each edit a version), adopted or declined, combined, issued, forwarded, and
 * what came back is recorded; a member's own reports with their ladders and its credit; a unit's
 * reports forwarded to a recipient it answers for. Everything through the public GraphQL API;
 * after a write the next read asks for at least its position.
 */
import { useState } from 'preact/hooks';
import { allPages, gql } from '../api.js';
import { loadDirectory, nameOf, type Directory } from '../directory.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Card, committeeToday, ErrorNote, Show, useLoad } from '../ui/common.js';
import { present, StepForm, type FieldValues } from '../ui/stepForm.js';
import { reachWith, write } from '../ui/write.js';
import type { OpinionsRole } from './index.js';
import { OPINION_LABELS } from './labels.js';

type T = WingTranslate<keyof typeof OPINION_LABELS>;
const useOT = (): T => useWingT(OPINION_LABELS);

type Stage = 'SUBMITTED' | 'ADOPTED' | 'NOT_ADOPTED' | 'WITHDRAWN';
type Level = 'CITY' | 'PREFECTURE' | 'PROVINCE' | 'NATIONAL';
const LEVELS: Level[] = ['CITY', 'PREFECTURE', 'PROVINCE', 'NATIONAL'];

interface Report {
  id: string;
  title: string;
  stage: Stage;
  authorKind: 'MEMBERS' | 'BODY' | 'COMBINED';
  authorIds: string[];
  submittedOn: string;
  adoptedOn: string | null;
  combinedInto: string | null;
  partIds: string[];
  notAdopted: { reasonLabel: string; note: string } | null;
  issued: { number: string; signerName: string | null; issuedOn: string } | null;
  forwards: Array<{ recipientId: string; recipientName: string | null; level: Level; forwardedOn: string }>;
  adoptions: Array<{ recipientId: string; level: Level; adoptedOn: string }>;
  instructions: Array<{ leaderName: string; leaderTitle: string; level: Level; instructedOn: string; text: string; gist: boolean }>;
  feedback: Array<{ recipientId: string | null; from: string; text: string; receivedOn: string }>;
  versions: Array<{ version: number; editedBy: string | null; note: string }>;
}
interface Rules {
  recipients: Array<{ recipientId: string; name: string; level: Level; organizationId: string | null }>;
  notAdoptedReasons: Array<{ code: string; label: string }>;
}
interface Text {
  version: number;
  title: string;
  situation: string;
  suggestions: string;
}

const REPORT = `id title stage authorKind authorIds submittedOn adoptedOn combinedInto partIds notAdopted { reasonLabel note }
  issued { number signerName issuedOn } forwards { recipientId recipientName level forwardedOn } adoptions { recipientId level adoptedOn }
  instructions { leaderName leaderTitle level instructedOn text gist } feedback { recipientId from text receivedOn } versions { version editedBy note }`;

const reach = reachWith('opinionReports');
async function reports(position: number | null, args: Record<string, { type: string; value: unknown }> = {}): Promise<Report[]> {
  await reach(position);
  return allPages<Report>('opinionReports', REPORT, args, 20);
}
const loadRules = async (): Promise<Rules> =>
  (await gql<{ opinionRules: Rules }>(`{ opinionRules { recipients { recipientId name level organizationId } notAdoptedReasons { code label } } }`)).opinionRules;
const today = () => committeeToday().iso;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

export function OpinionsView({ role, id }: { role: string; id?: string }) {
  if ((role as OpinionsRole) === 'OFFICE') return <OfficeDesk />;
  if ((role as OpinionsRole) === 'UNIT') return <UnitView unitId={id!} />;
  return <MemberView memberId={id!} />;
}

/** The report's climb, one chip per step: submitted → adopted → issued → forwarded → adopted above → instructions → feedback. */
function Ladder({ report: r }: { report: Report }) {
  const t = useOT();
  const name = (id: string | null) => r.forwards.find((f) => f.recipientId === id)?.recipientName ?? id ?? '';
  const steps: Array<[string, boolean]> = [[t('o_ladder_submitted', { d: r.submittedOn }), true]];
  if (r.adoptedOn) steps.push([t('o_ladder_adopted', { d: r.adoptedOn }), true]);
  if (r.notAdopted) steps.push([t('o_ladder_notAdopted', { r: r.notAdopted.reasonLabel }), false]);
  if (r.combinedInto) steps.push([t('o_combinedInto', { id: r.combinedInto }), true]);
  if (r.issued) steps.push([t('o_ladder_issued', { n: r.issued.number }), true]);
  for (const f of r.forwards) steps.push([t('o_ladder_forwarded', { r: f.recipientName ?? f.recipientId }), true]);
  for (const a of r.adoptions) steps.push([t('o_ladder_adoptedBy', { r: name(a.recipientId) }), true]);
  for (const i of r.instructions) steps.push([t('o_ladder_instruction', { l: t(`o_level_${i.level}`), who: `${i.leaderTitle}${i.leaderName}` }), true]);
  for (const f of r.feedback) steps.push([t('o_ladder_feedback', { from: f.from }), true]);
  return (
    <ul class="ladder" data-testid="ladder">
      {steps.map(([s, done], i) => <li key={i} class={done ? 'done' : undefined}>{s}</li>)}
    </ul>
  );
}

const stageLabel = (t: T, r: Report) => (r.combinedInto ? t('o_combinedInto', { id: r.combinedInto }) : t(`o_stage_${r.stage}`));
const authorsOf = (r: Report, directory: Directory | undefined) => r.authorIds.map((a) => nameOf(directory, a)).join('、');

/** Who may author a report: members, and the bodies that hand reports in (liaison groups, sectors, democratic parties). */
function authorOptions(directory: Directory | undefined): Array<[string, string]> {
  const bodies = new Set(['LIAISON_GROUP', 'SECTOR', 'DEMOCRATIC_PARTY']);
  return [...(directory?.values() ?? [])].filter((e) => e.kind === 'MEMBER' || (e.kind === 'ORGANIZATION' && bodies.has(e.orgKind ?? ''))).map((e) => [e.id, e.name]);
}

const submitReport = (values: FieldValues, authorIds: string[]) =>
  write('submitOpinionReport', 'SubmitOpinionReportInput', {
    reportId: newId('r'),
    authorIds,
    title: String(values.title).trim(),
    situation: String(values.situation).trim(),
    suggestions: String(values.suggestions).trim(),
    ...present(values, 'submittedOn'),
  });

// ---- the committee office's desk

function OfficeDesk() {
  const t = useOT();
  const [position, setPosition] = useState<number | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const directory = useLoad(loadDirectory, []);
  const rules = useLoad(loadRules, [position]);
  const list = useLoad(() => reports(position), [position]);
  const open = list.data?.find((r) => r.id === openId);
  const authors = authorOptions(directory.data);
  const choose = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));

  return (
    <div class="grid" data-testid="opinions-desk">
      <Card title={t('o_deskTitle')} help={t('o_deskHelp')} wide testId="opinion-list">
        <Show value={list} empty={(d) => (d.length === 0 ? t('o_listEmpty') : null)}>
          {(rs) => (
            <div class="table-scroll"><table>
              <thead><tr><th /><th>{t('o_title')}</th><th>{t('o_authors')}</th><th>{t('o_stage')}</th><th /></tr></thead>
              <tbody>
                {rs.map((r) => (
                  <tr key={r.id} data-testid={`opinion-${r.id}`} data-stage={r.stage}>
                    <td>
                      {!r.combinedInto && r.authorKind !== 'COMBINED' && !r.issued && (r.stage === 'SUBMITTED' || r.stage === 'ADOPTED') && (
                        <input type="checkbox" name="combine" value={r.id} aria-label={t('o_combine')} checked={chosen.includes(r.id)} onChange={(e) => choose(r.id, e.currentTarget.checked)} />
                      )}
                    </td>
                    <td>{r.issued && <strong>{r.issued.number} </strong>}{r.title}<Ladder report={r} /></td>
                    <td>{authorsOf(r, directory.data)}</td>
                    <td data-testid="stage">{stageLabel(t, r)}</td>
                    <td><button type="button" class="secondary" data-testid={`open-${r.id}`} onClick={() => setOpenId(r.id)}>{t('o_open')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </Show>
      </Card>
      {open && (
        <ReportDesk key={open.id} report={open} rules={rules.data} directory={directory.data} onDone={setPosition} />
      )}
      <Card title={t('o_intake')} testId="opinion-intake">
        <StepForm
          testId="intake-form"
          clear
          fields={[
            { name: 'authorIds', label: t('o_authors'), kind: 'multi', options: authors },
            { name: 'title', label: t('o_title'), kind: 'text', required: true },
            { name: 'situation', label: t('o_situation'), kind: 'textarea', required: true },
            { name: 'suggestions', label: t('o_suggestions'), kind: 'textarea', required: true },
            { name: 'submittedOn', label: t('o_submittedOn'), kind: 'date', initial: today() },
          ]}
          submit={t('o_submit')}
          done={t('o_recorded')}
          send={(v) => submitReport(v, v.authorIds as string[])}
          onDone={setPosition}
        />
      </Card>
      <Card title={t('o_combine')} help={t('o_combineHelp')} testId="opinion-combine">
        <p class="note" data-testid="chosen">{t('o_chosen', { n: chosen.length })}</p>
        <StepForm
          testId="combine-form"
          clear
          fields={[
            { name: 'title', label: t('o_title'), kind: 'text', required: true },
            { name: 'situation', label: t('o_situation'), kind: 'textarea', required: true },
            { name: 'suggestions', label: t('o_suggestions'), kind: 'textarea', required: true },
            { name: 'combinedOn', label: t('o_combinedOn'), kind: 'date', initial: today() },
          ]}
          submit={t('o_combine')}
          done={t('o_recorded')}
          send={(v) =>
            write('combineOpinionReports', 'CombineOpinionReportsInput', {
              reportId: newId('k'),
              partIds: chosen,
              title: String(v.title).trim(),
              situation: String(v.situation).trim(),
              suggestions: String(v.suggestions).trim(),
              ...present(v, 'combinedOn'),
            })
          }
          onDone={(at) => {
            setChosen([]);
            setPosition(at);
          }}
        />
      </Card>
    </div>
  );
}

/** One report at the desk: its record and versions, and the steps its stage allows. */
function ReportDesk({ report: r, rules, directory, onDone }: { report: Report; rules?: Rules; directory?: Directory; onDone: (position: number) => void }) {
  const t = useOT();
  const [position, setPosition] = useState<number | null>(null);
  const text = useLoad(async () => (await gql<{ opinionReport: { text: Text } }>(`query($id: ID!, $p: Float) { opinionReport(id: $id, atLeastPosition: $p) { text { version title situation suggestions } } }`, { id: r.id, p: position })).opinionReport.text, [position]);
  const done = (at: number) => {
    setPosition(at);
    onDone(at);
  };
  const id = { reportId: r.id };
  const open = r.stage === 'SUBMITTED' && !r.combinedInto;
  const recipients = rules?.recipients ?? [];
  const forwarded = r.forwards.map((f): [string, string] => [f.recipientId, f.recipientName ?? f.recipientId]);
  const unforwarded = recipients.filter((x) => !r.forwards.some((f) => f.recipientId === x.recipientId)).map((x): [string, string] => [x.recipientId, `${x.name}（${t(`o_level_${x.level}`)}）`]);
  const members = [...(directory?.values() ?? [])].filter((e) => e.kind === 'MEMBER').map((e): [string, string] => [e.id, e.name]);
  const levels = LEVELS.map((l): [string, string] => [l, t(`o_level_${l}`)]);

  return (
    <Card title={t('o_report', { title: r.title })} wide testId="report-desk">
      <Ladder report={r} />
      <Versions report={r} />
      <div class="steps">
        {!r.issued && r.stage !== 'WITHDRAWN' && text.data && (
          <StepForm
            testId="edit-form"
            title={t('o_edit')}
            fields={[
              { name: 'title', label: t('o_title'), kind: 'text', required: true, initial: text.data.title },
              { name: 'situation', label: t('o_situation'), kind: 'textarea', required: true, initial: text.data.situation },
              { name: 'suggestions', label: t('o_suggestions'), kind: 'textarea', required: true, initial: text.data.suggestions },
              { name: 'note', label: t('o_editNote'), kind: 'text', required: true },
            ]}
            submit={t('o_save')}
            done={t('o_recorded')}
            send={(v) => write('editOpinionReport', 'EditOpinionReportInput', { ...id, title: String(v.title).trim(), situation: String(v.situation).trim(), suggestions: String(v.suggestions).trim(), note: String(v.note).trim() })}
            onDone={done}
          />
        )}
        {open && (
          <StepForm
            testId="adopt-form"
            title={t('o_adopt')}
            fields={[{ name: 'adoptedOn', label: t('o_adoptedOn'), kind: 'date', initial: today() }, { name: 'note', label: t('o_note'), kind: 'text' }]}
            submit={t('o_adopt')}
            send={(v) => write('adoptOpinionReport', 'AdoptOpinionReportInput', { ...id, ...present(v, 'adoptedOn', 'note') })}
            onDone={done}
          />
        )}
        {open && (
          <StepForm
            testId="decline-form"
            title={t('o_decline')}
            fields={[
              { name: 'reasonCode', label: t('o_reason'), kind: 'select', options: (rules?.notAdoptedReasons ?? []).map((x): [string, string] => [x.code, x.label]) },
              { name: 'note', label: t('o_note'), kind: 'text' },
              { name: 'decidedOn', label: t('o_decidedOn'), kind: 'date', initial: today() },
            ]}
            submit={t('o_decline')}
            send={(v) => write('declineOpinionReport', 'DeclineOpinionReportInput', { ...id, reasonCode: v.reasonCode, ...present(v, 'note', 'decidedOn') })}
            onDone={done}
          />
        )}
        {r.stage === 'ADOPTED' && !r.combinedInto && !r.issued && (
          <StepForm
            testId="issue-form"
            title={t('o_issue')}
            fields={[{ name: 'signedBy', label: t('o_signer'), kind: 'select', options: members }, { name: 'issuedOn', label: t('o_issuedOn'), kind: 'date', initial: today() }]}
            submit={t('o_issue')}
            send={(v) => write('issueOpinionReport', 'IssueOpinionReportInput', { ...id, signedBy: v.signedBy, ...present(v, 'issuedOn') })}
            onDone={done}
          />
        )}
        {r.issued && unforwarded.length > 0 && (
          <StepForm
            testId="forward-form"
            title={t('o_forward')}
            fields={[{ name: 'recipientIds', label: t('o_recipients'), kind: 'multi', options: unforwarded }, { name: 'forwardedOn', label: t('o_forwardedOn'), kind: 'date', initial: today() }]}
            submit={t('o_forward')}
            send={(v) => write('forwardOpinionReport', 'ForwardOpinionReportInput', { ...id, recipientIds: v.recipientIds, ...present(v, 'forwardedOn') })}
            onDone={done}
          />
        )}
        {forwarded.length > 0 && <AdoptionForm report={r} recipients={forwarded} onDone={done} />}
        {forwarded.length > 0 && (
          <StepForm
            testId="instruction-form"
            title={t('o_instruction')}
            fields={[
              { name: 'leaderName', label: t('o_leaderName'), kind: 'text', required: true },
              { name: 'leaderTitle', label: t('o_leaderTitle'), kind: 'text' },
              { name: 'level', label: t('o_level'), kind: 'select', options: levels },
              { name: 'instructedOn', label: t('o_instructedOn'), kind: 'date', required: true, initial: today() },
              { name: 'text', label: t('o_instructionText'), kind: 'textarea', required: true },
              { name: 'gist', label: t('o_gist'), kind: 'check' },
            ]}
            submit={t('o_record')}
            done={t('o_recorded')}
            send={(v) => write('recordLeaderInstruction', 'RecordLeaderInstructionInput', { ...id, level: v.level, gist: v.gist === true, ...present(v, 'leaderName', 'leaderTitle', 'instructedOn', 'text') })}
            onDone={done}
          />
        )}
        {forwarded.length > 0 && <FeedbackForm report={r} recipients={forwarded} onDone={done} />}
      </div>
    </Card>
  );
}

function AdoptionForm({ report: r, recipients, onDone }: { report: Report; recipients: Array<[string, string]>; onDone: (position: number) => void }) {
  const t = useOT();
  const waiting = recipients.filter(([id]) => !r.adoptions.some((a) => a.recipientId === id));
  if (waiting.length === 0) return null;
  return (
    <StepForm
      testId="adoption-form"
      title={t('o_recipientAdoption')}
      fields={[
        { name: 'recipientId', label: t('o_recipient'), kind: 'select', options: waiting },
        { name: 'adoptedOn', label: t('o_adoptedOn'), kind: 'date', required: true, initial: today() },
        { name: 'note', label: t('o_note'), kind: 'text' },
      ]}
      submit={t('o_record')}
      send={(v) => write('recordRecipientAdoption', 'RecordRecipientAdoptionInput', { reportId: r.id, recipientId: v.recipientId, ...present(v, 'adoptedOn', 'note') })}
      onDone={onDone}
    />
  );
}

function FeedbackForm({ report: r, recipients, onDone }: { report: Report; recipients: Array<[string, string]>; onDone: (position: number) => void }) {
  const t = useOT();
  return (
    <StepForm
      testId="feedback-form"
      title={t('o_feedback')}
      clear
      fields={[
        { name: 'recipientId', label: t('o_feedbackFrom'), kind: 'select', options: recipients },
        { name: 'receivedOn', label: t('o_receivedOn'), kind: 'date', required: true, initial: today() },
        { name: 'text', label: t('o_feedbackText'), kind: 'textarea', required: true },
      ]}
      submit={t('o_record')}
      done={t('o_recorded')}
      send={(v) => write('recordOpinionFeedback', 'RecordOpinionFeedbackInput', { reportId: r.id, recipientId: v.recipientId, ...present(v, 'receivedOn', 'text') })}
      onDone={onDone}
    />
  );
}

/** Every version of the report, each one's text read from the log on demand. */
function Versions({ report: r }: { report: Report }) {
  const t = useOT();
  const [shown, setShown] = useState<Text | null>(null);
  const [error, setError] = useState<unknown>(null);
  const view = (version: number) =>
    gql<{ opinionReport: { text: Text } }>(`query($id: ID!, $v: Int) { opinionReport(id: $id) { text(version: $v) { version title situation suggestions } } }`, { id: r.id, v: version }).then(
      (d) => (setError(null), setShown(d.opinionReport.text)),
      setError,
    );
  return (
    <section data-testid="versions">
      <h3>{t('o_versions')}</h3>
      <ul class="plain">
        {r.versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            {t('o_version', { v: v.version })} · {v.editedBy ? `${v.editedBy}：${v.note}` : t('o_submission')}{' '}
            <button type="button" class="link" onClick={() => view(v.version)}>{t('o_viewVersion')}</button>
          </li>
        ))}
      </ul>
      {error !== null && <ErrorNote error={error} />}
      {shown && (
        <div class="note" data-testid="version-text" data-version={shown.version}>
          <b>{shown.title}</b>
          <p>{t('o_situation')}：{shown.situation}</p>
          <p>{t('o_suggestions')}：{shown.suggestions}</p>
        </div>
      )}
    </section>
  );
}

// ---- a member

function MemberView({ memberId }: { memberId: string }) {
  const t = useOT();
  const [position, setPosition] = useState<number | null>(null);
  const mine = useLoad(() => reports(position), [position]);
  const directory = useLoad(loadDirectory, []);
  return (
    <div class="grid" data-testid="opinions-member">
      <Card title={t('o_memberTitle')} wide testId="my-reports">
        <Show value={mine} empty={(d) => (d.length === 0 ? t('o_myEmpty') : null)}>
          {(rs) => (
            <ul class="plain">
              {rs.map((r) => (
                <li key={r.id} data-testid={`my-report-${r.id}`}>
                  <p>{r.issued && <strong>{r.issued.number} </strong>}{r.title} · <span data-testid="stage">{stageLabel(t, r)}</span> · {authorsOf(r, directory.data)}</p>
                  <Ladder report={r} />
                </li>
              ))}
            </ul>
          )}
        </Show>
      </Card>
      <Card title={t('o_memberSubmit')} testId="member-submit">
        <StepForm
          testId="member-submit-form"
          clear
          fields={[
            { name: 'title', label: t('o_title'), kind: 'text', required: true },
            { name: 'situation', label: t('o_situation'), kind: 'textarea', required: true },
            { name: 'suggestions', label: t('o_suggestions'), kind: 'textarea', required: true },
            { name: 'submittedOn', label: t('o_submittedOn'), kind: 'date', initial: today() },
          ]}
          submit={t('o_submit')}
          done={t('o_recorded')}
          send={(v) => submitReport(v, [memberId])}
          onDone={setPosition}
        />
      </Card>
      <CreditCard memberId={memberId} refresh={position} />
    </div>
  );
}

interface Credit {
  fromYear: number | null;
  authors: Array<{ authorId: string; points: number; items: Array<{ reportId: string; item: string; level: Level | null; points: number; on: string }> }>;
}

function CreditCard({ memberId, refresh }: { memberId: string; refresh: number | null }) {
  const t = useOT();
  const thisYear = committeeToday().year;
  const [year, setYear] = useState(thisYear);
  const credit = useLoad(
    async () =>
      (await gql<{ opinionCredit: Credit }>(`query($y: Int!, $m: ID, $p: Float) { opinionCredit(year: $y, memberId: $m, atLeastPosition: $p) { fromYear authors { authorId points items { reportId item level points on } } } }`, { y: year, m: memberId, p: refresh })).opinionCredit,
    [year, refresh],
  );
  return (
    <Card title={t('o_credit')} testId="my-credit">
      <label class="inline small">
        {t('year')}
        <select name="year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      <Show value={credit}>
        {(c) => {
          const mine = c.authors.find((a) => a.authorId === memberId);
          return (
            <>
              <p class="kpi" data-testid="credit-points">{t('o_creditYear', { y: year, p: mine?.points ?? 0 })}</p>
              {c.fromYear !== null && <p class="help">{t('o_creditTable', { y: c.fromYear })}</p>}
              {!mine || mine.items.length === 0 ? (
                <p class="note empty">{t('o_creditNone')}</p>
              ) : (
                <table data-testid="credit-items">
                  <tbody>
                    {mine.items.map((i, n) => (
                      <tr key={n}>
                        <td>{i.on}</td>
                        <td>{t(`o_item_${i.item}` as keyof typeof OPINION_LABELS)}{i.level ? `（${t(`o_level_${i.level}`)}）` : ''}</td>
                        <td>{i.reportId}</td>
                        <td>{i.points}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </Show>
    </Card>
  );
}

// ---- a unit answering for a recipient

function UnitView({ unitId }: { unitId: string }) {
  const t = useOT();
  const [position, setPosition] = useState<number | null>(null);
  const rules = useLoad(loadRules, []);
  const list = useLoad(() => reports(position), [position]);
  const ours = (rules.data?.recipients ?? []).filter((x) => x.organizationId === unitId);
  return (
    <Card title={t('o_unitTitle')} wide testId="unit-reports">
      <Show value={list} empty={(d) => (d.length === 0 ? t('o_unitEmpty') : null)}>
        {(rs) => (
          <ul class="plain">
            {rs.map((r) => {
              const mine = r.forwards.filter((f) => ours.some((o) => o.recipientId === f.recipientId)).map((f): [string, string] => [f.recipientId, f.recipientName ?? f.recipientId]);
              return (
                <li key={r.id} data-testid={`unit-report-${r.id}`}>
                  <p>{r.issued && <strong>{r.issued.number} </strong>}{r.title}</p>
                  <Ladder report={r} />
                  {r.adoptions.filter((a) => mine.some(([id]) => id === a.recipientId)).map((a) => (
                    <p class="note ok" key={a.recipientId} data-testid="unit-adopted">{t('o_unitAdopted', { r: mine.find(([id]) => id === a.recipientId)![1], d: a.adoptedOn })}</p>
                  ))}
                  {mine.length > 0 && (
                    <div class="steps">
                      <AdoptionForm report={r} recipients={mine} onDone={setPosition} />
                      <FeedbackForm report={r} recipients={mine} onDone={setPosition} />
                    </div>
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
