/**
 * The leaders' view: where the liaison systems work and where they do not, for a year and a
 * period within it, as recorded now or as recorded at an earlier moment (asOf). Every figure comes
 * from the public GraphQL API; a newly logged contact (the contactLogged subscription) refreshes
 * the figures, asking for at least that contact's position so the answer includes it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { gql, subscribe } from '../api.js';
import { loadDirectory } from '../directory.js';
import { useT, type Translate } from '../i18n.js';
import { Card, committeeToday, committeeYear, Empty, ErrorNote, localMinute, percent, Show, useLoad } from '../ui/common.js';
import { Chart, COVERAGE_COLOURS, type ChartOption } from './charts.js';
import { NetworkCard } from './network.js';
import { StaleTable } from './stale.js';
import { DownloadButton, downloadCsv } from '../ui/download.js';
import { SCHEMES } from '#domain/shared/vocabulary';
import { LeadersWingCards, preloadLeadersCards } from '../wings.js';

const LIVE_GATHER_MS = 300;
const LIVE_MIN_SPACING_MS = 3000;

export { SCHEMES };
type Per = 'QUARTER' | 'MONTH';

export interface Selection {
  year: number;
  per: Per;
  /** The period the cards below the heatmap show: the year, or one quarter or month of it. */
  period: string;
  scheme: string;
  /** Empty: now. Else the instant (ISO) the figures are read as of: what the dashboard said then. */
  asOf: string;
  staleDays: number;
}

// ---- the selection lives in the address (#/?year=2020&per=QUARTER…), so a view can be bookmarked and shared.
const addressParams = () => new URLSearchParams(location.hash.replace(/^#\/?\??/, ''));

function readSelection(defaultYear = committeeToday().year): Selection {
  const params = addressParams();
  const year = Number(params.get('year')) || defaultYear;
  const per: Per = params.get('per') === 'MONTH' ? 'MONTH' : 'QUARTER';
  const period = params.get('period') ?? String(year);
  return {
    year,
    per,
    period: period.startsWith(String(year)) ? period : String(year),
    scheme: params.get('scheme') ?? '',
    asOf: params.get('asOf') ?? '',
    staleDays: Number(params.get('days')) || 90,
  };
}
function writeSelection(s: Selection) {
  const params = new URLSearchParams({ year: String(s.year), per: s.per, period: s.period, days: String(s.staleDays) });
  if (s.scheme) params.set('scheme', s.scheme);
  if (s.asOf) params.set('asOf', s.asOf);
  history.replaceState(null, '', `#/?${params}`);
}


export function periodsOf(year: number, per: Per): string[] {
  return per === 'QUARTER' ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`) : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

export function periodLabel(t: Translate, id: string): string {
  if (/^\d{4}$/.test(id)) return t.lang === 'zh' ? `${id}年` : id;
  const q = /^(\d{4})-Q(\d)$/.exec(id);
  if (q) return t.lang === 'zh' ? `第${q[2]}季度` : `Q${q[2]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(id);
  if (m) return t.lang === 'zh' ? `${Number(m[2])}月` : new Date(Date.UTC(2000, Number(m[2]) - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  return id;
}

interface SchemeCell {
  scheme: string;
  due: number;
  covered: number;
  ratio: number | null;
}
interface SeriesAnswer {
  coverageSeries: Array<{ period: { id: string }; schemes: SchemeCell[] }>;
}
interface PeriodAnswer {
  readModel: { links: number; contacts: number; position: number };
  coverage: Array<SchemeCell & { byLiaisonGroup: Array<{ id: string; due: number; covered: number }> }>;
  territorialCoverage: { covered: number; localities: number; ratio: number | null; perLocality: Array<{ localityId: string; name: string; groupId: string | null; contacts: number }> };
  usageHistogram: { due: number; buckets: Array<{ label: string; links: number }> };
  liaisonGroups: Array<{ id: string; name: string }>;
  localities: Array<{ id: string; kind: string }>;
}

/** A contact logged, corrected or retracted since the page opened: the figures are re-read at least at its position. */
interface Fresh {
  count: number;
  position?: number;
  /** What the reader is told: the topic, and whether it was a correction or a retraction. */
  topic?: string;
  kind?: 'LOGGED' | 'CORRECTED' | 'RETRACTED';
}

/**
 * Listens to every event that moves the figures (contactLogged, contactChanged). The first event
 * refreshes the figures after a short gathering pause; later ones at most every few seconds, so a
 * steady stream (an import, a busy afternoon) neither starves the refresh nor spends the token's
 * request allowance (a refresh asks about fifteen root fields).
 */
function useLiveFigures(): { fresh: Fresh; liveBroken: boolean } {
  const [fresh, setFresh] = useState<Fresh>({ count: 0 });
  const [liveBroken, setLiveBroken] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: Required<Omit<Fresh, 'count'>> | undefined;
    let lastRefresh = 0;
    const heard = (position: number, topic: string, kind: NonNullable<Fresh['kind']>) => {
      setLiveBroken(false);
      pending = { position: Math.max(pending?.position ?? 0, position), topic, kind };
      if (timer !== undefined) return; // a refresh is already due; it will include this event
      const wait = Math.max(LIVE_GATHER_MS, lastRefresh + LIVE_MIN_SPACING_MS - Date.now());
      timer = setTimeout(() => {
        const latest = pending!;
        pending = undefined;
        timer = undefined;
        lastRefresh = Date.now();
        setFresh((f) => ({ count: f.count + 1, ...latest, position: Math.max(f.position ?? 0, latest.position) }));
      }, wait);
    };
    const broken = () => setLiveBroken(true);
    const stops = [
      subscribe<{ contactLogged: { position: number; topic: string } }>(`subscription { contactLogged { position topic } }`, {}, ({ contactLogged: c }) => heard(c.position, c.topic, 'LOGGED'), broken),
      subscribe<{ contactChanged: { kind: 'CORRECTED' | 'RETRACTED'; position: number; contact: { topic: string } } }>(
        `subscription { contactChanged { kind position contact { topic } } }`,
        {},
        ({ contactChanged: c }) => heard(c.position, c.contact.topic, c.kind),
        broken,
      ),
    ];
    return () => {
      clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }, []);
  return { fresh, liveBroken };
}

/**
 * Opens on the year the address names, else on the year of the most recent contact (a committee
 * that has logged nothing yet this year, or the 2019–2020 sample, opens where its figures are).
 */
export function LeadersView() {
  const t = useT();
  const [initial, setInitial] = useState<Selection | null>(() => (addressParams().get('year') ? readSelection() : null));
  useEffect(() => {
    preloadLeadersCards();
    if (initial) return;
    gql<{ readModel: { latestContactAt: string | null } }>(`{ readModel { latestContactAt } }`).then(
      ({ readModel }) => setInitial(readSelection(readModel.latestContactAt ? committeeYear(readModel.latestContactAt) : undefined)),
      // The dashboard itself will show what went wrong; it opens on this year meanwhile.
      () => setInitial(readSelection()),
    );
  }, []);
  if (!initial) return <p class="note loading">{t('loading')}</p>;
  return <Dashboard initial={initial} />;
}

/** True on a phone-sized window (the stylesheet's one-column breakpoint), following rotation and resizing. */
function useNarrow(): boolean {
  const query = '(max-width: 720px)';
  const [narrow, setNarrow] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const changed = () => setNarrow(list.matches);
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, []);
  return narrow;
}


function Dashboard({ initial }: { initial: Selection }) {
  const t = useT();
  const [selection, setSelection] = useState<Selection>(initial);
  const select = (change: Partial<Selection>) => {
    const next = { ...selection, ...change };
    if (change.year !== undefined || change.per !== undefined) next.period = change.period ?? String(next.year);
    writeSelection(next);
    setSelection(next);
  };
  const { fresh, liveBroken } = useLiveFigures();

  const directory = useLoad(loadDirectory, []);
  const common = { asOf: selection.asOf || null, atLeastPosition: fresh.position ?? null };
  const series = useLoad(
    () =>
      gql<SeriesAnswer>(
        `query($from: String!, $to: String!, $per: PeriodKind!, $asOf: String, $atLeastPosition: Float) {
          coverageSeries(from: $from, to: $to, per: $per, asOf: $asOf, atLeastPosition: $atLeastPosition) { period { id } schemes { scheme due covered ratio } }
        }`,
        { from: `${selection.year}-01-01`, to: `${selection.year}-12-31`, per: selection.per, ...common },
      ),
    [selection.year, selection.per, selection.asOf, fresh.position],
  );
  const figures = useLoad(
    () =>
      gql<PeriodAnswer>(
        `query($period: String!, $scheme: Scheme, $asOf: String, $atLeastPosition: Float) {
          readModel { links contacts position }
          coverage(period: $period, scheme: $scheme, asOf: $asOf, atLeastPosition: $atLeastPosition) { scheme due covered ratio byLiaisonGroup { id due covered } }
          territorialCoverage(period: $period, asOf: $asOf, atLeastPosition: $atLeastPosition) { covered localities ratio perLocality { localityId name groupId contacts } }
          usageHistogram(period: $period, scheme: $scheme, asOf: $asOf, atLeastPosition: $atLeastPosition) { due buckets { label links } }
          liaisonGroups { id name }
          localities { id kind }
        }`,
        { period: selection.period, scheme: selection.scheme || null, ...common },
      ),
    [selection.period, selection.scheme, selection.asOf, fresh.position],
  );

  if (figures.data && figures.data.readModel.links === 0) return <Empty>{t('emptyStore')}</Empty>;

  return (
    <div class="leaders" data-testid="leaders">
      <Controls selection={selection} select={select} live={!liveBroken} />
      {fresh.topic && (
        <p class="note live" role="status" data-testid="live-note">
          {t(fresh.kind === 'CORRECTED' ? 'liveCorrected' : fresh.kind === 'RETRACTED' ? 'liveRetracted' : 'liveUpdated')}
          {fresh.topic}
        </p>
      )}
      {liveBroken && <p class="note">{t('liveOff')}</p>}
      <Kpis figures={figures} />
      <div class="grid">
        <Card
          title={t('coverageHeatmap')}
          help={t('coverageHeatmapHelp')}
          wide
          testId="heatmap-card"
          actions={series.data && <DownloadButton testId="coverage-download" onDownload={() => downloadCoverage(t, series.data!, selection)} />}
        >
          <Show value={series} empty={(d) => (d.coverageSeries.every((p) => p.schemes.every((s) => s.due === 0)) ? t('nothingDue') : null)}>
            {(data) => <Heatmap data={data} selection={selection} onPick={(period) => select({ period })} />}
          </Show>
        </Card>
        <Card title={`${t('coverageByGroup')} · ${periodLabel(t, selection.period)}`} testId="groups-card">
          <Show value={figures}>{(data) => <GroupCoverage data={data} />}</Show>
        </Card>
        <Card title={`${t('territorial')} · ${periodLabel(t, selection.period)}`} testId="territory-card">
          <Show value={figures} empty={(d) => (d.territorialCoverage.localities === 0 ? t('nothingDue') : null)}>
            {(data) => <Territory data={data} />}
          </Show>
        </Card>
        <Card title={`${t('usageHistogram')} · ${periodLabel(t, selection.period)}`} testId="usage-card">
          <Show value={figures} empty={(d) => (d.usageHistogram.due === 0 ? t('nothingDue') : null)}>
            {(data) => <Histogram data={data} />}
          </Show>
        </Card>
        <StaleTable selection={selection} directory={directory.data} common={common} refresh={fresh.count} onDays={(staleDays) => select({ staleDays })} />
        <NetworkCard selection={selection} common={common} refresh={fresh.count} />
        <LeadersWingCards year={selection.year} asOf={selection.asOf} />
      </div>
    </div>
  );
}

/** The heatmap as a table: one row per period and scheme, in the heatmap's order. */
function downloadCoverage(t: Translate, data: SeriesAnswer, selection: Selection) {
  const rows = data.coverageSeries.flatMap((p) =>
    SCHEMES.map((scheme) => {
      const cell = p.schemes.find((c) => c.scheme === scheme);
      const due = cell?.due ?? 0;
      const covered = cell?.covered ?? 0;
      return [p.period.id, t.of('scheme', scheme), covered, due, due ? `${Math.round((covered / due) * 1000) / 10}%` : ''];
    }),
  );
  downloadCsv(`${t('csvCoverageFile')}-${selection.year}${selection.per === 'MONTH' ? `-${t('per_MONTH')}` : ''}.csv`, [t('csvPeriod'), t('scheme'), t('covered'), t('due'), t('csvRatio')], rows);
}

function Controls({ selection, select, live }: { selection: Selection; select: (s: Partial<Selection>) => void; live: boolean }) {
  const t = useT();
  const thisYear = committeeToday().year;
  const years = Array.from({ length: 12 }, (_, i) => thisYear - i);
  if (!years.includes(selection.year)) years.push(selection.year);
  return (
    <form class="controls" onSubmit={(e) => e.preventDefault()} data-testid="controls">
      <label>
        {t('year')}
        <select name="year" value={selection.year} onChange={(e) => select({ year: Number(e.currentTarget.value) })}>
          {years.map((y) => (
            <option value={y}>{y}</option>
          ))}
        </select>
      </label>
      <label>
        {t('per')}
        <select name="per" value={selection.per} onChange={(e) => select({ per: e.currentTarget.value as Per })}>
          <option value="QUARTER">{t('per_QUARTER')}</option>
          <option value="MONTH">{t('per_MONTH')}</option>
        </select>
      </label>
      <label>
        {t('period')}
        <select name="period" value={selection.period} onChange={(e) => select({ period: e.currentTarget.value })}>
          <option value={String(selection.year)}>{t('wholeYear')}</option>
          {periodsOf(selection.year, selection.per).map((p) => (
            <option value={p}>{periodLabel(t, p)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('scheme')}
        <select name="scheme" value={selection.scheme} onChange={(e) => select({ scheme: e.currentTarget.value })}>
          <option value="">{t('allSchemes')}</option>
          {SCHEMES.map((s) => (
            <option value={s}>{t.of('scheme', s)}</option>
          ))}
        </select>
      </label>
      <label title={t('asOfHelp')}>
        {t('asOf')}
        <span class="inline">
          <input
            name="asOf"
            type="datetime-local"
            max={localMinute()}
            value={selection.asOf ? localMinute(new Date(selection.asOf)) : ''}
            onChange={(e) => select({ asOf: e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : '' })}
          />
          {selection.asOf && (
            <button type="button" class="link" onClick={() => select({ asOf: '' })}>
              {t('asOfNow')}
            </button>
          )}
        </span>
      </label>
      <span class={`live-dot${live && !selection.asOf ? ' on' : ''}`} title={t('live')}>
        {t('live')}
      </span>
    </form>
  );
}

function Kpis({ figures }: { figures: ReturnType<typeof useLoad<PeriodAnswer>> }) {
  const t = useT();
  if (figures.error) return <ErrorNote error={figures.error} onRetry={figures.reload} prefix={t('failed')} />;
  const data = figures.data;
  if (!data) return null;
  const due = data.coverage.reduce((n, s) => n + s.due, 0);
  const covered = data.coverage.reduce((n, s) => n + s.covered, 0);
  const tc = data.territorialCoverage;
  return (
    <div class="kpis" data-testid="kpis">
      <div class="kpi">
        <b data-testid="kpi-coverage">{percent(due ? covered / due : null)}</b>
        <span>
          {t('overallCoverage')} {covered}/{due}
        </span>
      </div>
      <div class="kpi">
        <b data-testid="kpi-territory">{percent(tc.ratio)}</b>
        <span>
          {t('territoryShort')} {tc.covered}/{tc.localities}
        </span>
      </div>
      <div class="kpi">
        <b>{data.readModel.contacts}</b>
        <span>{t('contactsRecorded')}</span>
      </div>
    </div>
  );
}

function Heatmap({ data, selection, onPick }: { data: SeriesAnswer; selection: Selection; onPick: (period: string) => void }) {
  const t = useT();
  const narrow = useNarrow();
  const periods = data.coverageSeries.map((p) => p.period.id);
  // On a phone the scheme names are shortened; with twelve months a cell has room for its % only
  // (its covered/due stays in the tooltip a tap opens).
  const compact = narrow && periods.length > 4;
  const option = useMemo<ChartOption>(() => {
    const cells = data.coverageSeries.flatMap((p, x) =>
      SCHEMES.map((scheme, y) => {
        const s = p.schemes.find((c) => c.scheme === scheme);
        const ratio = s && s.due > 0 ? s.covered / s.due : null;
        return { value: [x, y, ratio === null ? '-' : Math.round(ratio * 100)], covered: s?.covered ?? 0, due: s?.due ?? 0 };
      }),
    );
    return {
      animation: false,
      tooltip: {
        formatter: (params: { data: { value: [number, number, number | string]; covered: number; due: number } }) => {
          const [x, y] = params.data.value;
          return `${t.of('scheme', SCHEMES[y])}<br>${periodLabel(t, periods[x])}: ${params.data.covered}/${params.data.due} ${t('covered')}`;
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: periods.map((p) => periodLabel(t, p)), splitArea: { show: true } },
      yAxis: { type: 'category', data: SCHEMES.map((s) => t.of(narrow ? 'schemeShort' : 'scheme', s)), inverse: true, axisLabel: { width: narrow ? 72 : 180, overflow: 'truncate' } },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: [t('allCovered'), t('noneCovered')], inRange: { color: COVERAGE_COLOURS } },
      series: [
        {
          type: 'heatmap',
          data: cells,
          label: {
            show: true,
            formatter: (params: { data: { value: [number, number, number | string]; covered: number; due: number } }) =>
              params.data.due === 0 ? '—' : compact ? String(params.data.value[2]) : `${params.data.value[2]}%\n${params.data.covered}/${params.data.due}`,
            fontSize: compact ? 9 : 11,
          },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 2 } },
        },
      ],
    };
  }, [data, t, narrow, compact]);
  return (
    <Chart
      option={option}
      height={330}
      label={t('coverageHeatmap')}
      testId="heatmap"
      onClick={(params) => {
        const x = (params.data as { value: [number] } | undefined)?.value[0];
        if (x !== undefined) onPick(periods[x] === selection.period ? String(selection.year) : periods[x]);
      }}
    />
  );
}

function GroupCoverage({ data }: { data: PeriodAnswer }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    // "昆仑路街道政协工作联络组" reads as its locality, "昆仑路街道", where space is short.
    const totals = new Map(data.liaisonGroups.map((g) => [g.id, { name: g.name.replace(/政协工作联络组$|联络组$/, '') || g.name, due: 0, covered: 0 }]));
    for (const s of data.coverage)
      for (const cell of s.byLiaisonGroup) {
        const total = totals.get(cell.id);
        if (total) {
          total.due += cell.due;
          total.covered += cell.covered;
        }
      }
    const rows = [...totals.values()];
    return {
      animation: false,
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({
            value: r.due ? Math.round((r.covered / r.due) * 100) : 0,
            itemStyle: { color: r.due ? COVERAGE_COLOURS[Math.min(4, Math.floor((r.covered / r.due) * 5))] : '#bbb' },
            label: { show: true, position: 'right', formatter: r.due ? `${r.covered}/${r.due}` : '—' },
          })),
        },
      ],
    };
  }, [data]);
  if (data.liaisonGroups.length === 0) return <Empty>{t('nothingDue')}</Empty>;
  return <Chart option={option} height={Math.max(200, data.liaisonGroups.length * 28 + 24)} label={t('coverageByGroup')} testId="group-coverage" />;
}

function Territory({ data }: { data: PeriodAnswer }) {
  const t = useT();
  const kinds = new Map(data.localities.map((l) => [l.id, l.kind]));
  return (
    <ul class="territory" data-testid="territory">
      {data.territorialCoverage.perLocality.map((l) => (
        <li class={l.contacts > 0 ? 'active' : 'silent'} title={l.groupId ? '' : t('noGroup')}>
          <b>{l.name}</b>
          <small>{t.of('loc', kinds.get(l.localityId))}</small>
          <span>
            {l.contacts} {t('contactsCount')}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Histogram({ data }: { data: PeriodAnswer }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: {},
      grid: { left: 8, right: 8, top: 34, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: data.usageHistogram.buckets.map((b) => b.label), name: t('usageAxisContacts'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', name: t('usageAxisLinks'), nameLocation: 'end', nameGap: 14, nameTextStyle: { align: 'left' }, minInterval: 1 },
      series: [{ type: 'bar', data: data.usageHistogram.buckets.map((b) => b.links), itemStyle: { color: '#3f6fb5' }, label: { show: true, position: 'top' } }],
    }),
    [data, t],
  );
  return <Chart option={option} height={240} label={t('usageHistogram')} testId="usage" />;
}

