/**
 * The records of the city Party committee for a year: the Party group's reports and requests for
 * instructions to it (向市委请示报告), and its meetings that studied CPPCC work (市委研究政协工作),
 * each with its corrections and their reasons. Leaders and auditors read them; the committee office
 * records and corrects them. After a write the next read asks for at least its position.
 */
import { useState } from 'preact/hooks';
import { gql } from '../api.js';
import { loadDirectory, type Directory } from '../directory.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Card, committeeTime, committeeToday, Empty, Show, useLoad } from '../ui/common.js';
import { present, StepForm } from '../ui/stepForm.js';
import { write } from '../ui/write.js';
import type { TopicsRole } from './index.js';
import { PARTY_LABELS, TOPIC_LABELS } from './labels.js';
import { initialYear, YearSelect } from './year.js';

const LABELS = { ...TOPIC_LABELS, ...PARTY_LABELS };
type T = WingTranslate<keyof typeof LABELS>;
const usePT = (): T => useWingT(LABELS);

type Kind = 'WORK_REPORT' | 'REQUEST_FOR_INSTRUCTIONS';
const KINDS: Kind[] = ['WORK_REPORT', 'REQUEST_FOR_INSTRUCTIONS'];
interface Correction {
  correctedAt: string;
  reason: string;
}
interface Report {
  id: string;
  kind: Kind;
  subject: string;
  recipient: string;
  reportedOn: string;
  reporterIds: string[];
  reporterNames: string[];
  summary: string;
  recordedAt: string;
  corrections: Correction[];
}
interface Study {
  id: string;
  studiedOn: string;
  meeting: string;
  matters: string[];
  reportIds: string[];
  recordedAt: string;
  corrections: Correction[];
}
interface Year {
  reports: Report[];
  studies: Study[];
}

const YEAR_Q = `query($y: Int!, $p: Float) { partyCommitteeYear(year: $y, atLeastPosition: $p) {
  reports { id kind subject recipient reportedOn reporterIds reporterNames summary recordedAt corrections { correctedAt reason } }
  studies { id studiedOn meeting matters reportIds recordedAt corrections { correctedAt reason } } } }`;

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const lines = (value: unknown) => String(value ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
type Options = Array<[string, string]>;
/** Who may report: members still on the committee and registered persons. */
const people = (directory: Directory | undefined): Options =>
  [...(directory?.values() ?? [])].filter((e) => (e.kind === 'MEMBER' && e.status !== 'LEFT') || e.kind === 'PERSON').map((e) => [e.id, e.name]);
const today = () => committeeToday().iso;

function Corrections({ list }: { list: Correction[] }) {
  const t = usePT();
  if (list.length === 0) return null;
  return (
    <ul class="ladder" data-testid="corrections">
      {list.map((c, n) => <li key={n}>{t('pc_correctionLine', { t: committeeTime(c.correctedAt), r: c.reason })}</li>)}
    </ul>
  );
}

export function PartyCommitteeView({ role }: { role: string }) {
  const t = usePT();
  const office = (role as TopicsRole) === 'OFFICE';
  const [year, setYear] = useState(initialYear);
  const [position, setPosition] = useState<number | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const directory = useLoad(() => (office ? loadDirectory() : Promise.resolve(undefined)), [office]);
  const record = useLoad(() => gql<{ partyCommitteeYear: Year }>(YEAR_Q, { y: year, p: position }).then((d) => d.partyCommitteeYear), [year, position]);
  const done = (at: number) => (setCorrecting(null), setPosition(at));
  const everyone = people(directory.data);

  return (
    <div class="grid" data-testid="party-committee-view">
      <Card title={t('pc_title')} help={t('pc_help', { y: year })} wide testId="party-record" actions={<YearSelect year={year} onChange={(y) => (setYear(y), setCorrecting(null))} testId="party-year" />}>
        <Show value={record}>
          {(d) => {
            const subjects = new Map(d.reports.map((r) => [r.id, r.subject]));
            return (
              <>
                <h3>{t('pc_reports')}</h3>
                {d.reports.length === 0 ? (
                  <Empty>{t('pc_reportsEmpty', { y: year })}</Empty>
                ) : (
                  <div class="table-scroll"><table data-testid="party-reports">
                    <thead><tr><th>{t('pc_reportedOn')}</th><th>{t('pc_kind')}</th><th>{t('pc_subject')}</th><th>{t('pc_recipient')}</th><th>{t('pc_reporters')}</th><th>{t('pc_summary')}</th><th>{t('pc_corrections')}</th>{office && <th />}</tr></thead>
                    <tbody>
                      {d.reports.map((r) => (
                        <tr key={r.id} data-testid={`party-report-${r.id}`}>
                          <td>{r.reportedOn}</td>
                          <td>{t(`pc_kind_${r.kind}`)}</td>
                          <td>{r.subject}</td>
                          <td>{r.recipient}</td>
                          <td>{r.reporterNames.join('、')}</td>
                          <td>{r.summary}</td>
                          <td><Corrections list={r.corrections} /></td>
                          {office && <td><button type="button" class="secondary" data-testid="correct-report" onClick={() => setCorrecting(`report:${r.id}`)}>{t('pc_correct')}</button></td>}
                        </tr>
                      ))}
                    </tbody>
                  </table></div>
                )}
                <h3>{t('pc_studies')}</h3>
                {d.studies.length === 0 ? (
                  <Empty>{t('pc_studiesEmpty', { y: year })}</Empty>
                ) : (
                  <div class="table-scroll"><table data-testid="party-studies">
                    <thead><tr><th>{t('pc_studiedOn')}</th><th>{t('pc_meeting')}</th><th>{t('pc_matters')}</th><th>{t('pc_takenUp')}</th><th>{t('pc_corrections')}</th>{office && <th />}</tr></thead>
                    <tbody>
                      {d.studies.map((s) => (
                        <tr key={s.id} data-testid={`party-study-${s.id}`}>
                          <td>{s.studiedOn}</td>
                          <td>{s.meeting}</td>
                          <td>{s.matters.join('；')}</td>
                          <td>{s.reportIds.map((id) => subjects.get(id) ?? id).join('；')}</td>
                          <td><Corrections list={s.corrections} /></td>
                          {office && <td><button type="button" class="secondary" data-testid="correct-study" onClick={() => setCorrecting(`study:${s.id}`)}>{t('pc_correct')}</button></td>}
                        </tr>
                      ))}
                    </tbody>
                  </table></div>
                )}
                {office && correcting && <Correcting key={correcting} what={correcting} year={d} people={everyone} onDone={done} />}
              </>
            );
          }}
        </Show>
      </Card>
      {office && (
        <Card title={t('pc_recordReport')} testId="party-record-report">
          <StepForm
            testId="party-report-form"
            clear
            fields={[
              { name: 'kind', label: t('pc_kind'), kind: 'select', options: KINDS.map((k): [string, string] => [k, t(`pc_kind_${k}`)]) },
              { name: 'subject', label: t('pc_subject'), kind: 'text', required: true },
              { name: 'recipient', label: t('pc_recipient'), kind: 'text', required: true, initial: '中共格尔木市委' },
              { name: 'reportedOn', label: t('pc_reportedOn'), kind: 'date', required: true, initial: today() },
              { name: 'reporterIds', label: t('pc_reporters'), kind: 'multi', options: everyone },
              { name: 'summary', label: t('pc_summary'), kind: 'textarea' },
            ]}
            submit={t('pc_record')}
            done={t('pc_recorded')}
            send={(v) => write('recordPartyCommitteeReport', 'RecordPartyCommitteeReportInput', { reportId: newId('pr'), kind: v.kind, reporterIds: v.reporterIds, ...present(v, 'subject', 'recipient', 'reportedOn', 'summary') })}
            onDone={setPosition}
          />
        </Card>
      )}
      {office && (
        <Card title={t('pc_recordStudy')} testId="party-record-study">
          <StepForm
            key={(record.data?.reports ?? []).map((r) => r.id).join(',')}
            testId="party-study-form"
            clear
            fields={[
              { name: 'studiedOn', label: t('pc_studiedOn'), kind: 'date', required: true, initial: today() },
              { name: 'meeting', label: t('pc_meeting'), kind: 'text', required: true, initial: '市委常委会会议' },
              { name: 'matters', label: t('pc_mattersField'), kind: 'textarea', required: true },
              { name: 'reportIds', label: t('pc_takenUp'), kind: 'multi', options: (record.data?.reports ?? []).map((r): [string, string] => [r.id, `${r.reportedOn} ${r.subject}`]) },
            ]}
            submit={t('pc_record')}
            done={t('pc_recorded')}
            send={(v) => write('recordPartyCommitteeStudy', 'RecordPartyCommitteeStudyInput', { studyId: newId('ps'), matters: lines(v.matters), reportIds: v.reportIds, ...present(v, 'studiedOn', 'meeting') })}
            onDone={setPosition}
          />
        </Card>
      )}
    </div>
  );
}

/** The correction of one report or study: its fields as they stand, and the reason, which the record keeps. */
function Correcting({ what, year, people: everyone, onDone }: { what: string; year: Year; people: Options; onDone: (position: number) => void }) {
  const t = usePT();
  const [type, id] = [what.slice(0, what.indexOf(':')), what.slice(what.indexOf(':') + 1)];
  const report = type === 'report' ? year.reports.find((r) => r.id === id) : undefined;
  const study = type === 'study' ? year.studies.find((s) => s.id === id) : undefined;
  if (report) {
    // Reporters no longer on the roster's list are still offered, so a correction does not drop them unseen.
    const options: Options = [...everyone, ...report.reporterIds.filter((r) => !everyone.some(([p]) => p === r)).map((r, n): [string, string] => [r, report.reporterNames[report.reporterIds.indexOf(r)] ?? String(n)])];
    return (
      <StepForm
        testId="correct-report-form"
        title={t('pc_correctReport')}
        fields={[
          { name: 'kind', label: t('pc_kind'), kind: 'select', options: KINDS.map((k): [string, string] => [k, t(`pc_kind_${k}`)]), initial: report.kind },
          { name: 'subject', label: t('pc_subject'), kind: 'text', required: true, initial: report.subject },
          { name: 'recipient', label: t('pc_recipient'), kind: 'text', required: true, initial: report.recipient },
          { name: 'reportedOn', label: t('pc_reportedOn'), kind: 'date', required: true, initial: report.reportedOn },
          { name: 'reporterIds', label: t('pc_reporters'), kind: 'multi', options, initial: report.reporterIds },
          { name: 'summary', label: t('pc_summary'), kind: 'textarea', initial: report.summary },
          { name: 'reason', label: t('pc_reason'), kind: 'text', required: true },
        ]}
        submit={t('pc_save')}
        send={(v) => write('correctPartyCommitteeReport', 'CorrectPartyCommitteeReportInput', { reportId: id, kind: v.kind, reporterIds: v.reporterIds, ...present(v, 'subject', 'recipient', 'reportedOn', 'summary', 'reason') })}
        onDone={onDone}
      />
    );
  }
  if (study)
    return (
      <StepForm
        testId="correct-study-form"
        title={t('pc_correctStudy')}
        fields={[
          { name: 'studiedOn', label: t('pc_studiedOn'), kind: 'date', required: true, initial: study.studiedOn },
          { name: 'meeting', label: t('pc_meeting'), kind: 'text', required: true, initial: study.meeting },
          { name: 'matters', label: t('pc_mattersField'), kind: 'textarea', required: true, initial: study.matters.join('\n') },
          { name: 'reportIds', label: t('pc_takenUp'), kind: 'multi', options: year.reports.map((r): [string, string] => [r.id, `${r.reportedOn} ${r.subject}`]), initial: study.reportIds },
          { name: 'reason', label: t('pc_reason'), kind: 'text', required: true },
        ]}
        submit={t('pc_save')}
        send={(v) => write('correctPartyCommitteeStudy', 'CorrectPartyCommitteeStudyInput', { studyId: id, matters: lines(v.matters), reportIds: v.reportIds, ...present(v, 'studiedOn', 'meeting', 'reason') })}
        onDone={onDone}
      />
    );
  return null;
}
