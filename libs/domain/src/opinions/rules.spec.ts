import { describe, expect, it } from '@jest/globals';
import * as ev from '#testing/events';
import { given, modelFrom } from '#testing/given';
import { CreditPoints, OpinionRulesEvent, creditTableFor, formatIssueNumber, opinionRules } from './rules.js';

const directory = modelFrom([ev.organization('hu-gov', 'HANDLING_UNIT'), ev.organization('gone', 'HANDLING_UNIT'), ev.dissolved('gone', '2024-01-01')]);
const ctx = { directory };
const points = (city: number, province: number): CreditPoints => ({
  committeeAdoption: 1,
  adoption: { CITY: city, PREFECTURE: 3, PROVINCE: province, NATIONAL: 8 },
  instruction: { CITY: 3, PREFECTURE: 4, PROVINCE: 5, NATIONAL: 10 },
  mediaPickup: 1,
});
const table2024: OpinionRulesEvent = { type: 'OpinionCreditRulesSet', data: { fromYear: 2024, points: points(2, 4), reason: '2024年办法' } };

describe('opinion rules: recipients, reasons, issue numbers, credit tables', () => {
  it('defines a recipient at its level, once; a different definition under the same id is refused', () => {
    const defined: OpinionRulesEvent = { type: 'OpinionRecipientDefined', data: { recipientId: 'city-gov', name: '市政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' } };
    given(opinionRules, []).when({ type: 'DefineOpinionRecipient', recipientId: 'city-gov', name: '市政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' }, ctx).then([defined]);
    given(opinionRules, [defined]).when({ type: 'DefineOpinionRecipient', recipientId: 'city-gov', name: '市政府', level: 'CITY', kind: 'GOVERNMENT', organizationId: 'hu-gov' }, ctx).then([]);
    given(opinionRules, [defined]).when({ type: 'DefineOpinionRecipient', recipientId: 'city-gov', name: '市政府', level: 'PROVINCE', kind: 'GOVERNMENT' }, ctx).thenThrows('CONFLICT', 'define a new id');
  });

  it('refuses a recipient of no known level or kind, or answered for by an organization not registered or dissolved', () => {
    const base = { type: 'DefineOpinionRecipient' as const, recipientId: 'x', name: 'X', level: 'CITY', kind: 'GOVERNMENT' };
    given(opinionRules, []).when({ ...base, level: 'COUNTY' }, ctx).thenThrows('VALIDATION', 'level "COUNTY"');
    given(opinionRules, []).when({ ...base, kind: 'CLUB' }, ctx).thenThrows('VALIDATION', 'kind "CLUB"');
    given(opinionRules, []).when({ ...base, organizationId: 'nope' }, ctx).thenThrows('NOT_FOUND', 'organization nope');
    given(opinionRules, []).when({ ...base, organizationId: 'gone' }, ctx).thenThrows('VALIDATION', 'dissolved');
    given(opinionRules, []).when({ ...base, name: '' }, ctx).thenThrows('VALIDATION', 'name is required');
  });

  it('defines a not-adopted reason once, and never redefines its meaning', () => {
    const reason: OpinionRulesEvent = { type: 'OpinionNotAdoptedReasonDefined', data: { code: 'COVERED', label: '已有相关政策' } };
    given(opinionRules, []).when({ type: 'DefineOpinionNotAdoptedReason', code: 'COVERED', label: '已有相关政策' }, ctx).then([reason]);
    given(opinionRules, [reason]).when({ type: 'DefineOpinionNotAdoptedReason', code: 'COVERED', label: '已有相关政策' }, ctx).then([]);
    given(opinionRules, [reason]).when({ type: 'DefineOpinionNotAdoptedReason', code: 'COVERED', label: '别的' }, ctx).thenThrows('CONFLICT', 'define a new code');
  });

  it('sets the issue number format with {n}, and only the placeholders it knows', () => {
    given(opinionRules, []).when({ type: 'SetOpinionIssueFormat', numberFormat: '格政协社情〔{year}〕{n}号', reason: '新格式' }, ctx).then([
      { type: 'OpinionIssueFormatSet', data: { numberFormat: '格政协社情〔{year}〕{n}号', reason: '新格式' } },
    ]);
    given(opinionRules, []).when({ type: 'SetOpinionIssueFormat', numberFormat: '《社情民意》{year}年第{n}期', reason: 'same' }, ctx).then([]);
    given(opinionRules, []).when({ type: 'SetOpinionIssueFormat', numberFormat: '第{year}期', reason: 'x' }, ctx).thenThrows('VALIDATION', 'must hold {n}');
    given(opinionRules, []).when({ type: 'SetOpinionIssueFormat', numberFormat: '{term}-{n}', reason: 'x' }, ctx).thenThrows('VALIDATION', 'has {term}');
    expect(formatIssueNumber('《社情民意》{year}年第{n}期', 2025, 7)).toBe('《社情民意》2025年第7期');
  });

  it('sets a credit table from a year; the same table again writes nothing; points must be whole and in range', () => {
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: points(2, 4), reason: '2024年办法' }, ctx).then([table2024]);
    given(opinionRules, [table2024]).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: points(2, 4), reason: 'again' }, ctx).then([]);
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 1900, points: points(2, 4), reason: 'x' }, ctx).thenThrows('VALIDATION', 'fromYear must be');
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: { ...points(2, 4), committeeAdoption: -1 }, reason: 'x' }, ctx).thenThrows('VALIDATION', 'points.committeeAdoption');
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: { ...points(2, 4), adoption: { CITY: 1.5 } } as unknown as CreditPoints, reason: 'x' }, ctx).thenThrows('VALIDATION', 'points.adoption.CITY');
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: null as unknown as CreditPoints, reason: 'x' }, ctx).thenThrows('VALIDATION', 'points is required');
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: { ...points(2, 4), mediaPickup: 2.5 }, reason: 'x' }, ctx).thenThrows('VALIDATION', 'points.mediaPickup');
    const { mediaPickup: _none, ...withoutMedia } = points(2, 4);
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: withoutMedia as CreditPoints, reason: '无媒体分' }, ctx).then([
      { type: 'OpinionCreditRulesSet', data: { fromYear: 2024, points: { ...points(2, 4), mediaPickup: 0 }, reason: '无媒体分' } },
    ]);
    given(opinionRules, []).when({ type: 'SetOpinionCreditRules', fromYear: 2024, points: points(2, 4), reason: '' }, ctx).thenThrows('VALIDATION', 'reason is required');
  });

  it('keeps each year under the table with the greatest fromYear at or before it', () => {
    const table2026: OpinionRulesEvent = { type: 'OpinionCreditRulesSet', data: { fromYear: 2026, points: points(3, 6), reason: '2026年办法' } };
    const { state } = given(opinionRules, [table2026, table2024]);
    expect([2023, 2024, 2025, 2026, 2030].map((y) => creditTableFor(state.creditTables, y)?.fromYear ?? null)).toEqual([null, 2024, 2024, 2026, 2026]);
  });
});
