/**
 * The members' duty records (履职档案). A member sees its own record for a year or a term: every
 * count, the points of each year item by item under the table that applied, and the record as a
 * printable page or an .xlsx workbook (the API's dutyRecordExport, saved by the browser). Leaders,
 * auditors and the committee office see every member's record as one table, sorted by any column
 * (the API sorts: dutyRecords(orderBy, direction)), each row opening that member's record. The
 * office's forms are in office.tsx. A record is also a page of its own (#/duty?member=…); a member
 * who asks there for another member's is told it may read its own only.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../api.js';
import { Card, committeeToday, ErrorNote, Show, useLoad } from '../ui/common.js';
import { DownloadButton, downloadBlob } from '../ui/download.js';
import { initialYear } from '../topics/year.js';
import { dutyAddress, dutyRoute, type DutyRole, type DutyScope } from './index.js';
import { DUTY_LABELS } from './labels.js';
import { OfficeDesk } from './office.js';
import { scopeVars, useDT, type Key, type T } from './shared.js';

const LEVELS = ['City', 'Prefecture', 'Province', 'National'] as const;
export const COUNT_COLUMNS = [
  'contacts', 'linksDue', 'linksServed', 'linksMet',
  'proposalsLed', 'proposalsLedFiled', 'proposalsLedNotFiled', 'proposalsLedMerged', 'proposalsLedPending', 'proposalsLedWithdrawn',
  'proposalsCoSigned', 'proposalsCoSignedFiled', 'proposalsCoSignedNotFiled', 'proposalsCoSignedMerged', 'proposalsCoSignedPending',
  'opinionsSubmitted', 'opinionsAdopted', ...LEVELS.map((l) => `opinionsAdoptedAt${l}`), ...LEVELS.map((l) => `instructions${l}`),
  'inspectionsInvited', 'inspectionsAttended',
  'plenaryAttended', 'plenaryExcused', 'plenaryAbsent', 'standingAttended', 'standingExcused', 'standingAbsent',
] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];
type SortColumn = 'memberId' | 'name' | 'points' | CountColumn;
type Direction = 'ASC' | 'DESC';

interface Line {
  item: string;
  count: number;
  each: number;
  points: number;
}
export interface DutyRecord {
  memberId: string;
  name: string;
  year: number | null;
  termId: string | null;
  years: number[];
  points: number;
  counts: Record<CountColumn, number>;
  byYear: Array<{ year: number; fromYear: number | null; reason: string; points: number; lines: Line[] }>;
}
interface Term {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

const RECORD_FIELDS = `memberId name year termId years points counts { ${COUNT_COLUMNS.join(' ')} } byYear { year fromYear reason points lines { item count each points } }`;
const RECORD_Q = `query($m: ID!, $y: Int, $t: ID, $p: Float) { dutyRecord(memberId: $m, year: $y, termId: $t, atLeastPosition: $p) { ${RECORD_FIELDS} } }`;
const LIST_FIELDS = `memberId name points counts { ${COUNT_COLUMNS.join(' ')} }`;
const LIST_Q = `query($y: Int, $t: ID, $o: DutySortColumn, $d: SortDirection, $p: Float) { dutyRecords(year: $y, termId: $t, orderBy: $o, direction: $d, atLeastPosition: $p) { ${LIST_FIELDS} } }`;
const EXPORT_Q = `query($m: ID, $y: Int, $t: ID, $f: DutyExportFormat!, $o: DutySortColumn) { dutyRecordExport(memberId: $m, year: $y, termId: $t, format: $f, orderBy: $o) { filename contentType content encoding } }`;

const scopeValue = (scope: DutyScope) => (scope.termId ? `t:${scope.termId}` : `y:${scope.year}`);
const parseScope = (value: string): DutyScope => (value.startsWith('t:') ? { termId: value.slice(2) } : { year: Number(value.slice(2)) });

/** The terms for the period select; read once per chunk. */
let termsOnce: Promise<Term[]> | null = null;
const loadTerms = () => (termsOnce ??= gql<{ terms: Term[] }>(`{ terms { id name startsOn endsOn } }`).then((d) => d.terms, (e) => ((termsOnce = null), Promise.reject(e))));

/** The period a record is read for: a year (next year back to twelve years ago, and the one shown) or a term. */
export function ScopeSelect({ scope, onChange, testId }: { scope: DutyScope; onChange: (scope: DutyScope) => void; testId: string }) {
  const t = useDT();
  const terms = useLoad(loadTerms, []);
  const thisYear = committeeToday().year;
  const years = Array.from({ length: 13 }, (_, i) => thisYear + 1 - i);
  if (scope.year !== undefined && !years.includes(scope.year)) years.push(scope.year);
  const termList = terms.data ?? [];
  return (
    <label class="inline small">
      {t('du_scope')}
      <select name="scope" data-testid={testId} value={scopeValue(scope)} onChange={(e) => onChange(parseScope(e.currentTarget.value))}>
        <optgroup label={t('du_years')}>
          {years.map((y) => <option key={y} value={`y:${y}`}>{t('du_yearOption', { y })}</option>)}
        </optgroup>
        {(termList.length > 0 || scope.termId) && (
          <optgroup label={t('du_terms')}>
            {termList.map((x) => <option key={x.id} value={`t:${x.id}`}>{x.name}</option>)}
            {scope.termId && !termList.some((x) => x.id === scope.termId) && <option value={`t:${scope.termId}`}>{scope.termId}</option>}
          </optgroup>
        )}
      </select>
    </label>
  );
}

/** Saves what dutyRecordExport answers: the HTML page as text, the workbook from base64. */
async function saveExport(vars: Record<string, unknown>): Promise<void> {
  const { dutyRecordExport: f } = await gql<{ dutyRecordExport: { filename: string; contentType: string; content: string; encoding: string } }>(EXPORT_Q, vars);
  const body = f.encoding === 'base64' ? Uint8Array.from(atob(f.content), (c) => c.charCodeAt(0)) : f.content;
  downloadBlob(f.filename, new Blob([body], { type: f.contentType }));
}

const scopeText = (t: T, r: DutyRecord) => (r.termId ? t('du_scopeTerm', { name: r.termId, from: r.years[0] ?? '', to: r.years[r.years.length - 1] ?? '' }) : t('du_scopeYear', { y: r.year ?? '' }));
const itemLabel = (t: T, item: string) => (`du_item_${item}` in DUTY_LABELS ? t(`du_item_${item}` as Key) : item);
export const countLabel = (t: T, column: string) => (`du_c_${column}` in DUTY_LABELS ? t(`du_c_${column}` as Key) : column);

/** One member's record for a period: the counts, each year's points item by item, and the downloads. */
export function RecordCard(props: { memberId: string; scope: DutyScope; position?: number | null; title?: string; actions?: ComponentChildren; help?: string; testId?: string }) {
  const t = useDT();
  const { memberId, scope } = props;
  const record = useLoad(
    () => gql<{ dutyRecord: DutyRecord }>(RECORD_Q, { m: memberId, ...scopeVars(scope), p: props.position ?? null }).then((d) => d.dutyRecord),
    [memberId, scope.year, scope.termId, props.position],
  );
  const forbidden = record.error instanceof ApiError && record.error.code === 'FORBIDDEN';
  const name = record.data?.name ?? memberId;
  return (
    <Card title={props.title ?? t('du_record', { name })} help={props.help} wide testId={props.testId ?? 'duty-record'} actions={props.actions}>
      {forbidden ? (
        <p class="note error" role="alert" data-testid="duty-forbidden">{t('du_forbidden', { id: memberId })}</p>
      ) : record.error ? (
        <ErrorNote error={record.error} onRetry={record.reload} prefix={t('failed')} />
      ) : (
        <Show value={record}>
          {(r) => (
            <div data-testid="duty-record-body" data-member={r.memberId}>
              <p class="duty-summary" data-testid="duty-summary">
                {t('du_member')}：<b data-testid="duty-name">{r.name}</b>（{r.memberId}）　{t('du_scope')}：{scopeText(t, r)}　{t('du_total')}：<b data-testid="duty-points">{r.points}</b>
              </p>
              <div class="duty-actions">
                <DownloadButton testId="duty-download-html" label={t('du_downloadHtml')} help={t('du_downloadHtmlHelp')} onDownload={() => saveExport({ m: r.memberId, ...scopeVars(scope), f: 'HTML' })} />
                <DownloadButton testId="duty-download-xlsx" label={t('du_downloadXlsx')} help={t('du_downloadXlsxHelp')} onDownload={() => saveExport({ m: r.memberId, ...scopeVars(scope), f: 'XLSX' })} />
              </div>
              <div class="row">
                <div>
                  <h3>{t('du_counts')}</h3>
                  <table data-testid="duty-counts">
                    <thead><tr><th>{t('du_item')}</th><th>{t('du_count')}</th></tr></thead>
                    <tbody>
                      {COUNT_COLUMNS.map((c) => (
                        <tr key={c} data-count={c}><td>{countLabel(t, c)}</td><td class="num">{r.counts[c]}</td></tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div>
                  {r.byYear.map((y) => (
                    <section key={y.year} data-testid={`duty-year-${y.year}`} data-from-year={y.fromYear ?? ''}>
                      <h3>{t('du_yearPoints', { y: y.year, table: y.fromYear === null ? t('du_defaultTable') : t('du_tableFrom', { y: y.fromYear }) })}</h3>
                      {y.reason && <p class="help" data-testid="duty-table-reason">{t('du_ruleTable')}：{y.reason}</p>}
                      <table data-testid="duty-lines">
                        <thead><tr><th>{t('du_item')}</th><th>{t('du_count')}</th><th>{t('du_each')}</th><th>{t('du_points')}</th></tr></thead>
                        <tbody>
                          {y.lines.map((l) => (
                            <tr key={l.item} data-item={l.item} class={l.count === 0 ? 'meta' : undefined}>
                              <td>{itemLabel(t, l.item)}</td>
                              <td class="num" data-col="count">{l.count}</td>
                              <td class="num" data-col="each">{l.each}</td>
                              <td class="num" data-col="points">{l.points}</td>
                            </tr>
                          ))}
                          <tr class="total" data-item="total"><td colSpan={3}>{t('du_sum')}</td><td class="num" data-col="points">{y.points}</td></tr>
                        </tbody>
                      </table>
                    </section>
                  ))}
                </div>
              </div>
            </div>
          )}
        </Show>
      )}
    </Card>
  );
}

/** The page at #/duty?member=…: one member's record, the period in the address. */
export function DutyPage() {
  const t = useDT();
  const [route, setRoute] = useState(() => dutyRoute(location.hash) ?? { memberId: '', year: null, termId: null });
  useEffect(() => {
    const follow = () => {
      const r = dutyRoute(location.hash);
      if (r) setRoute(r);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const scope: DutyScope = route.termId ? { termId: route.termId } : { year: route.year ?? committeeToday().year };
  const choose = (next: DutyScope) => {
    history.replaceState(null, '', dutyAddress(route.memberId, next));
    setRoute({ memberId: route.memberId, year: next.year ?? null, termId: next.termId ?? null });
  };
  return (
    <div class="grid" data-testid="duty-page">
      <RecordCard
        key={route.memberId}
        memberId={route.memberId}
        scope={scope}
        actions={
          <span class="duty-actions">
            <ScopeSelect scope={scope} onChange={choose} testId="duty-page-scope" />
            <a class="link" href="#/" data-testid="duty-back">{t('du_back')}</a>
          </span>
        }
      />
    </div>
  );
}

/** A member's own record, on its page beside its other work. */
function MyRecord({ memberId }: { memberId: string }) {
  const t = useDT();
  const [scope, setScope] = useState<DutyScope>(() => ({ year: initialYear() }));
  return (
    <div class="grid" data-testid="duty-mine">
      <RecordCard memberId={memberId} scope={scope} title={t('du_mine')} help={t('du_mineHelp')} testId="duty-record" actions={<ScopeSelect scope={scope} onChange={setScope} testId="duty-scope" />} />
    </div>
  );
}

/** Figures sort highest first, names and ids from A. */
const defaultDirection = (column: SortColumn): Direction => (column === 'name' || column === 'memberId' ? 'ASC' : 'DESC');

/** Every member's record for the period, sorted by the column chosen; a row opens that member's record. */
function RecordsList({ scope, onScope, position }: { scope: DutyScope; onScope: (scope: DutyScope) => void; position: number | null }) {
  const t = useDT();
  const [sort, setSort] = useState<{ column: SortColumn; direction: Direction }>({ column: 'points', direction: 'DESC' });
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useLoad(
    () => gql<{ dutyRecords: Array<Pick<DutyRecord, 'memberId' | 'name' | 'points' | 'counts'>> }>(LIST_Q, { ...scopeVars(scope), o: sort.column, d: sort.direction, p: position }).then((d) => d.dutyRecords),
    [scope.year, scope.termId, sort.column, sort.direction, position],
  );
  const sortBy = (column: SortColumn) => setSort((s) => (s.column === column ? { column, direction: s.direction === 'ASC' ? 'DESC' : 'ASC' } : { column, direction: defaultDirection(column) }));
  const head = (column: SortColumn, label: string) => {
    const on = sort.column === column;
    return (
      <th key={column} data-testid={`sort-${column}`} data-sorted={on ? sort.direction : undefined} aria-sort={on ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined} title={on ? t(sort.direction === 'ASC' ? 'du_sortAsc' : 'du_sortDesc') : undefined} class="sortable" onClick={() => sortBy(column)}>
        <button type="button" class="link">{label}{on ? (sort.direction === 'ASC' ? ' ▲' : ' ▼') : ''}</button>
      </th>
    );
  };
  return (
    <>
      <Card
        title={t('du_list')}
        help={t('du_listHelp')}
        wide
        testId="duty-list"
        actions={
          <span class="duty-actions">
            <ScopeSelect scope={scope} onChange={(s) => (onScope(s), setOpenId(null))} testId="duty-list-scope" />
            <DownloadButton testId="duty-list-xlsx" label={t('du_downloadListXlsx')} help={t('du_downloadXlsxHelp')} onDownload={() => saveExport({ m: null, ...scopeVars(scope), f: 'XLSX', o: sort.column })} />
          </span>
        }
      >
        <Show value={list} empty={(rows) => (rows.length === 0 ? t('du_empty') : null)}>
          {(rows) => (
            <div class="table-scroll tall">
              <table data-testid="duty-table">
                <thead>
                  <tr>
                    {head('memberId', t('du_memberId'))}
                    {head('name', t('du_name'))}
                    {head('points', t('du_points'))}
                    {COUNT_COLUMNS.map((c) => head(c, countLabel(t, c)))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.memberId} data-member={r.memberId} class={openId === r.memberId ? 'selected' : 'clickable'} onClick={() => setOpenId(openId === r.memberId ? null : r.memberId)}>
                      <td><button type="button" class="link" data-testid={`open-${r.memberId}`}>{r.memberId}</button></td>
                      <td>{r.name}</td>
                      <td class="num" data-col="points">{r.points}</td>
                      {COUNT_COLUMNS.map((c) => <td key={c} class="num" data-col={c}>{r.counts[c]}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </Card>
      {openId && (
        <RecordCard
          key={openId}
          memberId={openId}
          scope={scope}
          position={position}
          testId="duty-record"
          actions={
            <span class="duty-actions">
              <a class="link" href={dutyAddress(openId, scope)} data-testid="duty-permalink">{t('du_open')}</a>
              <button type="button" class="link" data-testid="duty-close" onClick={() => setOpenId(null)}>{t('du_closeRecord')}</button>
            </span>
          }
        />
      )}
    </>
  );
}

export function DutyView({ role, id }: { role: string; id?: string }) {
  const r = role as DutyRole;
  const [scope, setScope] = useState<DutyScope>(() => ({ year: initialYear() }));
  const [position, setPosition] = useState<number | null>(null);
  if (r === 'MEMBER') return <MyRecord memberId={id ?? ''} />;
  return (
    <div class="grid" data-testid="duty-view">
      <RecordsList scope={scope} onScope={setScope} position={position} />
      {r === 'OFFICE' && <OfficeDesk scope={scope} position={position} onDone={setPosition} />}
    </div>
  );
}
