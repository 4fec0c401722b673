/**
 * The leaders' card for public-opinion reports: for the dashboard's year and as of its asOf,
 * adoptions by recipients and leaders' instructions per level (opinionLadder), and submitted,
 * adopted and the adoption rate per sector (opinionCounts by SECTOR), with the committee's total.
 */
import { gql } from '../api.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Card, committeeTime, percent, Show, useLoad } from '../ui/common.js';
import type { LeadersCardProps } from '../wings.js';
import { OPINION_LABELS } from './labels.js';

type Level = 'CITY' | 'PREFECTURE' | 'PROVINCE' | 'NATIONAL';
interface Row {
  id: string;
  name: string | null;
  submitted: number;
  adopted: number;
  adoptionRate: number | null;
}
interface Answer {
  opinionLadder: { submitted: number; committeeAdoptions: number; recipientAdoptions: Array<{ level: Level; count: number }>; instructions: Array<{ level: Level; count: number }> };
  opinionCounts: { rows: Row[]; total: Row };
}

export function OpinionsLeadersCard({ year, asOf }: LeadersCardProps) {
  const t: WingTranslate<keyof typeof OPINION_LABELS> = useWingT(OPINION_LABELS);
  const figures = useLoad(
    () =>
      gql<Answer>(
        `query($year: Int!, $asOf: String) {
          opinionLadder(year: $year, asOf: $asOf) { submitted committeeAdoptions recipientAdoptions { level count } instructions { level count } }
          opinionCounts(year: $year, by: SECTOR, asOf: $asOf) { rows { id name submitted adopted adoptionRate } total { id name submitted adopted adoptionRate } }
        }`,
        { year, asOf: asOf || null },
      ),
    [year, asOf],
  );
  return (
    <div class="grid">
      <Card title={t('o_leadersTitle')} help={t('o_leadersHelp', { y: year })} wide testId="opinions-card">
        {asOf && <p class="note" data-testid="opinions-as-of">{t('o_asOfNote', { t: committeeTime(asOf) })}</p>}
        <Show value={figures}>
          {({ opinionLadder: l, opinionCounts: c }) => {
            const count = (list: Array<{ level: Level; count: number }>, level: Level) => list.find((x) => x.level === level)?.count ?? 0;
            return (
              <>
                <p class="kpi" data-testid="opinions-committee">{t('o_committeeAdoptions', { a: l.committeeAdoptions, s: l.submitted })}</p>
                <h3>{t('o_byLevel')}</h3>
                <div class="table-scroll"><table data-testid="opinions-by-level">
                  <thead><tr><th>{t('o_level')}</th><th>{t('o_adoptions')}</th><th>{t('o_instructions')}</th></tr></thead>
                  <tbody>
                    {(['CITY', 'PREFECTURE', 'PROVINCE', 'NATIONAL'] as const).map((level) => (
                      <tr key={level} data-level={level}>
                        <td>{t(`o_level_${level}`)}</td>
                        <td>{count(l.recipientAdoptions, level)}</td>
                        <td>{count(l.instructions, level)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table></div>
                <h3>{t('o_bySector')}</h3>
                <div class="table-scroll"><table data-testid="opinions-by-sector">
                  <thead><tr><th>{t('o_sector')}</th><th>{t('o_submittedCount')}</th><th>{t('o_adoptedCount')}</th><th>{t('o_rate')}</th></tr></thead>
                  <tbody>
                    {c.rows.map((r) => (
                      <tr key={r.id} data-sector={r.id}>
                        <td>{r.name ?? r.id}</td>
                        <td>{r.submitted}</td>
                        <td>{r.adopted}</td>
                        <td>{percent(r.adoptionRate)}</td>
                      </tr>
                    ))}
                    <tr data-sector="committee">
                      <td>{t('o_committee')}</td>
                      <td>{c.total.submitted}</td>
                      <td>{c.total.adopted}</td>
                      <td>{percent(c.total.adoptionRate)}</td>
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
