/**
 * The trail's page and the leaders' card. The page reads `trail(issueId, asOf)`: the contact that
 * raised the issue (when the caller may read it), the works that took it up with where each stands,
 * every step in log order, and the first answer; the issue and asOf live in the address
 * (`#/trail?issue=…&asOf=…`), so a trail can be bookmarked and sent. The card reads
 * `trailFigures` for the dashboard's year, per liaison group, as of the dashboard's asOf.
 */
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { loadDirectory, nameOf, type Directory } from '../directory.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Card, committeeDay, committeeTime, percent, Show, useLoad } from '../ui/common.js';
import type { LeadersCardProps } from '../wings.js';
import { trailAddress, trailRoute } from './index.js';
import { TRAIL_LABELS } from './labels.js';

type T = WingTranslate<keyof typeof TRAIL_LABELS>;

interface Step {
  position: number;
  recordedAt: string;
  on: string;
  kind: string;
  work: 'CONTACT' | 'PROPOSAL' | 'REPORT';
  workId: string;
  assignmentId: string | null;
  unitId: string | null;
  version: number | null;
  result: string | null;
  detail: string | null;
}
interface TrailAnswer {
  trail: null | {
    issueId: string;
    standing: boolean;
    readAt: number;
    contact: null | { contactId: string; occurredAt: string; liaisonGroupName: string | null; participantIds: string[]; retracted: boolean; issueText: string | null };
    steps: Step[];
    works: Array<{ work: string; workId: string; via: string; fromId: string | null; stage: string }>;
    answer: null | { work: string; workId: string; kind: string; on: string; days: number | null };
  };
}

const TRAIL = `query($issueId: ID!, $asOf: String) { trail(issueId: $issueId, asOf: $asOf) {
  issueId standing readAt
  contact { contactId occurredAt liaisonGroupName participantIds retracted issueText }
  steps { position recordedAt on kind work workId assignmentId unitId version result detail }
  works { work workId via fromId stage }
  answer { work workId kind on days } } }`;

/** What a step says besides its kind: the unit, the reply's version and result, what it names. */
function stepDetails(t: T, s: Step, directory: Directory | undefined): string {
  const parts: string[] = [];
  if (s.unitId) parts.push(nameOf(directory, s.unitId));
  if (s.version !== null) parts.push(t('tr_version', { v: s.version }));
  if (s.result) parts.push(t('tr_result', { r: s.result }));
  if (s.detail && s.work !== 'CONTACT') parts.push(s.detail);
  return parts.join(' · ');
}

/** The page at `#/trail?issue=…`: follows the address, and writes the issue and asOf back to it. */
export function TrailPage() {
  const t: T = useWingT(TRAIL_LABELS);
  const [route, setRoute] = useState(() => trailRoute(location.hash) ?? { issueId: '', asOf: '' });
  const [issueId, setIssueId] = useState(route.issueId);
  const [asOf, setAsOf] = useState(route.asOf);
  useEffect(() => {
    const follow = () => {
      const r = trailRoute(location.hash);
      if (!r) return;
      setRoute(r);
      setIssueId(r.issueId);
      setAsOf(r.asOf);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  // Names for the ids a trail shows (participants, units); the trail reads without them.
  const directory = useLoad(loadDirectory, []);
  const answer = useLoad(() => (route.issueId ? gql<TrailAnswer>(TRAIL, { issueId: route.issueId, asOf: route.asOf || null }) : Promise.resolve({ trail: null })), [route.issueId, route.asOf]);
  const show = (event: Event) => {
    event.preventDefault();
    const next = { issueId: issueId.trim(), asOf: asOf.trim() };
    history.replaceState(null, '', trailAddress(next.issueId, next.asOf));
    setRoute(next);
  };
  return (
    <div class="grid" data-testid="trail-page">
      <Card title={t('tr_title')} help={t('tr_help')} wide testId="trail-card" actions={<a class="link" href="#/" data-testid="trail-back">{t('tr_back')}</a>}>
        <form class="controls" data-testid="trail-form" onSubmit={show}>
          <label>
            {t('tr_issueId')}
            <input name="issueId" value={issueId} required onInput={(e) => setIssueId(e.currentTarget.value)} />
          </label>
          <label>
            {t('tr_asOf')}
            <input name="asOf" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('tr_open')}</button>
        </form>
        {route.issueId && (
          <Show value={answer}>
            {({ trail }) =>
              !trail ? (
                <p class="note" data-testid="trail-none">{t('tr_none')}</p>
              ) : (
                <div data-testid="trail">
                  {route.asOf && <p class="note" data-testid="trail-as-of">{t('tr_asOfNote', { t: route.asOf })}</p>}
                  <h3>{t('tr_contact')}</h3>
                  {trail.contact ? (
                    <div class="contact" data-testid="trail-contact">
                      <b data-testid="trail-issue-text">{trail.contact.issueText ?? trail.issueId}</b>
                      {!trail.standing && <span class="note"> {t('tr_notStanding')}</span>}
                      <div class="meta">
                        {committeeDay(trail.contact.occurredAt)} · {trail.contact.liaisonGroupName ?? t('tr_noGroup')} · {trail.contact.contactId}
                      </div>
                      <div class="who-met" data-testid="trail-participants">{trail.contact.participantIds.map((id) => nameOf(directory.data, id)).join('、')}</div>
                    </div>
                  ) : (
                    <p class="note" data-testid="trail-contact-hidden">{t('tr_contactHidden')}</p>
                  )}
                  <h3>{t('tr_works')}</h3>
                  {trail.works.length === 0 ? (
                    <p class="note" data-testid="trail-no-works">{t('tr_noWorks')}</p>
                  ) : (
                    <ul class="chips" data-testid="trail-works">
                      {trail.works.map((w) => (
                        <li key={`${w.work}:${w.workId}`} data-work={w.workId} data-stage={w.stage}>
                          {t(`tr_work_${w.work}` as keyof typeof TRAIL_LABELS)} {w.workId} · {t(`tr_stage_${w.stage}` as keyof typeof TRAIL_LABELS)}
                          {w.via !== 'SOURCE' && ` · ${t(`tr_via_${w.via}` as keyof typeof TRAIL_LABELS)}${w.fromId ? ` (${w.fromId})` : ''}`}
                        </li>
                      ))}
                    </ul>
                  )}
                  <h3>{t('tr_steps')}</h3>
                  <ol class="contacts" data-testid="trail-steps">
                    {trail.steps.map((s) => (
                      <li key={s.position + s.kind} data-kind={s.kind} data-position={s.position}>
                        <span class="meta">{s.on}</span> <b>{t(`tr_step_${s.kind}` as keyof typeof TRAIL_LABELS)}</b> · {t(`tr_work_${s.work}` as keyof typeof TRAIL_LABELS)} {s.workId}
                        {stepDetails(t, s, directory.data) && <span class="meta"> · {stepDetails(t, s, directory.data)}</span>}
                        <span class="meta" title={s.recordedAt}> · #{s.position} {committeeTime(s.recordedAt)}</span>
                      </li>
                    ))}
                  </ol>
                  <h3>{t('tr_answer')}</h3>
                  <p class="kpi" data-testid="trail-answer">
                    {trail.answer
                      ? t(trail.answer.days === null ? 'tr_answeredNoDays' : 'tr_answered', {
                          what: `${t(`tr_step_${trail.answer.kind}` as keyof typeof TRAIL_LABELS)} (${t(`tr_work_${trail.answer.work}` as keyof typeof TRAIL_LABELS)} ${trail.answer.workId})`,
                          on: trail.answer.on,
                          days: trail.answer.days ?? '',
                        })
                      : t('tr_notAnswered')}
                  </p>
                  <p class="help" data-testid="trail-read-at">{t('tr_readAt', { p: trail.readAt })}</p>
                </div>
              )
            }
          </Show>
        )}
      </Card>
    </div>
  );
}

interface FigureRow {
  groupId: string | null;
  groupName: string | null;
  raised: number;
  takenUp: number;
  answered: number;
  takenUpShare: number | null;
  answeredShare: number | null;
  medianDaysToAnswer: number | null;
}
const ROW = 'groupId groupName raised takenUp answered takenUpShare answeredShare medianDaysToAnswer';

/** The leaders' card: the dashboard year's raised issues per liaison group, and the committee's total. */
export function TrailLeadersCard({ year, asOf }: LeadersCardProps) {
  const t: T = useWingT(TRAIL_LABELS);
  const figures = useLoad(
    () =>
      gql<{ trailFigures: { total: FigureRow; groups: FigureRow[] } }>(`query($from: String!, $to: String!, $asOf: String) { trailFigures(from: $from, to: $to, asOf: $asOf) { total { ${ROW} } groups { ${ROW} } } }`, {
        from: `${year}-01-01`,
        to: `${year + 1}-01-01`,
        asOf: asOf || null,
      }),
    [year, asOf],
  );
  const cells = (r: FigureRow) => (
    <>
      <td>{r.raised}</td>
      <td>{r.takenUp} ({percent(r.takenUpShare)})</td>
      <td>{r.answered} ({percent(r.answeredShare)})</td>
      <td>{r.medianDaysToAnswer ?? '—'}</td>
    </>
  );
  return (
    <div class="grid">
      <Card title={t('tr_figuresTitle', { y: year })} help={t('tr_figuresHelp')} wide testId="trail-figures-card">
        {asOf && <p class="note" data-testid="trail-figures-as-of">{t('tr_asOfNote', { t: committeeTime(asOf) })}</p>}
        <Show value={figures}>
          {({ trailFigures: f }) => (
            <div class="table-scroll">
              <table data-testid="trail-figures">
                <thead>
                  <tr><th>{t('tr_group')}</th><th>{t('tr_raised')}</th><th>{t('tr_takenUp')}</th><th>{t('tr_answeredCol')}</th><th>{t('tr_median')}</th></tr>
                </thead>
                <tbody>
                  {f.groups.map((g) => (
                    <tr key={g.groupId ?? ''} data-group={g.groupId ?? ''}>
                      <td>{g.groupName ?? g.groupId ?? t('tr_noGroup')}</td>
                      {cells(g)}
                    </tr>
                  ))}
                  <tr class="total" data-group="total">
                    <td>{t('tr_total')}</td>
                    {cells(f.total)}
                  </tr>
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </Card>
    </div>
  );
}

/** The trail has no views among the wings' (it is a page of its own); the wing list asks for a component all the same. */
export function NoView() {
  return null;
}
