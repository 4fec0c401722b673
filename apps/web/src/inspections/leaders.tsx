/**
 * The leaders' card for inspections: for the dashboard's year and as of its asOf, each unit's
 * recommendations by the status that held then and the share it answered within the office's M
 * days (recommendationStandings), and inspections planned vs held per organiser
 * (inspectionCounts), each table with the committee's total.
 */
import { gql } from '../api.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Card, committeeTime, percent, Show, useLoad } from '../ui/common.js';
import type { LeadersCardProps } from '../wings.js';
import { INSPECTION_LABELS } from './labels.js';

type Status = 'ACCEPTED' | 'IN_PROGRESS' | 'DONE' | 'NOT_ADOPTED' | 'NONE';
const STATUSES: Status[] = ['ACCEPTED', 'IN_PROGRESS', 'DONE', 'NOT_ADOPTED', 'NONE'];
interface Standing {
  unitId: string;
  unitName: string | null;
  recommendations: number;
  byStatus: Array<{ status: Status; count: number }>;
  due: number;
  onTime: number;
  overdue: number;
}
interface OrganiserCount {
  organiserKind: string;
  organiserId: string;
  organiserName: string | null;
  planned: number;
  held: number;
  reported: number;
  cancelled: number;
  pending: number;
}
interface Answer {
  recommendationStandings: Standing[];
  inspectionCounts: OrganiserCount[];
  inspectionRules: { responseDueDays: number };
}

const COUNTS = ['planned', 'held', 'reported', 'cancelled', 'pending'] as const;
const sum = <R,>(rows: R[], of: (r: R) => number) => rows.reduce((n, r) => n + of(r), 0);
const countOf = (s: Standing, status: Status) => s.byStatus.find((x) => x.status === status)?.count ?? 0;

export function InspectionsLeadersCard({ year, asOf }: LeadersCardProps) {
  const t: WingTranslate<keyof typeof INSPECTION_LABELS> = useWingT(INSPECTION_LABELS);
  const figures = useLoad(
    () =>
      gql<Answer>(
        `query($year: Int!, $asOf: String) {
          recommendationStandings(year: $year, asOf: $asOf) { unitId unitName recommendations byStatus { status count } due onTime overdue }
          inspectionCounts(year: $year, asOf: $asOf) { organiserKind organiserId organiserName planned held reported cancelled pending }
          inspectionRules(asOf: $asOf) { responseDueDays }
        }`,
        { year, asOf: asOf || null },
      ),
    [year, asOf],
  );
  const m = figures.data?.inspectionRules.responseDueDays ?? 'M';
  return (
    <div class="grid">
      <Card title={t('i_leadersTitle')} help={t('i_leadersHelp', { y: year, m })} wide testId="inspections-card">
        {asOf && <p class="note" data-testid="inspections-as-of">{t('i_asOfNote', { t: committeeTime(asOf) })}</p>}
        <Show value={figures}>
          {({ recommendationStandings: units, inspectionCounts: organisers }) => {
            const total = { unitId: 'committee', unitName: t('i_total'), recommendations: sum(units, (u) => u.recommendations), due: sum(units, (u) => u.due), onTime: sum(units, (u) => u.onTime), overdue: sum(units, (u) => u.overdue), byStatus: STATUSES.map((status) => ({ status, count: sum(units, (u) => countOf(u, status)) })) };
            const share = (s: Standing) => (s.due > 0 ? s.onTime / s.due : null);
            return (
              <>
                <p class="kpi" data-testid="inspections-planned-held">{t('i_plannedHeld', { p: sum(organisers, (o) => o.planned), h: sum(organisers, (o) => o.held) })}</p>
                <h3>{t('i_byUnit')}</h3>
                <div class="table-scroll"><table data-testid="inspections-by-unit">
                  <thead>
                    <tr>
                      <th>{t('i_unit')}</th><th>{t('i_count')}</th>
                      {STATUSES.map((s) => <th key={s}>{t(`i_status_${s}`)}</th>)}
                      <th>{t('p_state_OVERDUE')}</th><th>{t('i_share', { m })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...units, total].map((u) => (
                      <tr key={u.unitId} data-unit={u.unitId}>
                        <td>{u.unitName ?? u.unitId}</td>
                        <td>{u.recommendations}</td>
                        {STATUSES.map((s) => <td key={s}>{countOf(u, s)}</td>)}
                        <td>{u.overdue}</td>
                        <td title={`${u.onTime} / ${u.due}`}>{percent(share(u))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table></div>
                <h3>{t('i_byOrganiser')}</h3>
                <div class="table-scroll"><table data-testid="inspections-by-organiser">
                  <thead><tr><th>{t('i_organiser')}</th><th>{t('i_planned')}</th><th>{t('i_held')}</th><th>{t('i_reportedCount')}</th><th>{t('i_cancelled')}</th><th>{t('i_pending')}</th></tr></thead>
                  <tbody>
                    {organisers.map((o) => (
                      <tr key={o.organiserId} data-organiser={o.organiserId}>
                        <td>{o.organiserKind === 'CHAIRS' ? t('i_chairs') : (o.organiserName ?? o.organiserId)}</td>
                        {COUNTS.map((c) => <td key={c}>{o[c]}</td>)}
                      </tr>
                    ))}
                    <tr data-organiser="committee">
                      <td>{t('i_total')}</td>
                      {COUNTS.map((c) => <td key={c}>{sum(organisers, (o) => o[c])}</td>)}
                    </tr>
                  </tbody>
                </table></div>
              </>
            );
          }}
        </Show>
      </Card>
    </div>
  );
}
