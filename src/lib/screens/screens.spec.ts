import { describe, expect, it } from 'vitest';
import { doorState } from '$rules/screens.js';
import { retryDelay } from './refresh';
import { span } from './format';

// What a door sign says (docs/rules.md, "Door signs and the lobby screen") and how an unattended screen
// backs off when the network or the server is gone.

const H = 3_600_000;
const now = 1_800_000_000_000;
const open = [[now - 4 * H, now + 6 * H]];
const claim = (from: number, to: number, label = '') => ({
	start: now + from * H,
	end: now + to * H,
	kind: 'booking',
	label
});

describe('doorState', () => {
	it('is busy during a claim, with the next one', () => {
		const state = doorState({ now, claims: [claim(2, 3), claim(-1, 1, 'Skakklubben')], open, closures: [] });
		expect(state.state).toBe('busy');
		expect(state.current?.label).toBe('Skakklubben');
		expect(state.next?.start).toBe(now + 2 * H);
	});

	it('is free until the next claim, or until closing time', () => {
		expect(doorState({ now, claims: [claim(2, 3)], open, closures: [] }).freeUntil).toBe(now + 2 * H);
		expect(doorState({ now, claims: [], open, closures: [] }).freeUntil).toBe(now + 6 * H);
		expect(doorState({ now, claims: [claim(-3, -2)], open, closures: [] }).state).toBe('free');
	});

	it('is free only until a closure begins', () => {
		const state = doorState({ now, claims: [], open, closures: [[now + H, now + 2 * H]] });
		expect(state.freeUntil).toBe(now + H);
	});

	it('is closed outside opening hours and during a closure, saying when it opens', () => {
		const later = [[now + 2 * H, now + 8 * H]];
		expect(doorState({ now, claims: [], open: later, closures: [] })).toMatchObject({
			state: 'closed',
			opensAt: now + 2 * H
		});
		expect(doorState({ now, claims: [], open, closures: [[now - H, now + H]] }).state).toBe('closed');
	});

	it('during a closure, opens again when the closure ends inside opening hours, not at the next opening', () => {
		const days = [
			[now - 4 * H, now + 6 * H],
			[now + 20 * H, now + 30 * H]
		];
		// ends today within the hours: open again at its end
		expect(doorState({ now, claims: [], open: days, closures: [[now - H, now + H]] }).opensAt).toBe(now + H);
		// closures that follow each other: open again after the last
		const chained = [
			[now - H, now + H],
			[now + H, now + 3 * H]
		];
		expect(doorState({ now, claims: [], open: days, closures: chained }).opensAt).toBe(now + 3 * H);
		// runs past today's closing and into tomorrow's hours: open again at its end tomorrow
		expect(doorState({ now, claims: [], open: days, closures: [[now - H, now + 22 * H]] }).opensAt).toBe(
			now + 22 * H
		);
		// runs past today's closing and ends in the night: open again at tomorrow's opening
		expect(doorState({ now, claims: [], open: days, closures: [[now - H, now + 10 * H]] }).opensAt).toBe(
			now + 20 * H
		);
		// nothing known beyond the closure: no time is promised
		expect(
			doorState({ now, claims: [], open: days, closures: [[now - H, now + 40 * H]] }).opensAt
		).toBeNull();
	});
});

describe('retryDelay', () => {
	it('polls at the normal pace, retries sooner after a failure and never waits longer than the pace', () => {
		expect(retryDelay(0, 30_000)).toBe(30_000);
		expect(retryDelay(1, 30_000)).toBe(2_000);
		expect(retryDelay(2, 30_000)).toBe(4_000);
		expect(retryDelay(10, 30_000)).toBe(30_000);
	});
});

describe('span', () => {
	// 2026-12-03 10:00 in Copenhagen (UTC+1)
	const today = Date.UTC(2026, 11, 3, 9, 0);
	const at = (day: number, hour: number) => Date.UTC(2026, 11, day, hour - 1, 0);

	it('writes a claim within today as two clock times, and names the day of an end on another day', () => {
		expect(span(at(3, 10), at(3, 12), today, 'da')).toBe('10:00–12:00');
		expect(span(at(3, 22), at(4, 0), today, 'da')).toBe('22:00–00:00');
		expect(span(at(3, 1), at(4, 3), today, 'da')).toBe('01:00–fredag 4. december kl. 03:00');
		expect(span(at(2, 20), at(3, 11), today, 'en')).toMatch(
			/^Wednesday 2 December.*20:00–Thursday 3 December.*11:00$/
		);
	});
});
