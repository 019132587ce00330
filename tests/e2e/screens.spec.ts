import { randomUUID } from 'node:crypto';
import type { Locator } from '@playwright/test';
import {
	test,
	expect,
	expectAccessible,
	expectBestPractice,
	hydrated,
	phonePage,
	signIn,
	systemClient
} from './fixtures';
import { validCvrNumber } from '../helpers/cvr';
import { appWithoutPocketBase } from '../helpers/app-without-pocketbase';
import { addDays, localParts, localToUtc } from '../../pb_hooks/lib/rooms-policy.js';

// The lobby screen, a door sign and cancelling a period in a browser (docs/rules.md, "Door signs and the
// lobby screen", "Cancel a period").

const PASSWORD = 'e2e-kodeord-123';
const MINUTE = 60_000;
// open around the clock, so that a sign read at any hour of the run says free or busy, never closed
const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
);
const pbDate = (ms: number) => new Date(ms).toISOString().replace('T', ' ');
const at = (minutes: number) => pbDate(Math.floor(Date.now() / MINUTE) * MINUTE + minutes * MINUTE);

async function arrangeRoom(name: string, extra: Record<string, unknown> = {}) {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const room = await system.collection('rooms').create({
		name: `${name} ${id}`,
		slug: `${name.toLowerCase().replace(/[^a-z]/g, '')}-${id}`,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 400,
		cancel_hours: 48,
		active: true,
		...extra
	});
	return { system, room, id };
}

/**
 * A screen's list as it stands at one moment: the bottom edge of each row shown and the "+N flere i dag"
 * line. The screens re-fit their lists whenever a row starts, ends or arrives (a poll, a live change, the
 * minute a claim ends), so a count read first and the rows measured one by one after it could name a row
 * that is gone by then.
 */
function listNow(section: Locator) {
	return section.evaluate((s) => ({
		bottoms: Array.from(s.querySelectorAll('li'))
			.filter((row) => row.checkVisibility())
			.map((row) => row.getBoundingClientRect().bottom),
		more: s.querySelector('.more')?.textContent?.trim() ?? ''
	}));
}

async function makeUser(system: Awaited<ReturnType<typeof systemClient>>, name: string, id: string) {
	const email = `${name}-${id}@test.borgerhus.dk`;
	const record = await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name,
		verified: true,
		language: 'da'
	});
	return { email, id: record.id };
}

test('the lobby screen on a 1920x1080 TV, and hung on its side, shows today’s events, in Danish and in English', async ({
	page
}) => {
	const { system, room, id } = await arrangeRoom('Foyerlokale');
	const title = `Fællessang for alle ${id}`;
	await system.collection('events').create({
		title,
		description: 'Til test',
		category: 'concert',
		room: room.id,
		start: at(-10),
		end: at(50),
		state: 'published',
		registration: false,
		capacity: 0
	});
	// a twin of the same title and time elsewhere in the house (a workshop in two rooms): both show
	await system.collection('events').create({
		title,
		description: 'Til test',
		category: 'concert',
		start: at(-10),
		end: at(50),
		state: 'published',
		registration: false,
		capacity: 0
	});
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/skaerm?sprog=da');
	await expect(page.getByRole('heading', { level: 1, name: 'I huset i dag' })).toBeVisible();
	await expect(page.locator('section[aria-labelledby="lobby-events"] li', { hasText: title })).toHaveCount(2);
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await expectAccessible(page);
	await page.goto('/skaerm?sprog=en');
	await expect(page.getByRole('heading', { level: 1, name: 'In the house today' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Rooms in use' })).toBeVisible();
	await expectAccessible(page);

	// the same TV hung on its side: the lists one above the other, the text as large as in landscape
	await page.setViewportSize({ width: 1080, height: 1920 });
	const events = await page.locator('section[aria-labelledby="lobby-events"]').boundingBox();
	const rooms = await page.locator('section[aria-labelledby="lobby-rooms"]').boundingBox();
	expect(rooms!.y).toBeGreaterThanOrEqual(events!.y + events!.height);
	expect(events!.width).toBeGreaterThan(900);
	const textPx = await page
		.locator('section[aria-labelledby="lobby-events"] li', { hasText: title })
		.first()
		.evaluate((li) => parseFloat(getComputedStyle(li).fontSize));
	expect(textPx).toBeGreaterThanOrEqual(26);
});

test('the lobby screen taking turns in Danish and English says each turn’s language on the page, its title included', async ({
	page
}) => {
	// from the start of a Danish turn: the turns are 20 seconds long and begin with Danish every 40 seconds
	await page.clock.install({ time: Math.ceil(Date.now() / 40_000) * 40_000 + 2_000 });
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto('/skaerm');
	const html = page.locator('html');
	await expect(page.getByRole('heading', { level: 1, name: 'I huset i dag' })).toBeVisible();
	await expect(html).toHaveAttribute('lang', 'da');
	await expect(page).toHaveTitle('I huset i dag');

	// the English turn: the page's language, not only its lists', so the title is read as English too
	await page.clock.fastForward(20_000);
	await expect(page.getByRole('heading', { level: 1, name: 'In the house today' })).toBeVisible();
	await expect(page).toHaveTitle('In the house today');
	await expect(html).toHaveAttribute('lang', 'en');
	await expectAccessible(page);

	// and back to Danish
	await page.clock.fastForward(20_000);
	await expect(page.getByRole('heading', { level: 1, name: 'I huset i dag' })).toBeVisible();
	await expect(html).toHaveAttribute('lang', 'da');
});

test('the lobby screen fits its TV with a full day: no row below the screen, and the rest counted', async ({
	page
}) => {
	// a busy day: twelve events at once, each in a room of its own (so twelve rooms in use too)
	const system = await systemClient();
	const arranged = await Promise.all(
		Array.from({ length: 12 }, (_, i) => arrangeRoom(`Fuldtlokale${String.fromCharCode(97 + i)}`))
	);
	const tag = arranged[0]!.id;
	await Promise.all(
		arranged.map(({ room }, i) =>
			system.collection('events').create({
				title: `Foredrag om byens historie, del ${i + 1} ${tag}`,
				description: 'Til test',
				category: 'talk',
				room: room.id,
				start: at(-5),
				end: at(60 + i),
				state: 'published',
				registration: false,
				capacity: 0
			})
		)
	);
	// what the screen lists now: what has not ended (other tests' claims and the demo's end at any time)
	const total = async () => {
		const data = (await (await page.request.get('/skaerm/data')).json()) as {
			events: { end: number }[];
			rooms: { end: number }[];
		};
		const now = Date.now();
		return {
			events: data.events.filter((e) => e.end > now).length,
			rooms: data.rooms.filter((r) => r.end > now).length
		};
	};
	expect((await total()).events).toBeGreaterThanOrEqual(12);

	for (const { width, height } of [
		{ width: 1920, height: 1080 },
		{ width: 1080, height: 1920 }
	]) {
		await page.setViewportSize({ width, height });
		await page.goto('/skaerm?sprog=da');
		await expect(page.getByRole('heading', { level: 1, name: 'I huset i dag' })).toBeVisible();
		await hydrated(page);
		// a TV does not scroll: the page is the screen
		expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(height);
		for (const list of ['events', 'rooms'] as const) {
			const section = page.locator(`section[aria-labelledby="lobby-${list}"]`);
			// more than a screen holds: the list has been fitted once it counts the rest
			await expect(section.getByText(/^\+\d+ flere i dag$/)).toBeVisible();
			// the rows and the count at one moment, and what the house has then (a claim that ends between
			// the two readings changes both: read them again)
			await expect(async () => {
				const before = (await total())[list];
				const { bottoms, more } = await listNow(section);
				expect((await total())[list], 'nothing ended while the list was read').toBe(before);
				expect(bottoms.length, `${list} at ${width}x${height}`).toBeGreaterThanOrEqual(3);
				bottoms.forEach((bottom, i) =>
					expect(bottom, `${list} row ${i + 1} at ${width}x${height}`).toBeLessThanOrEqual(height)
				);
				// what does not fit is counted, not dropped without a word
				expect(more).toBe(`+${before - bottoms.length} flere i dag`);
			}).toPass({ timeout: 30_000 });
		}
		const status = (await page.getByRole('status').filter({ hasText: 'Opdateret' }).boundingBox())!;
		expect(status.y + status.height).toBeLessThanOrEqual(height);
	}
	await expectAccessible(page);
});

test('a screen without its connection says so itself, and the app’s banner about buttons does not cover it', async ({
	page,
	context
}) => {
	const { room } = await arrangeRoom('Bannerlokale');
	for (const address of ['/skaerm?sprog=da', `/lokaler/${room.slug}/skilt`]) {
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(address);
		await hydrated(page);
		await context.setOffline(true);
		// the screen's own line, at its foot, once a poll has failed
		await expect(page.getByText('Ingen forbindelse', { exact: false })).toBeVisible({ timeout: 40_000 });
		// a TV or a door's tablet has no buttons to send anything with, and the banner would push it down
		await expect(page.getByTestId('offline-notice')).toHaveCount(0);
		await context.setOffline(false);
	}
});

test('a door sign on a tablet shows now and next with the check-in QR, and follows a change live', async ({
	page
}) => {
	// a room that asks for check-in: its sign shows the code to scan
	const { system, room, id } = await arrangeRoom('Doerlokale', { checkin_required: true });
	const booker = await makeUser(system, 'skiltbooker', id);
	const association = await system.collection('associations').create({
		name: `Strikkeklubben ${id}`,
		cvr: validCvrNumber(),
		verified: true
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: booker.id, role: 'admin' });
	const now = await system.collection('bookings').create({
		room: room.id,
		booker: booker.id,
		association: association.id,
		show_publicly: true,
		purpose: `Hemmeligt formål ${id}`,
		attendees: 4,
		start: at(-20),
		end: at(40),
		status: 'approved'
	});
	await system.collection('bookings').create({
		room: room.id,
		booker: booker.id,
		purpose: `Privat ${id}`,
		attendees: 2,
		start: at(120),
		end: at(180),
		status: 'approved'
	});
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.goto(`/lokaler/${room.slug}/skilt`);
	await expect(page.getByRole('heading', { level: 1, name: room.name })).toBeVisible();
	await expect(page.getByText('Optaget', { exact: true }).first()).toBeVisible();
	await expect(page.getByText(association.name, { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Næste' })).toBeVisible();
	await expect(page.getByText(`Hemmeligt formål ${id}`)).toHaveCount(0);
	await expect(page.getByText(`Privat ${id}`)).toHaveCount(0);
	const qr = page.getByRole('img', { name: `QR-kode til at tjekke ind i ${room.name}` });
	await expect(qr).toBeVisible();
	expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
	await expect(page.getByText(`/lokaler/${room.slug}/tjek-ind`)).toBeVisible();
	await expectAccessible(page);

	// the booking is cancelled: the sign says free without anyone touching it
	await system.collection('bookings').update(now.id, { status: 'cancelled' });
	await expect(page.getByText('Ledigt', { exact: true })).toBeVisible({ timeout: 40_000 });

	// the connection goes: once the state it last showed has run out, the sign says it does not know
	await page.clock.install();
	await page.goto(`/lokaler/${room.slug}/skilt`);
	await expect(page.getByText('Ledigt', { exact: true })).toBeVisible();
	await page.route('**/skilt/data**', (route) => route.abort());
	// hours pass without a connection; on a loaded machine the sign may set its timers only after that jump
	// of the clock, so the clock goes on a minute at a time until it says so
	await page.clock.fastForward('03:00:00');
	await expect(async () => {
		await page.clock.fastForward('01:00');
		await expect(page.getByText('Status ukendt', { exact: true })).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: 40_000 });
	await expect(page.getByText('Ledigt', { exact: true })).toHaveCount(0);
	// nor does it name as next a claim that is over, or say that nothing is booked, which it cannot know
	await expect(page.locator('section.next strong')).toHaveCount(0);
	await expect(page.getByText('Intet booket de næste 7 dage')).toHaveCount(0);
	await page.unroute('**/skilt/data**');

	// the printed A4 layout carries the room and the QR code
	await page.goto(`/lokaler/${room.slug}/skilt?format=a4`);
	await expect(page.getByRole('img', { name: `QR-kode til at tjekke ind i ${room.name}` })).toBeVisible();
	await expectAccessible(page);
});

test('a request still waiting for staff: the lobby does not list it, the door sign shows its time as reserved, and both follow the approval live', async ({
	page
}) => {
	// two rooms that ask for approval and check-in, each with a booking on now under an association's
	// name its booker chose to show: one still waiting for staff, one approved
	const policy = {
		requires_approval: true,
		checkin_required: true,
		checkin_since: pbDate(Date.now() - 86_400_000)
	};
	const { system, room: waiting, id } = await arrangeRoom('Ventelokale', policy);
	const { room: approved } = await arrangeRoom('Godkendtlokale', policy);
	const booker = await makeUser(system, 'ventebooker', id);
	const association = await system.collection('associations').create({
		name: `Sangkoret ${id}`,
		cvr: validCvrNumber(),
		verified: true
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: booker.id, role: 'admin' });
	const bookingIn = (room: string, status: string) =>
		system.collection('bookings').create({
			room,
			booker: booker.id,
			association: association.id,
			show_publicly: true,
			purpose: `Hemmeligt formål ${id}`,
			attendees: 4,
			// began five minutes ago: once approved, its check-in is open for another ten
			start: at(-5),
			end: at(40),
			status
		});
	const request = await bookingIn(waiting.id, 'pending');
	await bookingIn(approved.id, 'approved');

	// the door sign: the room is held, not free, but not "Optaget" either, and asks nobody to check in
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.goto(`/lokaler/${waiting.slug}/skilt?sprog=da`);
	const now = page.locator('section[aria-labelledby="door-now"]');
	await expect(now.getByText('Reserveret', { exact: true })).toBeVisible();
	await expect(now.getByText('Afventer godkendelse', { exact: true })).toBeVisible();
	await expect(page.getByText('Optaget', { exact: true })).toHaveCount(0);
	await expect(page.getByText('Ledigt', { exact: true })).toHaveCount(0);
	await expect(page.getByText('Tjek ind nu', { exact: false })).toHaveCount(0);
	await expect(page.getByText(`Hemmeligt formål ${id}`)).toHaveCount(0);
	await expectAccessible(page);
	await page.goto(`/lokaler/${waiting.slug}/skilt?sprog=en`);
	await expect(now.getByText('Reserved', { exact: true })).toBeVisible();
	await expect(now.getByText('Awaiting approval', { exact: true })).toBeVisible();
	await expect(page.getByText('Booked', { exact: true })).toHaveCount(0);

	// the lobby screen: the approved booking is on, the request is not
	const lobby = await page.context().newPage();
	await lobby.goto('/skaerm?sprog=da');
	await hydrated(lobby);
	const rooms = lobby.locator('section[aria-labelledby="lobby-rooms"]');
	await expect(rooms.locator('li', { hasText: approved.name })).toHaveCount(1);
	await expect(rooms.locator('li', { hasText: waiting.name })).toHaveCount(0);
	await expectAccessible(lobby);

	// staff approve it: the sign says "Optaget" and asks for the check-in, the lobby lists it, unreloaded
	await page.goto(`/lokaler/${waiting.slug}/skilt?sprog=da`);
	await hydrated(page);
	await system.collection('bookings').update(request.id, { status: 'approved' });
	await expect(page.getByText('Optaget', { exact: true })).toBeVisible({ timeout: 40_000 });
	await expect(now.getByText('Reserveret', { exact: true })).toHaveCount(0);
	await expect(page.getByText('Tjek ind nu', { exact: false })).toHaveCount(1);
	await expect(rooms.locator('li', { hasText: waiting.name })).toHaveCount(1, { timeout: 40_000 });
	await expect(rooms.locator('li', { hasText: waiting.name })).toContainText(association.name);
	await lobby.close();
});

/** The house's next midnight after `now` (ms): where a door sign's day, and its list of the day, ends. */
function nextHouseMidnight(now: number): number {
	return localToUtc(addDays(localParts(now).date, 1), '00:00')!;
}

/**
 * When the fifteen bookings of a door sign's full day start (`first`) and how long each is (`slot`): back
 * to back, a minute each, from ten minutes on, as the sign asks again whenever a booking begins or ends and
 * the list must hold still while it is measured. The day's list holds only what starts later today, so
 * late in the evening they start as late as the day allows, a few seconds each, the last a minute before
 * midnight, still at least three minutes on; null in the day's last five minutes, where no fifteen fit.
 */
function fullDay(now: number, midnight: number): { first: number; slot: number } | null {
	const first = now + 10 * MINUTE;
	if (first + 15 * MINUTE <= midnight) return { first, slot: MINUTE };
	const slot = 4_000;
	const late = midnight - MINUTE - 15 * slot;
	return late - now >= 3 * MINUTE ? { first: late, slot } : null;
}

test('a door sign fits its tablet with a full day: the state and the QR always shown, the rest of the day counted', async ({
	page
}) => {
	// fifteen short bookings ahead today, and one on now (bookings of a minute or less: the room allows them)
	const { system, room, id } = await arrangeRoom('Travltlokale', {
		checkin_required: true,
		min_minutes: 1,
		step_minutes: 1
	});
	const booker = await makeUser(system, 'travlbooker', id);
	// all from one reading of the clock; in the day's last minutes, where no fifteen fit, from the next
	// day's first (the test waits for it)
	let now = Math.floor(Date.now() / MINUTE) * MINUTE;
	const midnight = nextHouseMidnight(now);
	let day = fullDay(now, midnight);
	if (!day) {
		test.setTimeout(midnight - Date.now() + 120_000);
		await page.waitForTimeout(midnight - Date.now() + 1_000);
		now = Math.floor(Date.now() / MINUTE) * MINUTE;
		day = fullDay(now, nextHouseMidnight(now))!;
	}
	const { first, slot } = day;
	for (const [from, to] of [
		[now - 5 * MINUTE, first],
		...Array.from({ length: 15 }, (_, i) => [first + i * slot, first + (i + 1) * slot])
	])
		await system.collection('bookings').create({
			room: room.id,
			booker: booker.id,
			purpose: `Kort møde ${id}`,
			attendees: 2,
			start: pbDate(from!),
			end: pbDate(to!),
			status: 'approved'
		});
	const qr = page.getByRole('img', { name: `QR-kode til at tjekke ind i ${room.name}` });
	for (const { width, height } of [
		{ width: 1280, height: 800 },
		{ width: 800, height: 1280 },
		{ width: 1920, height: 1080 }
	]) {
		const where = `at ${width}x${height}`;
		await page.setViewportSize({ width, height });
		await page.goto(`/lokaler/${room.slug}/skilt?sprog=da`);
		await hydrated(page);
		const data = (await (await page.request.get(`/lokaler/${room.slug}/skilt/data`)).json()) as {
			now: number;
			today: { start: number }[];
		};
		const later = data.today.filter((c) => c.start > data.now).length;
		expect(later).toBeGreaterThanOrEqual(14);
		// a tablet at the door does not scroll: the page is the screen
		expect(await page.evaluate(() => document.documentElement.scrollHeight), where).toBeLessThanOrEqual(
			height
		);
		const section = page.locator('section[aria-labelledby="door-next"]');
		await expect(section.getByText(/^\+\d+ flere i dag$/)).toBeVisible();
		// the rows and the count at one moment
		const { bottoms, more } = await listNow(section);
		expect(bottoms.length, where).toBeGreaterThanOrEqual(3);
		bottoms.forEach((bottom, i) => expect(bottom, `row ${i + 1} ${where}`).toBeLessThanOrEqual(height));
		// what does not fit is counted, not run below the edge
		expect(more, where).toBe(`+${later - bottoms.length} flere i dag`);
		// the state, the QR code and the status line stay whole on the screen
		for (const [what, locator] of [
			['state', page.locator('section[aria-labelledby="door-now"]')],
			['QR code', qr],
			['status', page.getByRole('status').filter({ hasText: 'Opdateret' })]
		] as const) {
			const box = (await locator.boundingBox())!;
			expect(box.y + box.height, `${what} ${where}`).toBeLessThanOrEqual(height);
			expect(box.x + box.width, `${what} ${where}`).toBeLessThanOrEqual(width);
		}
		await expectAccessible(page);
	}
	// a phone scrolls as any page: every row of the day is there, none counted away
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`/lokaler/${room.slug}/skilt?sprog=da`);
	await hydrated(page);
	await expect(page.locator('section[aria-labelledby="door-next"] li:visible')).toHaveCount(15);
	await expect(page.getByText(/flere i dag/)).toHaveCount(0);
	await expect(qr).toBeVisible();
});

test('a door sign turns from busy to free at the minute its booking ends, not at its next poll', async ({
	page
}) => {
	test.setTimeout(180_000);
	const { system, room, id } = await arrangeRoom('Skiftelokale', { min_minutes: 1, step_minutes: 1 });
	const booker = await makeUser(system, 'skiftebooker', id);
	// a booking that ends at a whole minute at least 22 seconds away
	const end = Math.ceil((Date.now() + 22_000) / MINUTE) * MINUTE;
	await system.collection('bookings').create({
		room: room.id,
		booker: booker.id,
		purpose: `Snart slut ${id}`,
		attendees: 2,
		start: pbDate(end - 30 * MINUTE),
		end: pbDate(end),
		status: 'approved'
	});
	// the sign is opened 20 seconds before the end: its 30-second poll would come some 10 seconds after it
	await page.waitForTimeout(end - 20_000 - Date.now());
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.goto(`/lokaler/${room.slug}/skilt?sprog=da`);
	await hydrated(page);
	await expect(page.getByText('Optaget', { exact: true })).toBeVisible();
	await page.waitForTimeout(end - 2_000 - Date.now());
	await expect(page.getByText('Optaget', { exact: true })).toBeVisible();
	// free within a few seconds of the end
	await expect(page.getByText('Ledigt', { exact: true })).toBeVisible({ timeout: end + 4_000 - Date.now() });
	expect(Date.now()).toBeLessThan(end + 5_000);
	await expect(page.getByText('Optaget', { exact: true })).toHaveCount(0);
	await expectAccessible(page);
});

test('a door sign says until when the booking on now can be checked in, and that the next one can, at the minute its check-in opens', async ({
	page
}) => {
	test.setTimeout(180_000);
	// one reading of the clock: the booking on now began 5 minutes ago, and the next one's check-in opens
	// at a whole minute at least 40 seconds away (15 minutes before it starts)
	const now = Date.now();
	const T = Math.floor(now / MINUTE) * MINUTE;
	const opens = Math.ceil((now + 40_000) / MINUTE) * MINUTE;
	const { system, room, id } = await arrangeRoom('Tjekindlokale', {
		checkin_required: true,
		checkin_opens_minutes: 15,
		checkin_grace_minutes: 15,
		checkin_since: pbDate(T - 7 * 24 * 60 * MINUTE),
		min_minutes: 1,
		step_minutes: 1
	});
	const booker = await makeUser(system, 'tjekindbooker', id);
	for (const [start, end] of [
		[T - 5 * MINUTE, T + 10 * MINUTE],
		[opens + 15 * MINUTE, opens + 45 * MINUTE]
	])
		await system.collection('bookings').create({
			room: room.id,
			booker: booker.id,
			purpose: `Tjek ind-møde ${id}`,
			attendees: 2,
			start: pbDate(start!),
			end: pbDate(end!),
			status: 'approved'
		});
	const hhmm = (ms: number) =>
		new Date(ms)
			.toLocaleTimeString('da-DK', {
				timeZone: 'Europe/Copenhagen',
				hour: '2-digit',
				minute: '2-digit'
			})
			.replace('.', ':');
	const lines = page.getByTestId('door-checkin-window');
	// the sign is opened 20 seconds before that: its 15-second clock and its 30-second poll come some 10
	// seconds after the opening, later than the bounds below (which leave a busy machine some seconds)
	await page.waitForTimeout(Math.max(0, opens - 20_000 - Date.now()));
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.goto(`/lokaler/${room.slug}/skilt?sprog=da`);
	await hydrated(page);
	// the booking on now: check-in is open, until its grace ends
	await expect(lines.first()).toContainText(
		`Tjek ind nu: scan QR-koden senest kl. ${hhmm(T + 10 * MINUTE)}, ellers frigives lokalet.`
	);
	// the next one: not yet, and when it opens, if that is today (not when it opens at midnight)
	await expect(page.getByText('Tjek ind nu', { exact: false })).toHaveCount(1);
	const day = (ms: number) => new Date(ms).toLocaleDateString('da-DK', { timeZone: 'Europe/Copenhagen' });
	await expect(
		page.getByText(
			`Tjek ind her fra kl. ${hhmm(opens)} til kl. ${hhmm(opens + 30 * MINUTE)}, ellers frigives lokalet.`
		)
	).toHaveCount(day(opens) === day(T) ? 1 : 0);
	await expectAccessible(page);
	// its check-in opens: the sign asks again at that moment, not at its next poll, and says so
	const polled = page
		.waitForRequest((r) => r.url().includes('/skilt/data') && Date.now() >= opens, { timeout: 60_000 })
		.then(() => Date.now());
	await page.waitForTimeout(Math.max(0, opens - 2_000 - Date.now()));
	await expect(page.getByText('Tjek ind nu', { exact: false })).toHaveCount(1);
	await expect(lines.last()).toContainText(
		`Tjek ind nu: scan QR-koden senest kl. ${hhmm(opens + 30 * MINUTE)}, ellers frigives lokalet.`,
		{ timeout: opens + 8_000 - Date.now() }
	);
	expect(await polled).toBeLessThan(opens + 7_000);
	await expect(page.getByText('Tjek ind nu', { exact: false })).toHaveCount(2);

	// on paper: the room's rule, nothing "now"
	await page.goto(`/lokaler/${room.slug}/skilt?format=a4&sprog=da`);
	await expect(
		page.getByText(
			'Bookinger i dette lokale skal tjekkes ind med QR-koden senest 15 minutter efter start, ellers frigives lokalet.'
		)
	).toBeVisible();
	await expect(page.getByText('Tjek ind nu', { exact: false })).toHaveCount(0);
});

test('a door sign at phone size says that the booking on now is checked in once its booker checked in at the door', async ({
	page,
	browser
}) => {
	const T = Math.floor(Date.now() / MINUTE) * MINUTE;
	const { system, room, id } = await arrangeRoom('Tjekketlokale', {
		checkin_required: true,
		checkin_opens_minutes: 15,
		checkin_grace_minutes: 15,
		checkin_since: pbDate(T - 7 * 24 * 60 * MINUTE),
		min_minutes: 1,
		step_minutes: 1
	});
	const booker = await makeUser(system, 'tjekketbooker', id);
	await system.collection('bookings').create({
		room: room.id,
		booker: booker.id,
		purpose: `Tjekket møde ${id}`,
		attendees: 2,
		start: pbDate(T - 5 * MINUTE),
		end: pbDate(T + 50 * MINUTE),
		status: 'approved'
	});
	// the sign on a phone-sized screen: busy, and check-in open
	await page.goto(`/lokaler/${room.slug}/skilt?sprog=da`);
	await hydrated(page);
	await expect(page.getByText('Optaget', { exact: true }).first()).toBeVisible();
	await expect(page.getByTestId('door-checkin-window')).toContainText('Tjek ind nu');
	await expect(page.getByTestId('door-checked-in')).toHaveCount(0);
	// the booker scans the code on their own phone and checks in
	const phone = await phonePage(browser);
	await signIn(phone, booker.email, PASSWORD);
	await phone.goto(`/lokaler/${room.slug}/tjek-ind`);
	await hydrated(phone);
	await phone.getByRole('button', { name: 'Vi er her' }).click();
	await expect(phone.getByText('I er tjekket ind. God fornøjelse!')).toBeVisible();
	await phone.context().close();
	// the sign says so by its next poll, and asks nobody to check in to that booking any more
	await expect(page.getByTestId('door-checked-in')).toHaveText('✓ Tjekket ind', { timeout: 40_000 });
	await expect(page.getByTestId('door-checkin-window')).toHaveCount(0);
	await expect(page.getByText(`Tjekket møde ${id}`)).toHaveCount(0);
	await expectAccessible(page);
	// in English too
	await page.goto(`/lokaler/${room.slug}/skilt?sprog=en`);
	await expect(page.getByTestId('door-checked-in')).toHaveText('✓ Checked in');
	await expectAccessible(page);
});

test('cancel a period at phone size: the preview lists what goes and what cannot, then one step', async ({
	page
}) => {
	const { system, room, id } = await arrangeRoom('Periodelokale');
	const owner = await makeUser(system, 'periodeborger', id);
	const day = (n: number) =>
		new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(Date.now() + n * 86_400_000);
	const book = (n: number, purpose: string) =>
		system.collection('bookings').create({
			room: room.id,
			booker: owner.id,
			purpose,
			attendees: 2,
			start: pbDate(Date.parse(`${day(n)}T10:00:00Z`)),
			end: pbDate(Date.parse(`${day(n)}T11:00:00Z`)),
			status: 'approved'
		});
	await book(1, `Morgenmøde ${id}`); // inside the 48-hour deadline
	await book(20, `Efterårsmøde A ${id}`);
	await book(21, `Efterårsmøde B ${id}`);
	await signIn(page, owner.email, PASSWORD);
	await page.goto('/bookinger');
	await page.getByRole('link', { name: 'Aflys alle bookinger i en periode' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Aflys en periode' })).toBeVisible();
	await page.getByLabel('Første dag').fill(day(0));
	await page.getByLabel('Sidste dag').fill(day(25));
	await page.getByRole('button', { name: 'Vis hvad der aflyses' }).click();
	await expect(page.getByRole('heading', { name: 'Disse 2 bookinger aflyses' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Disse kan ikke aflyses' })).toBeVisible();
	await expect(page.getByText(`Morgenmøde ${id}`)).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aflys 2 bookinger' }).click();
	await expect(page.getByText('2 bookinger er aflyst.')).toBeVisible();
	await expectAccessible(page);
	const left = await system.collection('bookings').getFullList({ filter: `booker = "${owner.id}"` });
	expect(left.map((b) => b.status).sort()).toEqual(['approved', 'cancelled', 'cancelled']);
});

test('a screen opened while PocketBase does not answer is accessible and asks again by itself', async ({
	page
}) => {
	// a second instance of the built app, with PocketBase's address pointing nowhere
	const app = await appWithoutPocketBase();
	const origin = app.origin;
	try {
		await page.clock.install();
		await page.goto(`${origin}/skaerm?sprog=da`);
		await expect(page.getByRole('status')).toHaveText('Skærmen forbinder til huset …');
		await expectAccessible(page);
		await expectBestPractice(page);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Skærmen forbinder til huset …' })
		).toBeVisible();
		// half a minute later it asks the app, which answers, and loads the page again
		const asked = page.waitForRequest(
			(r) => r.url() === `${origin}/skaerm?sprog=da` && r.resourceType() === 'fetch'
		);
		const loaded = page.waitForEvent('load');
		await page.clock.fastForward(31_000);
		await asked;
		await loaded;
		await expect(page.getByRole('status')).toHaveText('Skærmen forbinder til huset …');
		// a door sign waits on the same screen, with the same heading
		await page.goto(`${origin}/lokaler/foyer/skilt?sprog=da`);
		await expect(page.getByRole('status')).toHaveText('Skærmen forbinder til huset …');
		await expectBestPractice(page);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Skærmen forbinder til huset …' })
		).toBeVisible();
	} finally {
		await app.stop();
	}
});

test('the lobby screen on a 320 px phone keeps every row within the screen: the time above a long room name', async ({
	page
}) => {
	// a room whose one-word name is as long as the house's own ("Studierummet", "Musiklokalet"), in use now
	const { system, room, id } = await arrangeRoom('Studierummet');
	const booker = await makeUser(system, 'lobbytelefon', id);
	await system.collection('bookings').create({
		room: room.id,
		booker: booker.id,
		purpose: `Lobby på telefon ${id}`,
		attendees: 2,
		start: at(-5),
		end: at(60),
		status: 'approved'
	});
	await page.setViewportSize({ width: 320, height: 740 });
	await page.goto('/skaerm?sprog=da');
	await hydrated(page);
	const row = page.locator('section[aria-labelledby="lobby-rooms"] li', { hasText: room.name });
	await expect(row).toHaveCount(1);
	const width = await page.evaluate(() => document.documentElement.clientWidth);
	expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width').toBeLessThanOrEqual(
		width
	);
	const box = (await row.boundingBox())!;
	expect(box.x + box.width, 'the row').toBeLessThanOrEqual(width);
	await expectAccessible(page);
});
