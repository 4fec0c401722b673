import { describe, expect, it } from '@jest/globals';
import { given } from '#testing/given';
import { ComplianceSealCommand, ComplianceSealEvent, complianceSeal, complianceState, complianceThresholds } from './compliance.js';

const NOW = '2021-01-10T02:00:00.000Z';
const HASH = 'a'.repeat(64);

describe('compliance thresholds', () => {
  it('sets a rule\'s green and amber shares with a reason; the default sent again decides nothing', () => {
    given(complianceThresholds, [])
      .when({ type: 'SetComplianceThreshold', rule: 'DUE_LINKS_MET', green: 0.95, amber: 0.8, reason: '常委会确定' })
      .then([{ type: 'ComplianceThresholdSet', data: { rule: 'DUE_LINKS_MET', green: 0.95, amber: 0.8, reason: '常委会确定' } }]);
    given(complianceThresholds, []).when({ type: 'SetComplianceThreshold', rule: 'DUE_LINKS_MET', green: 1, amber: 0.8, reason: 'x' }).then([]);
  });

  it('refuses an unknown rule, a share outside 0–1, amber above green, and no reason', () => {
    given(complianceThresholds, []).when({ type: 'SetComplianceThreshold', rule: 'ALL_GOOD', green: 1, amber: 0.5, reason: 'x' }).thenThrows('VALIDATION', 'rule');
    given(complianceThresholds, []).when({ type: 'SetComplianceThreshold', rule: 'DUE_LINKS_MET', green: 95, amber: 0.5, reason: 'x' }).thenThrows('VALIDATION', 'green must be a share from 0 to 1');
    given(complianceThresholds, []).when({ type: 'SetComplianceThreshold', rule: 'DUE_LINKS_MET', green: 0.7, amber: 0.8, reason: 'x' }).thenThrows('VALIDATION', 'amber 0.8 is above green 0.7');
    given(complianceThresholds, []).when({ type: 'SetComplianceThreshold', rule: 'DUE_LINKS_MET', green: 0.9, amber: 0.8, reason: '' }).thenThrows('VALIDATION', 'reason');
  });

  it('colours a cell: green at or above green, amber at or above amber, red below, none due when nothing was', () => {
    const t = { green: 0.9, amber: 0.6 };
    expect([complianceState(9, 10, t), complianceState(6, 10, t), complianceState(5, 10, t), complianceState(0, 0, t)]).toEqual(['GREEN', 'AMBER', 'RED', 'NONE_DUE']);
  });
});

describe('a seal of the board', () => {
  const seal = (changes: Partial<ComplianceSealCommand> = {}): ComplianceSealCommand => ({
    type: 'SealComplianceBoard',
    sealId: 's1',
    year: 2020,
    position: 120,
    on: '2021-01-10T00:00:00.000Z',
    cells: [{ rule: 'DUE_LINKS_MET', scheme: 'CONVENER', expected: 4, met: 3, state: 'AMBER' }],
    boardHash: HASH,
    ...changes,
  });
  const sealed: ComplianceSealEvent = { type: 'ComplianceBoardSealed', data: { sealId: 's1', year: 2020, position: 120, on: '2021-01-10T00:00:00.000Z', cells: seal().cells, boardHash: HASH, reason: '', sealedAt: NOW } };

  it('keeps the board\'s figures and hash; a seal is never rewritten', () => {
    given(complianceSeal, []).when(seal(), { now: NOW }).then([sealed]);
    given(complianceSeal, [sealed]).when(seal(), { now: NOW }).thenThrows('CONFLICT', 'never rewritten');
  });

  it('refuses a hash that is no SHA-256, no cells, and a cell of no known rule or state', () => {
    given(complianceSeal, []).when(seal({ boardHash: 'abc' }), { now: NOW }).thenThrows('VALIDATION', 'boardHash');
    given(complianceSeal, []).when(seal({ cells: [] }), { now: NOW }).thenThrows('VALIDATION', 'cells');
    given(complianceSeal, []).when(seal({ cells: [{ ...seal().cells[0]!, rule: 'X' as never }] }), { now: NOW }).thenThrows('VALIDATION', 'cells[0].rule');
    given(complianceSeal, []).when(seal({ cells: [{ ...seal().cells[0]!, state: 'BLUE' as never }] }), { now: NOW }).thenThrows('VALIDATION', 'cells[0].state');
  });
});
