/**
 * Stale links: due links with no contact in the last N days, counted to the end of the selected
 * period (or now, or the asOf day, whichever is earliest), so a past year shows what was silent
 * at its end. Sortable by any column; the API already answers longest-silent first.
 */
import { useMemo, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { nameOf, type Directory } from '../directory.js';
import { useT, type LabelKey } from '../i18n.js';
import { Card, committeeDay, COMMITTEE_OFFSET_MS, Show, useLoad } from '../ui/common.js';
import type { Selection } from './leaders.js';
import { DownloadButton, downloadCsv } from '../ui/download.js';

interface StaleRow {
  linkId: string;
  scheme: string;
  sourceId: string;
  targetId: string;
  activeFrom: string;
  lastContactAt: string | null;
  daysSinceLast: number | null;
}
interface StaleAnswer {
  staleLinks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: StaleRow }> };
}
const STALE_QUERY = `query($days: Int!, $on: String, $scheme: Scheme, $asOf: String, $atLeastPosition: Float, $first: Int, $after: String) {
  staleLinks(days: $days, on: $on, scheme: $scheme, asOf: $asOf, atLeastPosition: $atLeastPosition, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { linkId scheme sourceId targetId activeFrom lastContactAt daysSinceLast } }
  }
}`;

/** The first instant after a period id (2020, 2020-Q2, 2020-04), in committee time. */
export function periodEndMs(period: string): number {
  const [y, rest] = period.split('-');
  const year = Number(y);
  if (!rest) return Date.UTC(year + 1, 0, 1) - COMMITTEE_OFFSET_MS;
  if (rest.startsWith('Q')) return Date.UTC(year, Number(rest.slice(1)) * 3, 1) - COMMITTEE_OFFSET_MS;
  return Date.UTC(year, Number(rest), 1) - COMMITTEE_OFFSET_MS;
}
/** An as-of value: a day (committee midnight) or an ISO instant. */
const asOfMs = (asOf: string) => (/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? Date.parse(`${asOf}T00:00:00Z`) - COMMITTEE_OFFSET_MS : Date.parse(asOf));

type Column = 'source' | 'target' | 'scheme' | 'daysSinceLast' | 'lastContactAt' | 'activeFrom';
const COLUMNS: Array<[Column, LabelKey]> = [
  ['source', 'source'],
  ['target', 'target'],
  ['scheme', 'scheme'],
  ['daysSinceLast', 'daysSince'],
  ['lastContactAt', 'lastContact'],
  ['activeFrom', 'activeFrom'],
];
const SHOWN = 100;

export function StaleTable(props: { selection: Selection; directory?: Directory; common: { asOf: string | null; atLeastPosition: number | null }; refresh: number; onDays: (days: number) => void }) {
  const t = useT();
  const { selection, directory } = props;
  // Now is taken to the minute: a value that changed on every render would ask again on every render.
  const thisMinute = Math.floor(Date.now() / 60_000) * 60_000;
  const on = Math.min(periodEndMs(selection.period) - 1, thisMinute, selection.asOf ? asOfMs(selection.asOf) : Infinity);
  const stale = useLoad(
    () =>
      gql<StaleAnswer>(STALE_QUERY, { days: selection.staleDays, on: new Date(on).toISOString(), scheme: selection.scheme || null, first: SHOWN, ...props.common }),
    [selection.staleDays, on, selection.scheme, selection.asOf, props.refresh],
  );
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'daysSinceLast', descending: true });

  const sortKey = (row: StaleRow, column: Column): string | number => {
    switch (column) {
      case 'source':
        return nameOf(directory, row.sourceId);
      case 'target':
        return nameOf(directory, row.targetId);
      case 'scheme':
        return t.of('scheme', row.scheme);
      // Never contacted sorts as the longest silence.
      case 'daysSinceLast':
        return row.daysSinceLast ?? Number.MAX_SAFE_INTEGER;
      case 'lastContactAt':
        return row.lastContactAt ?? '';
      case 'activeFrom':
        return row.activeFrom;
    }
  };
  const rows = useMemo(() => {
    const list = stale.data?.staleLinks.edges.map((e) => e.node) ?? [];
    const collator = new Intl.Collator(t.lang === 'zh' ? 'zh-CN' : 'en');
    return [...list].sort((a, b) => {
      const x = sortKey(a, sort.column);
      const y = sortKey(b, sort.column);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sort.descending ? -order : order;
    });
  }, [stale.data, sort, directory, t]);

  const total = stale.data?.staleLinks.totalCount ?? 0;

  /** Every stale link the filters show, not only the page on screen, longest silent first (the API's order). */
  const download = async () => {
    const variables = { days: selection.staleDays, on: new Date(on).toISOString(), scheme: selection.scheme || null, first: SHOWN, ...props.common };
    const all: StaleRow[] = [];
    let after: string | null = null;
    do {
      const page: StaleAnswer = await gql<StaleAnswer>(STALE_QUERY, { ...variables, after });
      all.push(...page.staleLinks.edges.map((e) => e.node));
      after = page.staleLinks.pageInfo.hasNextPage ? page.staleLinks.pageInfo.endCursor : null;
    } while (after);
    downloadCsv(
      `${t('csvStaleFile')}-${selection.period}.csv`,
      [t('csvLinkId'), ...COLUMNS.map(([, label]) => t(label))],
      all.map((row) => [row.linkId, nameOf(directory, row.sourceId), nameOf(directory, row.targetId), t.of('scheme', row.scheme), row.daysSinceLast ?? t('never'), row.lastContactAt ? committeeDay(row.lastContactAt) : '', committeeDay(row.activeFrom)]),
    );
  };
  return (
    <Card
      title={`${t('staleLinks')}${stale.data ? ` (${total})` : ''}`}
      help={t('sortBy')}
      wide
      testId="stale-card"
      actions={
        <span class="inline">
          {total > 0 && <DownloadButton testId="stale-download" onDownload={download} />}
          <label class="inline small">
            {t('staleDays')}
            <input type="number" min={1} max={3650} value={selection.staleDays} onChange={(e) => Number(e.currentTarget.value) > 0 && props.onDays(Number(e.currentTarget.value))} />
          </label>
        </span>
      }
    >
      <Show value={stale} empty={(d) => (d.staleLinks.totalCount === 0 ? '✓' : null)}>
        {() => (
          <div class="table-scroll">
            <table class="stale" data-testid="stale-table">
              <thead>
                <tr>
                  {COLUMNS.map(([column, label]) => (
                    <th aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                      <button type="button" class="link" onClick={() => setSort({ column, descending: sort.column === column ? !sort.descending : column === 'daysSinceLast' })}>
                        {t(label)}
                        {sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.linkId}>
                    <td>{nameOf(directory, row.sourceId)}</td>
                    <td>{nameOf(directory, row.targetId)}</td>
                    <td>{t.of('scheme', row.scheme)}</td>
                    <td class="num">{row.daysSinceLast ?? t('never')}</td>
                    <td>{committeeDay(row.lastContactAt)}</td>
                    <td>{committeeDay(row.activeFrom)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {total > rows.length && <p class="help">{t('moreRows', { n: total - rows.length })}</p>}
          </div>
        )}
      </Show>
    </Card>
  );
}
