/**
 * The compliance board's card on the leaders' dashboard: for a year (the dashboard's, or one chosen
 * here) and as of the dashboard's asOf, one row per rule (and per scheme for the links) with its
 * title, met / expected, share and colour under the committee's thresholds, the ids behind it
 * expandable; the seals of the year's board, each verifiable (recomputed at its position: matches,
 * or which cells differ). An auditor seals the board as shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { useWingT, type WingTranslate } from '../i18n.js';
import { Card, committeeTime, ErrorNote, percent, Show, useLoad } from '../ui/common.js';
import { present, StepForm } from '../ui/stepForm.js';
import { useWrite, write } from '../ui/write.js';
import { YearSelect } from '../topics/year.js';
import type { LeadersCardProps } from '../wings.js';
import { COMPLIANCE_LABELS } from './labels.js';

type T = WingTranslate<keyof typeof COMPLIANCE_LABELS>;
type State = 'GREEN' | 'AMBER' | 'RED' | 'NONE_DUE';
const STATES: State[] = ['GREEN', 'AMBER', 'RED', 'NONE_DUE'];
interface Cell {
  rule: string;
  title: string;
  scheme: string | null;
  expected: number;
  met: number;
  share: number | null;
  state: State;
  evidence: string[];
  evidenceCount: number;
}
interface Board {
  year: number;
  on: string;
  position: number;
  boardHash: string;
  cells: Cell[];
}
interface Seal {
  sealId: string;
  year: number;
  on: string;
  position: number;
  sealedAt: string;
  reason: string;
  boardHash: string;
}
interface Check {
  matches: boolean;
  sealedHash: string;
  recomputedHash: string;
  differences: Array<{ rule: string; scheme: string | null; sealed: string; recomputed: string }>;
}

const BOARD_Q = `query($y: Int!, $on: String, $asOf: String, $p: Float) {
  complianceBoard(year: $y, on: $on, asOf: $asOf, atLeastPosition: $p, evidenceFirst: 100) { year on position boardHash cells { rule title scheme expected met share state evidence evidenceCount } } }`;
const SEALS_Q = `query($y: Int, $asOf: String) { complianceSeals(year: $y, asOf: $asOf) { sealId year on position sealedAt reason boardHash } }`;
const CHECK_Q = `query($id: ID!) { verifyComplianceSeal(sealId: $id) { matches sealedHash recomputedHash differences { rule scheme sealed recomputed } } }`;

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const short = (hash: string) => hash.slice(0, 12);
/** A cell's rule in the reader's language (the API's title in Chinese), with its scheme for the links' cells. */
const ruleOf = (t: T, c: { rule: string; title?: string; scheme: string | null }) => {
  const title = t.lang === 'zh' && c.title ? c.title : t.of('c_rule', c.rule);
  return c.scheme ? `${title} · ${t.of('scheme', c.scheme)}` : title;
};

export function ComplianceLeadersCard(props: LeadersCardProps) {
  const t: T = useWingT(COMPLIANCE_LABELS);
  const [year, setYear] = useState(props.year);
  useEffect(() => setYear(props.year), [props.year]);
  const [on, setOn] = useState('');
  const [position, setPosition] = useState<number | null>(null);
  const asOf = props.asOf || null;
  const role = useLoad(() => gql<{ me: { role: string } }>(`{ me { role } }`).then((d) => d.me.role), []);
  const board = useLoad(() => gql<{ complianceBoard: Board }>(BOARD_Q, { y: year, on: on || null, asOf, p: position }).then((d) => d.complianceBoard), [year, on, asOf, position]);
  const seals = useLoad(async () => {
    // After a seal, the list is read once the read model holds it.
    if (position) await gql(`query($y: Int!, $p: Float) { complianceBoard(year: $y, atLeastPosition: $p, evidenceFirst: 0) { position } }`, { y: year, p: position });
    return (await gql<{ complianceSeals: Seal[] }>(SEALS_Q, { y: year, asOf })).complianceSeals;
  }, [year, asOf, position]);
  const auditor = role.data === 'AUDITOR';

  return (
    <div class="grid">
      <Card
        title={t('c_title')}
        help={t('c_help', { y: year })}
        wide
        testId="compliance-card"
        actions={
          <span class="inline">
            <YearSelect year={year} onChange={setYear} testId="compliance-year" />
            <label class="inline small">
              {t('c_on')}
              <input type="date" name="on" data-testid="compliance-on" value={on} onChange={(e) => setOn(e.currentTarget.value)} />
              {on && <button type="button" class="link" onClick={() => setOn('')}>{t('c_onNow')}</button>}
            </label>
          </span>
        }
      >
        {asOf && <p class="note" data-testid="compliance-as-of">{t('c_asOfNote', { t: committeeTime(asOf) })}</p>}
        <Show value={board}>
          {(b) => (
            <>
              <p class="kpi" data-testid="compliance-summary">
                {t('c_summary', Object.fromEntries(STATES.map((s) => [{ GREEN: 'g', AMBER: 'a', RED: 'r', NONE_DUE: 'n' }[s], b.cells.filter((c) => c.state === s).length])))}
              </p>
              <p class="meta" data-testid="compliance-read-at">{t('c_readAt', { on: committeeTime(b.on), p: b.position, h: short(b.boardHash) })}</p>
              <div class="table-scroll tall"><table data-testid="compliance-board">
                <thead><tr><th>{t('c_rule')}</th><th>{t('c_met')} / {t('c_expected')}</th><th>{t('c_share')}</th><th>{t('c_state')}</th><th>{t('c_evidence')}</th></tr></thead>
                <tbody>
                  {b.cells.map((c) => (
                    <tr key={`${c.rule}:${c.scheme ?? ''}`} data-rule={c.rule} data-scheme={c.scheme ?? ''} data-state={c.state} class={`state-row state-${c.state}`}>
                      <td class="wrap">{ruleOf(t, c)}</td>
                      <td class="num" data-testid="met">{c.met} / {c.expected}</td>
                      <td class="num" data-testid="share">{percent(c.share)}</td>
                      <td><span class={`state state-${c.state}`} data-testid="state">{t(`c_state_${c.state}`)}</span></td>
                      <td>
                        {c.evidenceCount === 0 ? (
                          '—'
                        ) : (
                          <details data-testid="evidence">
                            <summary>{t('c_evidenceCount', { n: c.evidenceCount })}</summary>
                            <ul class="evidence">{c.evidence.map((id) => <li key={id}><code>{id}</code></li>)}</ul>
                            {c.evidenceCount > c.evidence.length && <p class="meta">{t('c_evidenceMore', { n: c.evidenceCount - c.evidence.length })}</p>}
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
              {auditor &&
                (asOf ? (
                  <p class="note">{t('c_sealAsOf')}</p>
                ) : (
                  <div class="steps" data-testid="compliance-seal">
                    <StepForm
                      testId="seal-form"
                      title={t('c_seal')}
                      clear
                      fields={[{ name: 'reason', label: t('c_reason'), kind: 'text' }]}
                      submit={t('c_seal')}
                      done={t('c_sealed')}
                      send={(v) => write('sealComplianceBoard', 'SealComplianceBoardInput', { sealId: newId('cb'), year: b.year, on: b.on, ...present(v, 'reason') })}
                      onDone={setPosition}
                    />
                    <p class="help">{t('c_sealHelp')}</p>
                  </div>
                ))}
            </>
          )}
        </Show>
        <h3>{t('c_seals')}</h3>
        <Show value={seals} empty={(d) => (d.length === 0 ? t('c_sealsEmpty', { y: year }) : null)}>
          {(list) => <Seals list={list} t={t} />}
        </Show>
      </Card>
    </div>
  );
}

function Seals({ list, t }: { list: Seal[]; t: T }) {
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const { error, busy, run, setError } = useWrite<string>();
  const verify = (sealId: string) => {
    setError(null);
    void run(async () => {
      const { verifyComplianceSeal } = await gql<{ verifyComplianceSeal: Check }>(CHECK_Q, { id: sealId });
      setChecks((c) => ({ ...c, [sealId]: verifyComplianceSeal }));
      return 0;
    }, sealId);
  };
  return (
    <>
      {error !== null && <ErrorNote error={error} />}
      <div class="table-scroll"><table data-testid="compliance-seals">
        <thead><tr><th>{t('c_sealId')}</th><th>{t('c_sealedAt')}</th><th>{t('c_sealOn')}</th><th>{t('c_position')}</th><th>{t('c_reason')}</th><th>{t('c_hash')}</th><th /></tr></thead>
        <tbody>
          {list.map((s) => {
            const check = checks[s.sealId];
            return (
              <tr key={s.sealId} data-testid={`seal-${s.sealId}`}>
                <td>{s.sealId}</td>
                <td>{committeeTime(s.sealedAt)}</td>
                <td>{committeeTime(s.on)}</td>
                <td class="num">{s.position}</td>
                <td>{s.reason}</td>
                <td><code title={s.boardHash}>{short(s.boardHash)}</code></td>
                <td class="wrap">
                  <button type="button" class="secondary" data-testid="verify" disabled={busy === s.sealId} onClick={() => verify(s.sealId)}>{t('c_verify')}</button>
                  {check && (
                    <div data-testid="verify-result" data-matches={String(check.matches)} class={`note ${check.matches ? 'ok' : 'error'}`}>
                      <p>{check.matches ? t('c_matches') : t('c_differs')}</p>
                      {check.differences.length > 0 && (
                        <ul data-testid="differences">
                          {check.differences.map((d) => <li key={`${d.rule}:${d.scheme ?? ''}`}>{t('c_differences', { rule: ruleOf(t, d), s: d.sealed, r: d.recomputed })}</li>)}
                        </ul>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table></div>
    </>
  );
}
