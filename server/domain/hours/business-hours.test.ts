import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusinessHours } from '../../../protocol/schema/admin.ts';
import { hoursState, isOpen } from './business-hours.ts';
import { instantAt, isTimeZone } from './zoned-time.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const weekdays = (from: string, to: string) => (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from, to }));
const berlin: BusinessHours = { timezone: 'Europe/Berlin', week: weekdays('09:00', '17:00') };

describe('business hours', () => {
  it('is open within a span and says when it closes, in the site\'s time zone', () => {
    // Wednesday 2 December 2026, 10:00 in Berlin (CET, UTC+1).
    assert.deepEqual(hoursState(berlin, at('2026-12-02T09:00:00Z')), { open: true, until: at('2026-12-02T16:00:00Z') });
    // 08:59 Berlin: not yet; opens at 09:00 Berlin.
    assert.deepEqual(hoursState(berlin, at('2026-12-02T07:59:00Z')), { open: false, until: at('2026-12-02T08:00:00Z') });
    // 17:00 sharp is closed (spans end before `to`).
    assert.equal(isOpen(berlin, at('2026-12-02T16:00:00Z')), false);
  });

  it('after Friday closing, the next opening is Monday 9:00', () => {
    assert.deepEqual(hoursState(berlin, at('2026-12-04T17:30:00Z')), { open: false, until: at('2026-12-07T08:00:00Z') });
  });

  it('one instant is open in one time zone and closed in another', () => {
    const tokyo: BusinessHours = { ...berlin, timezone: 'Asia/Tokyo' };
    const newYork: BusinessHours = { ...berlin, timezone: 'America/New_York' };
    const t = at('2026-12-02T03:00:00Z'); // 12:00 in Tokyo, 22:00 (Tuesday) in New York
    assert.equal(isOpen(tokyo, t), true);
    assert.equal(isOpen(newYork, t), false);
    assert.equal(iso(hoursState(newYork, t).until), '2026-12-02T14:00:00.000Z'); // Wednesday 09:00 EST
    // Half-hour offsets: Kolkata (UTC+5:30) opens at 03:30 UTC.
    assert.equal(iso(hoursState({ ...berlin, timezone: 'Asia/Kolkata' }, t).until), '2026-12-02T03:30:00.000Z');
  });

  it('keeps local hours across the spring DST change (Berlin, last Sunday of March)', () => {
    // Friday 27 March 2026 after closing (CET, UTC+1); clocks go forward on Sunday the 29th.
    const state = hoursState(berlin, at('2026-03-27T17:00:00Z'));
    // Monday 30 March 09:00 is CEST (UTC+2): 07:00 UTC, not 08:00.
    assert.deepEqual(state, { open: false, until: at('2026-03-30T07:00:00Z') });
    // A span starting in the skipped hour opens when the clocks show a time inside it: 03:30 CEST.
    const night: BusinessHours = { timezone: 'Europe/Berlin', week: [{ day: 'sun', from: '02:30', to: '04:00' }] };
    assert.deepEqual(hoursState(night, at('2026-03-28T12:00:00Z')), { open: false, until: at('2026-03-29T01:30:00Z') });
    assert.deepEqual(hoursState(night, at('2026-03-29T01:30:00Z')), { open: true, until: at('2026-03-29T02:00:00Z') });
    assert.equal(instantAt('2026-03-29', 150, 'Europe/Berlin'), at('2026-03-29T01:30:00Z'));
  });

  it('keeps local hours across the autumn DST change (Berlin, last Sunday of October)', () => {
    // Friday 23 October 2026 after closing (CEST); clocks go back on Sunday the 25th.
    assert.deepEqual(hoursState(berlin, at('2026-10-23T16:00:00Z')), { open: false, until: at('2026-10-26T08:00:00Z') });
    // 02:00-03:00 on the night clocks go back lasts two hours: 02:00 CEST (00:00 UTC) to 03:00 CET (02:00 UTC).
    const night: BusinessHours = { timezone: 'Europe/Berlin', week: [{ day: 'sun', from: '02:00', to: '03:00' }] };
    assert.deepEqual(hoursState(night, at('2026-10-24T12:00:00Z')), { open: false, until: at('2026-10-25T00:00:00Z') });
    assert.equal(isOpen(night, at('2026-10-25T01:30:00Z')), true); // 02:30 CET, the second 02:30
    assert.deepEqual(hoursState(night, at('2026-10-25T00:10:00Z')), { open: true, until: at('2026-10-25T02:00:00Z') });
  });

  it('is closed on holidays, and the next opening skips them', () => {
    const hours: BusinessHours = { ...berlin, holidays: ['2026-12-24', '2026-12-25'] };
    assert.equal(isOpen(hours, at('2026-12-24T10:00:00Z')), false);
    // Wednesday 23 December after closing: back Monday 28 December 09:00 (Thursday, Friday holidays; weekend).
    assert.deepEqual(hoursState(hours, at('2026-12-23T17:00:00Z')), { open: false, until: at('2026-12-28T08:00:00Z') });
    // A holiday only counts in the site's zone: 24 December 00:30 in Berlin is still the 23rd in UTC.
    assert.equal(isOpen({ ...hours, week: [{ day: 'thu', from: '00:00', to: '00:00' }] }, at('2026-12-23T23:30:00Z')), false);
  });

  it('overnight spans run into the next day, and a holiday cuts their tail', () => {
    const bar: BusinessHours = { timezone: 'Europe/Berlin', week: [{ day: 'fri', from: '22:00', to: '02:00' }] };
    assert.deepEqual(hoursState(bar, at('2026-12-04T20:00:00Z')), { open: false, until: at('2026-12-04T21:00:00Z') });
    // Saturday 01:00 Berlin: still Friday's span, which ends at 02:00.
    assert.deepEqual(hoursState(bar, at('2026-12-05T00:00:00Z')), { open: true, until: at('2026-12-05T01:00:00Z') });
    assert.equal(isOpen(bar, at('2026-12-05T01:00:00Z')), false);
    // Saturday a holiday: Friday's span ends at midnight.
    assert.deepEqual(hoursState({ ...bar, holidays: ['2026-12-05'] }, at('2026-12-04T22:00:00Z')), { open: true, until: at('2026-12-04T23:00:00Z') });
    // Midnight after a holiday can be an opening: Sunday's overnight span goes on past Monday 00:00.
    const sunday: BusinessHours = { timezone: 'UTC', week: [{ day: 'sun', from: '20:00', to: '06:00' }], holidays: ['2026-12-06'] };
    assert.deepEqual(hoursState(sunday, at('2026-12-06T21:00:00Z')), { open: false, until: at('2026-12-07T00:00:00Z') });
  });

  it('without hours it is always open; with an empty week never', () => {
    assert.deepEqual(hoursState(undefined, at('2026-12-02T03:00:00Z')), { open: true });
    assert.deepEqual(hoursState({ timezone: 'UTC', week: [] }, at('2026-12-02T03:00:00Z')), { open: false });
    const always: BusinessHours = { timezone: 'UTC', week: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, from: '00:00', to: '00:00' })) };
    assert.deepEqual(hoursState(always, at('2026-12-02T03:00:00Z')), { open: true });
  });

  it('finds an opening after a long run of holidays', () => {
    const holidays = Array.from({ length: 30 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    assert.deepEqual(hoursState({ ...berlin, holidays }, at('2026-12-01T10:00:00Z')), { open: false, until: at('2026-12-31T08:00:00Z') });
  });

  it('knows IANA zones from Intl', () => {
    assert.equal(isTimeZone('Europe/Berlin'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
  });
});
