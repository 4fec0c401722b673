/**
 * The year's key topics (年度重点协商议题): the list, readable by every role; a topic's page — its
 * details, revisions, its work counted by kind and by month (an ECharts bar chart like the
 * dashboard's), each piece of work with its outcome as its own wing records it, filtered by kind —
 * for leaders, auditors and the committee office; and the office's forms to set, revise and
 * withdraw a topic and to tag work to it or take work off. A liaison group's clerk who opens a
 * page is told it is not theirs (the API refuses it). After a write the next read asks for at
 * least its position.
 */
import { useMemo, useState } from 'preact/hooks';
import { ApiError, gql } from '../api.js';
import { loadDirectory, type Directory } from '../directory.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Chart, type ChartOption } from '../leaders/charts.js';
import { Card, committeeTime, Empty, ErrorNote, Show, useLoad } from '../ui/common.js';
import { present, StepForm, type FieldValues } from '../ui/stepForm.js';
import { write } from '../ui/write.js';
import type { TopicsRole } from './index.js';
import { TOPIC_LABELS } from './labels.js';
import { initialYear, YearSelect } from './year.js';

type T = WingTranslate<keyof typeof TOPIC_LABELS>;
const useTT = (): T => useWingT(TOPIC_LABELS);

export type WorkKind = 'CONTACT' | 'PROPOSAL' | 'OPINION_REPORT' | 'INSPECTION';
export const WORK_KINDS: WorkKind[] = ['CONTACT', 'PROPOSAL', 'OPINION_REPORT', 'INSPECTION'];
const KIND_COLOURS: Record<WorkKind, string> = { CONTACT: '#3f6fb5', PROPOSAL: '#b71c1c', OPINION_REPORT: '#e67e22', INSPECTION: '#2e7d32' };

interface Topic {
  id: string;
  year: number;
  title: string;
  leadBodyId: string;
  leadBodyName: string | null;
  periodFrom: string;
  periodTo: string;
  stage: 'SET' | 'WITHDRAWN';
  setAt: string;
  workCount: number;
  withdrawn: { reason: string; withdrawnAt: string } | null;
  revisions: Array<{ year: number; title: string; leadBodyId: string; periodFrom: string; periodTo: string; reason: string; revisedAt: string }>;
}
interface Work {
  kind: WorkKind;
  id: string;
  source: 'TAGGED' | 'DECLARED';
  on: string;
  month: string;
  note: string;
  since: string;
  outcome: { title: string | null; stage: string | null; adopted: boolean; filed: boolean; replies: number; lastResult: string | null; instructions: number; recommendations: number; followedUp: number };
}
interface Outcomes {
  contacts: number;
  proposals: number;
  proposalsFiled: number;
  proposalsReplied: number;
  proposalsAnsweredA: number;
  reports: number;
  reportsAdopted: number;
  instructions: number;
  inspections: number;
  inspectionsHeld: number;
  recommendations: number;
  recommendationsFollowedUp: number;
}
interface Page {
  work: Work[];
  byKind: Array<{ kind: WorkKind; count: number }>;
  byMonth: Array<{ month: string; kind: WorkKind; count: number }>;
  outcomes: Outcomes;
}

const TOPIC = `id year title leadBodyId leadBodyName periodFrom periodTo stage setAt workCount withdrawn { reason withdrawnAt }
  revisions { year title leadBodyId periodFrom periodTo reason revisedAt }`;
const PAGE = `work { kind id source on month note since outcome { title stage adopted filed replies lastResult instructions recommendations followedUp } }
  byKind { kind count } byMonth { month kind count }
  outcomes { contacts proposals proposalsFiled proposalsReplied proposalsAnsweredA reports reportsAdopted instructions inspections inspectionsHeld recommendations recommendationsFollowedUp }`;

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
type Options = Array<[string, string]>;
/** The bodies that may lead a topic: the chairs' meeting and every registered organization but the handling units and liaison groups. */
const leadBodies = (t: T, directory: Directory | undefined): Options => [
  ['CHAIRS', t('tp_chairs')],
  ...[...(directory?.values() ?? [])].filter((e) => e.kind === 'ORGANIZATION' && e.orgKind !== 'HANDLING_UNIT' && e.orgKind !== 'LIAISON_GROUP').map((e): [string, string] => [e.id, e.name]),
];
const leadOf = (t: T, topic: Pick<Topic, 'leadBodyId' | 'leadBodyName'>) => (topic.leadBodyId === 'CHAIRS' ? t('tp_chairs') : (topic.leadBodyName ?? topic.leadBodyId));

export function TopicsView({ role }: { role: string }) {
  const t = useTT();
  const office = (role as TopicsRole) === 'OFFICE';
  const [year, setYear] = useState(initialYear);
  const [position, setPosition] = useState<number | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const directory = useLoad(() => (office ? loadDirectory() : Promise.resolve(undefined)), [office]);
  const list = useLoad(
    () => gql<{ keyTopics: Topic[] }>(`query($y: Int, $p: Float) { keyTopics(year: $y, atLeastPosition: $p) { ${TOPIC} } }`, { y: year, p: position }).then((d) => d.keyTopics),
    [year, position],
  );
  const open = list.data?.find((x) => x.id === openId);

  return (
    <div class="grid" data-testid="topics-view">
      <Card title={t('tp_title')} help={t('tp_help')} wide testId="topic-list" actions={<YearSelect year={year} onChange={(y) => (setYear(y), setOpenId(null))} testId="topics-year" />}>
        <Show value={list} empty={(d) => (d.length === 0 ? t('tp_empty', { y: year }) : null)}>
          {(rows) => (
            <div class="table-scroll"><table>
              <thead><tr><th>{t('tp_topic')}</th><th>{t('tp_lead')}</th><th>{t('tp_period')}</th><th>{t('tp_stage')}</th><th>{t('tp_workCount')}</th><th /></tr></thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.id} data-testid={`topic-${x.id}`} data-stage={x.stage}>
                    <td class="wrap">{x.title}</td>
                    <td class="wrap">{leadOf(t, x)}</td>
                    <td class="wrap">{x.periodFrom} – {x.periodTo}</td>
                    <td data-testid="stage">{t(`tp_stage_${x.stage}`)}</td>
                    <td class="num" data-testid="work-count">{x.workCount}</td>
                    <td>
                      <button type="button" class="secondary" data-testid={`open-${x.id}`} onClick={() => setOpenId(openId === x.id ? null : x.id)}>
                        {openId === x.id ? t('tp_close') : t('tp_open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </Show>
      </Card>
      {open && <TopicDesk key={open.id} topic={open} office={office} position={position} directory={directory.data} onDone={setPosition} />}
      {office && (
        <Card title={t('tp_set')} testId="topic-set">
          <StepForm
            key={year}
            testId="set-topic-form"
            clear
            fields={[
              { name: 'title', label: t('tp_topic'), kind: 'text', required: true },
              { name: 'leadBodyId', label: t('tp_lead'), kind: 'select', options: leadBodies(t, directory.data) },
              { name: 'periodFrom', label: t('tp_periodFrom'), kind: 'date' },
              { name: 'periodTo', label: t('tp_periodTo'), kind: 'date' },
            ]}
            submit={t('tp_setSubmit')}
            done={t('tp_recorded')}
            send={(v) => write('setKeyTopic', 'SetKeyTopicInput', { topicId: newId('kt'), year, leadBodyId: v.leadBodyId, ...present(v, 'title', 'periodFrom', 'periodTo') })}
            onDone={setPosition}
          />
        </Card>
      )}
    </div>
  );
}

/** One topic: its details and history for everyone who opens it, its page where the API allows, and the office's forms. */
function TopicDesk({ topic, office, position, directory, onDone }: { topic: Topic; office: boolean; position: number | null; directory?: Directory; onDone: (position: number) => void }) {
  const t = useTT();
  const [kind, setKind] = useState<WorkKind | ''>('');
  const page = useLoad(
    () => gql<{ keyTopic: { page: Page } | null }>(`query($id: ID!, $kind: WorkKind, $p: Float) { keyTopic(id: $id, atLeastPosition: $p) { id page(kind: $kind) { ${PAGE} } } }`, { id: topic.id, kind: kind || null, p: position }).then((d) => d.keyTopic?.page ?? null),
    [topic.id, kind, position],
  );
  const forbidden = page.error instanceof ApiError && page.error.code === 'FORBIDDEN';
  const set = topic.stage === 'SET';

  return (
    <Card title={t('tp_pageTitle', { title: topic.title })} wide testId="topic-desk">
      <p data-testid="topic-details">
        <strong>{topic.title}</strong> · {leadOf(t, topic)} · {topic.periodFrom} – {topic.periodTo} · {t(`tp_stage_${topic.stage}`)} · {t('tp_setAt', { t: committeeTime(topic.setAt) })}
      </p>
      {topic.withdrawn && <p class="note" data-testid="topic-withdrawn">{t('tp_withdrawnWhy', { t: committeeTime(topic.withdrawn.withdrawnAt), r: topic.withdrawn.reason })}</p>}
      <section data-testid="topic-revisions">
        <h3>{t('tp_revisions')}</h3>
        {topic.revisions.length === 0 ? (
          <p class="meta">{t('tp_noRevisions')}</p>
        ) : (
          <ol class="plain">
            {topic.revisions.map((r, n) => (
              <li key={n}>{t('tp_revisionLine', { t: committeeTime(r.revisedAt), title: r.title, lead: r.leadBodyId === topic.leadBodyId ? leadOf(t, topic) : r.leadBodyId === 'CHAIRS' ? t('tp_chairs') : (directory?.get(r.leadBodyId)?.name ?? r.leadBodyId), from: r.periodFrom, to: r.periodTo, r: r.reason })}</li>
            ))}
          </ol>
        )}
      </section>
      {forbidden ? (
        <p class="note empty" role="status" data-testid="page-forbidden">{t('tp_pageForbidden')}</p>
      ) : page.error ? (
        <ErrorNote error={page.error} onRetry={page.reload} prefix={t('failed')} />
      ) : page.data === undefined ? (
        <div class="note loading">{t('loading')}</div>
      ) : page.data === null ? (
        <Empty>{t('tp_workEmpty')}</Empty>
      ) : (
        <div class={page.loading ? 'refreshing' : undefined}>
          <TopicPage page={page.data} kind={kind} onKind={setKind} office={office && set} topicId={topic.id} onDone={onDone} />
        </div>
      )}
      {office && (
        <div class="steps">
          {set ? (
            <StepForm
              testId="tag-form"
              title={t('tp_tag')}
              clear
              fields={[
                { name: 'workKind', label: t('tp_workKind'), kind: 'select', options: WORK_KINDS.map((k): [string, string] => [k, t(`tp_kind_${k}`)]) },
                { name: 'workId', label: t('tp_workId'), kind: 'text', required: true },
                { name: 'note', label: t('tp_note'), kind: 'text' },
              ]}
              submit={t('tp_tagSubmit')}
              done={t('tp_recorded')}
              send={(v) => write('tagWorkToTopic', 'TagWorkToTopicInput', { topicId: topic.id, workKind: v.workKind, ...present(v, 'workId', 'note') })}
              onDone={onDone}
            />
          ) : (
            <p class="note">{t('tp_withdrawnNoTags')}</p>
          )}
          <StepForm
            key={`revise:${topic.revisions.length}`}
            testId="revise-form"
            title={t('tp_revise')}
            fields={[
              { name: 'title', label: t('tp_topic'), kind: 'text', required: true, initial: topic.title },
              { name: 'leadBodyId', label: t('tp_lead'), kind: 'select', options: leadBodies(t, directory), initial: topic.leadBodyId },
              { name: 'periodFrom', label: t('tp_periodFrom'), kind: 'date', initial: topic.periodFrom },
              { name: 'periodTo', label: t('tp_periodTo'), kind: 'date', initial: topic.periodTo },
              { name: 'reason', label: t('tp_reason'), kind: 'text', required: true },
            ]}
            submit={t('tp_revise')}
            send={(v) => write('reviseKeyTopic', 'ReviseKeyTopicInput', { topicId: topic.id, ...changed(topic, v), ...present(v, 'reason') })}
            onDone={onDone}
          />
          {set && (
            <StepForm
              testId="withdraw-form"
              title={t('tp_withdraw')}
              fields={[{ name: 'reason', label: t('tp_reason'), kind: 'text', required: true }]}
              submit={t('tp_withdraw')}
              send={(v) => write('withdrawKeyTopic', 'WithdrawKeyTopicInput', { topicId: topic.id, ...present(v, 'reason') })}
              onDone={onDone}
            />
          )}
        </div>
      )}
    </Card>
  );
}

/** What a revision changes: the fields whose value differs from the topic's, so the history says what moved. */
function changed(topic: Topic, v: FieldValues): Record<string, string> {
  const values = present(v, 'title', 'leadBodyId', 'periodFrom', 'periodTo');
  return Object.fromEntries(Object.entries(values).filter(([k, value]) => topic[k as 'title' | 'leadBodyId' | 'periodFrom' | 'periodTo'] !== value));
}

/** A piece of work's outcome in a few words, as its own wing records it. */
function outcomeOf(t: T, w: Work): string {
  const o = w.outcome;
  if (w.kind === 'CONTACT') return t('tp_oc_CONTACT');
  if (w.kind === 'PROPOSAL') return t('tp_oc_proposal', { s: t.of('p_stage', o.stage), n: o.replies, r: o.lastResult ? t('tp_oc_result', { r: o.lastResult }) : '' });
  if (w.kind === 'OPINION_REPORT') return `${o.adopted ? t('tp_oc_adopted') : t('tp_oc_notAdopted')}${o.instructions ? t('tp_oc_instructions', { n: o.instructions }) : ''}`;
  return t('tp_oc_inspection', { s: t.of('tp_istage', o.stage), n: o.recommendations, f: o.followedUp });
}

function TopicPage({ page, kind, onKind, office, topicId, onDone }: { page: Page; kind: WorkKind | ''; onKind: (k: WorkKind | '') => void; office: boolean; topicId: string; onDone: (position: number) => void }) {
  const t = useTT();
  const [untagging, setUntagging] = useState<string | null>(null);
  const o = page.outcomes;
  const total = page.byKind.reduce((n, k) => n + k.count, 0);
  return (
    <section data-testid="topic-page">
      <p class="kpi" data-testid="topic-outcomes">
        {t('tp_outcomes', { p: o.proposals, pf: o.proposalsFiled, pr: o.proposalsReplied, pa: o.proposalsAnsweredA, r: o.reports, ra: o.reportsAdopted, ri: o.instructions, i: o.inspections, ih: o.inspectionsHeld, rc: o.recommendations, rf: o.recommendationsFollowedUp, c: o.contacts })}
      </p>
      <div class="row">
        <div>
          <h3>{t('tp_byKind')}</h3>
          <table data-testid="topic-by-kind">
            <thead><tr><th>{t('tp_kind')}</th><th>{t('tp_count')}</th></tr></thead>
            <tbody>
              {page.byKind.map((k) => (
                <tr key={k.kind} data-kind={k.kind}><td>{t(`tp_kind_${k.kind}`)}</td><td class="num">{k.count}</td></tr>
              ))}
              <tr data-kind="total"><td>{t('tp_total')}</td><td class="num">{total}</td></tr>
            </tbody>
          </table>
        </div>
        <div>
          <h3>{t('tp_byMonth')}</h3>
          <MonthChart page={page} />
        </div>
      </div>
      <h3>{t('tp_work')}</h3>
      <label class="inline small">
        {t('tp_filterKind')}
        <select name="kind" data-testid="topic-kind-filter" value={kind} onChange={(e) => onKind(e.currentTarget.value as WorkKind | '')}>
          <option value="">{t('tp_allKinds')}</option>
          {WORK_KINDS.map((k) => <option key={k} value={k}>{t(`tp_kind_${k}`)}</option>)}
        </select>
      </label>
      {page.work.length === 0 ? (
        <Empty>{t('tp_workEmpty')}</Empty>
      ) : (
        <div class="table-scroll"><table data-testid="topic-work">
          <thead><tr><th>{t('tp_on')}</th><th>{t('tp_kind')}</th><th>{t('tp_what')}</th><th>{t('tp_source')}</th><th>{t('tp_note')}</th><th>{t('tp_outcome')}</th>{office && <th />}</tr></thead>
          <tbody>
            {page.work.map((w) => {
              const key = `${w.kind}:${w.id}`;
              return (
                <tr key={key} data-testid={`work-${w.kind}-${w.id}`} data-kind={w.kind}>
                  <td>{w.on}</td>
                  <td>{t(`tp_kind_${w.kind}`)}</td>
                  <td>{w.outcome.title ? `${w.outcome.title}（${w.id}）` : w.id}</td>
                  <td>{t(`tp_source_${w.source}`)}</td>
                  <td>{w.note}</td>
                  <td data-testid="outcome">{outcomeOf(t, w)}</td>
                  {office && (
                    <td>
                      {untagging === key ? (
                        <StepForm
                          testId="untag-form"
                          fields={[{ name: 'reason', label: t('tp_untagReason'), kind: 'text', required: true }]}
                          submit={t('tp_untagSubmit')}
                          send={(v) => write('untagWorkFromTopic', 'UntagWorkFromTopicInput', { topicId, workKind: w.kind, workId: w.id, ...present(v, 'reason') })}
                          onDone={(at) => (setUntagging(null), onDone(at))}
                        />
                      ) : (
                        <button type="button" class="secondary danger" data-testid="untag" onClick={() => setUntagging(key)}>{t('tp_untag')}</button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** The topic's work per month, one stacked bar per month and a colour per kind, each bar's count written on it. */
function MonthChart({ page }: { page: Page }) {
  const t = useTT();
  const months = [...new Set(page.byMonth.map((m) => m.month))].sort();
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: {},
      legend: { show: false },
      grid: { left: 8, right: 8, top: 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => (t.lang === 'zh' ? `${Number(m.slice(5))}月` : m)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: WORK_KINDS.map((kind) => ({
        type: 'bar',
        name: t(`tp_kind_${kind}`),
        stack: 'work',
        itemStyle: { color: KIND_COLOURS[kind] },
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        data: months.map((m) => page.byMonth.find((x) => x.month === m && x.kind === kind)?.count ?? 0),
      })),
    }),
    [page, t.lang],
  );
  if (months.length === 0) return <Empty>{t('tp_workEmpty')}</Empty>;
  return (
    <>
      <ul class="legend">
        {WORK_KINDS.map((k) => <li key={k}><i class="square" style={{ background: KIND_COLOURS[k] }} />{t(`tp_kind_${k}`)}</li>)}
      </ul>
      <Chart option={option} height={200} label={t('tp_byMonth')} testId="topic-by-month" />
    </>
  );
}
