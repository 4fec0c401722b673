import { describe, expect, it } from '@jest/globals';
import { given } from '#testing/given';
import { DEFAULT_DUTY_POINTS, DUTY_POINT_ITEMS, DutyPoints, DutyRulesEvent, dutyRules, dutyTableFor, pointsOf } from './rules.js';

const points: DutyPoints = { ...DEFAULT_DUTY_POINTS, contact: 2, instruction: { CITY: 4, PREFECTURE: 6, PROVINCE: 9, NATIONAL: 20 } };
const set2021: DutyRulesEvent = { type: 'DutyPointsRulesSet', data: { fromYear: 2021, points, reason: '2021年履职积分办法' } };

describe('the duty points rule table', () => {
  it('sets a table in force from a year on', () =>
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points, reason: '2021年履职积分办法' }).then([set2021]));
  it('decides nothing for the same table sent again for its year', () =>
    given(dutyRules, [set2021]).when({ type: 'SetDutyPointsRules', fromYear: 2021, points, reason: 'again' }).then([]));
  it('takes deductions (negative points) within the bound', () =>
    given(dutyRules)
      .when({ type: 'SetDutyPointsRules', fromYear: 2020, points: { ...points, plenaryAbsent: -5 }, reason: 'r' })
      .then([{ type: 'DutyPointsRulesSet', data: { fromYear: 2020, points: { ...points, plenaryAbsent: -5 }, reason: 'r' } }]));
  it('refuses a missing or fractional item, a missing level, an absurd year or value, and a table without its reason', () => {
    const { contact: _c, ...noContact } = points;
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points: noContact as DutyPoints, reason: 'r' }).thenThrows('VALIDATION', 'points.contact');
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points: { ...points, linkMet: 1.5 }, reason: 'r' }).thenThrows('VALIDATION', 'points.linkMet');
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points: { ...points, instruction: { CITY: 1 } as DutyPoints['instruction'] }, reason: 'r' }).thenThrows('VALIDATION', 'points.instruction.PREFECTURE');
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 1800, points, reason: 'r' }).thenThrows('VALIDATION', 'fromYear');
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points: { ...points, contact: 5000 }, reason: 'r' }).thenThrows('VALIDATION', 'points.contact');
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points, reason: ' ' }).thenThrows('VALIDATION', 'reason is required');
    given(dutyRules).when({ type: 'SetDutyPointsRules', fromYear: 2021, points: null as unknown as DutyPoints, reason: 'r' }).thenThrows('VALIDATION', 'points is required');
  });
  it('keeps each year under the table in force then: the default before the first, a later table from its year on', () => {
    const set2023: DutyRulesEvent = { type: 'DutyPointsRulesSet', data: { fromYear: 2023, points: { ...points, contact: 3 }, reason: '2023' } };
    const { state } = given(dutyRules, [set2023, set2021]);
    expect([2020, 2021, 2022, 2023, 2030].map((y) => [dutyTableFor(state.tables, y).fromYear, dutyTableFor(state.tables, y).points.contact])).toEqual([
      [null, 1],
      [2021, 2],
      [2021, 2],
      [2023, 3],
      [2023, 3],
    ]);
  });
  it('reads every item of a table, per-level ones by level', () => {
    expect(DUTY_POINT_ITEMS.map((item) => pointsOf(points, item))).toEqual([2, 1, 2, 3, 1, 2, 1, 2, 2, 3, 5, 10, 4, 6, 9, 20, 2, 2, -2, 2, -2]);
  });
});
