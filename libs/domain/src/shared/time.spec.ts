import { describe, expect, it } from '@jest/globals';
import { parseInstant, parsePeriod, periodContaining, requiredContacts, toMs } from './time.js';

/**
 * A refusal as every decider reports it: VALIDATION, with `field` naming the input the clerk has to
 * fix (the shared `domainError` matcher checks code and message, not `field`).
 */
const validationOf = (field: string) => expect.objectContaining({ name: 'DomainError', code: 'VALIDATION', field });

const utc = (iso: string) => Date.parse(iso);

describe('parseInstant', () => {
  it('reads a date-only value as committee midnight (UTC+8), the previous day at 16:00 UTC', () => {
    expect(parseInstant('2020-03-05', 'joinedOn')).toBe('2020-03-04T16:00:00.000Z');
  });

  it('reads a local date-time as committee time', () => {
    expect(parseInstant('2020-03-05T09:30', 'occurredAt')).toBe('2020-03-05T01:30:00.000Z');
  });

  it('reads a local date-time written with a space and seconds as committee time', () => {
    expect(parseInstant('2020-03-05 09:30:15', 'occurredAt')).toBe('2020-03-05T01:30:15.000Z');
  });

  it('keeps the milliseconds of a local date-time', () => {
    expect(parseInstant('2020-03-05T09:30:15.500', 'occurredAt')).toBe('2020-03-05T01:30:15.500Z');
  });

  it('keeps the instant of a zoned ISO value with an offset', () => {
    expect(parseInstant('2020-03-05T09:30:00+08:00', 'occurredAt')).toBe('2020-03-05T01:30:00.000Z');
  });

  it('keeps the instant of a zoned ISO value in UTC', () => {
    expect(parseInstant('2020-03-05T01:30:00.250Z', 'occurredAt')).toBe('2020-03-05T01:30:00.250Z');
  });

  it('refuses a date-only 2020-02-30 with VALIDATION naming the field', () => {
    expect(() => parseInstant('2020-02-30', 'joinedOn')).toThrow(validationOf('joinedOn'));
  });

  it('refuses a local date-time on 2020-02-30 with VALIDATION naming the field', () => {
    expect(() => parseInstant('2020-02-30T09:30', 'occurredAt')).toThrow(validationOf('occurredAt'));
  });

  it('refuses a zoned ISO value on 2020-02-30 instead of rolling it over to 1 March', () => {
    expect(() => parseInstant('2020-02-30T09:30:00+08:00', 'occurredAt')).toThrow(validationOf('occurredAt'));
  });

  it('refuses an hour past 23 in a local date-time', () => {
    expect(() => parseInstant('2020-03-05T25:00', 'occurredAt')).toThrow(validationOf('occurredAt'));
  });

  it('refuses garbage with VALIDATION naming the field', () => {
    expect(() => parseInstant('last Tuesday', 'occurredAt')).toThrow(validationOf('occurredAt'));
  });

  it('refuses an empty value as missing', () => {
    expect(() => parseInstant('', 'activeFrom')).toThrow(validationOf('activeFrom'));
  });

  it('refuses a number where a date is expected', () => {
    expect(() => parseInstant(20200305, 'activeFrom')).toThrow(validationOf('activeFrom'));
  });

  it('refuses a year before the register begins (1900)', () => {
    expect(() => parseInstant('1900-01-01', 'joinedOn')).toThrow(validationOf('joinedOn'));
  });

  it('refuses a year after the register ends (2300)', () => {
    expect(() => parseInstant('2300-01-01T00:00:00Z', 'joinedOn')).toThrow(validationOf('joinedOn'));
  });

  it('accepts 1949-10-01, the earliest date the register holds, at committee midnight', () => {
    expect(parseInstant('1949-10-01', 'joinedOn')).toBe('1949-09-30T16:00:00.000Z');
  });

  it('refuses 2200-01-01, a day of a year parsePeriod cannot hold (it accepts up to 2199)', () => {
    expect(() => parseInstant('2200-01-01', 'joinedOn')).toThrow(validationOf('joinedOn'));
  });
});

describe('parsePeriod', () => {
  it('reads a year as 1 January to 1 January, committee midnight', () => {
    expect(parsePeriod('2020')).toEqual({ id: '2020', kind: 'YEAR', start: utc('2019-12-31T16:00:00Z'), end: utc('2020-12-31T16:00:00Z') });
  });

  it('reads 2020-H2 as 1 July to 1 January, committee midnight', () => {
    expect(parsePeriod('2020-H2')).toEqual({ id: '2020-H2', kind: 'HALF_YEAR', start: utc('2020-06-30T16:00:00Z'), end: utc('2020-12-31T16:00:00Z') });
  });

  it('reads 2020-Q3 as 1 July to 1 October, committee midnight', () => {
    expect(parsePeriod('2020-Q3')).toEqual({ id: '2020-Q3', kind: 'QUARTER', start: utc('2020-06-30T16:00:00Z'), end: utc('2020-09-30T16:00:00Z') });
  });

  it('reads 2020-07 as 1 July to 1 August, committee midnight', () => {
    expect(parsePeriod('2020-07')).toEqual({ id: '2020-07', kind: 'MONTH', start: utc('2020-06-30T16:00:00Z'), end: utc('2020-07-31T16:00:00Z') });
  });

  it('ends December at committee midnight of 1 January of the next year', () => {
    expect(parsePeriod('2020-12')).toMatchObject({ start: utc('2020-11-30T16:00:00Z'), end: utc('2020-12-31T16:00:00Z') });
  });

  it('refuses a fifth quarter with VALIDATION naming the field', () => {
    expect(() => parsePeriod('2020-Q5', 'period')).toThrow(validationOf('period'));
  });

  it('refuses a thirteenth month with VALIDATION naming the field', () => {
    expect(() => parsePeriod('2020-13', 'period')).toThrow(validationOf('period'));
  });
});

describe('requiredContacts', () => {
  it('turns 2 per QUARTER into 8 per YEAR', () => {
    expect(requiredContacts(2, 'QUARTER', 'YEAR')).toBe(8);
  });

  it('turns 2 per QUARTER into 1 per MONTH (2/3 rounded up)', () => {
    expect(requiredContacts(2, 'QUARTER', 'MONTH')).toBe(1);
  });

  it('turns 2 per QUARTER into 4 per HALF_YEAR', () => {
    expect(requiredContacts(2, 'QUARTER', 'HALF_YEAR')).toBe(4);
  });

  it('keeps 2 per QUARTER as 2 per QUARTER', () => {
    expect(requiredContacts(2, 'QUARTER', 'QUARTER')).toBe(2);
  });

  it('turns 1 per YEAR into 1 per MONTH (1/12 rounded up)', () => {
    expect(requiredContacts(1, 'YEAR', 'MONTH')).toBe(1);
  });

  it('turns 3 per MONTH into 36 per YEAR', () => {
    expect(requiredContacts(3, 'MONTH', 'YEAR')).toBe(36);
  });
});

describe('periodContaining', () => {
  it('puts 20:00 on 31 March committee time (12:00 UTC) in March', () => {
    expect(periodContaining(toMs('2020-03-31T20:00:00+08:00'), 'MONTH').id).toBe('2020-03');
  });

  it('puts committee midnight of 1 April (16:00 UTC on 31 March) in April', () => {
    expect(periodContaining(toMs('2020-04-01T00:00:00+08:00'), 'MONTH').id).toBe('2020-04');
  });

  it('puts 20:00 on 31 March committee time in the first quarter', () => {
    expect(periodContaining(toMs('2020-03-31T20:00:00+08:00'), 'QUARTER').id).toBe('2020-Q1');
  });

  it('puts committee midnight of 1 January 2021 (16:00 UTC on 31 December 2020) in 2021', () => {
    expect(periodContaining(toMs('2020-12-31T16:00:00Z'), 'YEAR').id).toBe('2021');
  });
});
