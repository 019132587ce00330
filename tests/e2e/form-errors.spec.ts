import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectAccessible, signIn, systemClient, demo } from './fixtures';
import { addDays, localParts, localToUtc } from '../../pb_hooks/lib/rooms-policy.js';

// docs/rules.md, "Forms are checked by the app": a booking form says every mistake it can find in one
// answer, each at its field (aria-invalid, aria-describedby to its message), with a list at the top that
// focus goes to; a refusal of a select's or a reason's field is shown beside that field, not above the form.

const PASSWORD = 'e2e-kodeord-123';
const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);
const pbDate = (date: string, time: string) =>
	new Date(localToUtc(date, time) as number).toISOString().replace('T', ' ');
/**
 * The next night the clocks go forward in Copenhagen (the last Sunday of March), after today: 02:00 to
 * 02:59 do not exist that day. A fixed date lies in the past from its day on, and the forms were then sent
 * a booking in the past.
 */
function nextSpringForward(): string {
	const today = localParts(Date.now()).date;
	for (let year = Number(today.slice(0, 4)); ; year++) {
		const march31 = new Date(Date.UTC(year, 2, 31));
		const sunday = addDays(`${year}-03-31`, -march31.getUTCDay());
		if (sunday > today) return sunday;
	}
}
const SPRING_FORWARD = nextSpringForward();

const MESSAGES = {
	required: 'Udfyld feltet.',
	attendees: 'Skriv antal deltagere som et helt tal, mindst 1.',
	noSuchTime: 'Det klokkeslæt findes ikke den dag (sommertid).',
	outsideHours: 'Tidspunktet ligger uden for lokalets åbningstid.',
	overCapacity: 'Der er flere deltagere, end lokalet har plads til.',
	beyondHorizon: 'Borgeren kan ikke booke så langt frem i tiden.'
};

/** The field is invalid, and one of the elements its aria-describedby names says `text`. */
async function expectTied(field: Locator, text: string) {
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect
		.poll(async () => {
			const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
			const page = field.page();
			const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
			return texts.join(' | ');
		})
		.toContain(text);
}

/** The form's list of problems has focus, counts them and says each. */
async function expectSummary(page: Page, form: Locator, count: number, texts: string[]) {
	const summary = form.locator('[data-error-summary]');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(count === 1 ? 'Der er 1 fejl i formularen' : `Der er ${count} fejl`);
	for (const text of texts) await expect(summary).toContainText(text);
	await expect(summary.locator('li')).toHaveCount(count);
}

async function citizenAndRoom() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `fejl-${id}@test.borgerhus.dk`;
	const citizen = await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: `Frede Fejl ${id}`,
		verified: true,
		language: 'da'
	});
	const room = await system.collection('rooms').create({
		name: `Fejlrummet ${id}`,
		slug: `fejlrummet-${id}`,
		description: 'Et lokale til prøver.',
		capacity: 12,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 15,
		horizon_days: 400,
		cancel_hours: 24,
		active: true,
		sort: 99
	});
	return { system, id, email, citizen, room };
}

test('the room booking form says every mistake of the form and the times at once, each at its field', async ({
	page
}) => {
	const { email, room } = await citizenAndRoom();
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}`);
	const form = page.locator('#book-form');
	const purpose = page.locator('#field-purpose');
	const attendees = page.locator('#field-attendees');
	const start = page.locator('#field-start');
	const end = page.locator('#field-end');
	const send = () => form.getByRole('button', { name: 'Send booking' }).click();

	// no purpose, no attendees, and two times that do not exist that day: four messages in one answer
	await attendees.fill('0');
	await page.locator('#field-date').fill(SPRING_FORWARD);
	await start.fill('02:00');
	await end.fill('02:30');
	await send();
	await expectSummary(page, form, 4, [MESSAGES.required, MESSAGES.attendees, MESSAGES.noSuchTime]);
	await expectTied(purpose, MESSAGES.required);
	await expectTied(attendees, MESSAGES.attendees);
	await expectTied(start, MESSAGES.noSuchTime);
	await expectTied(end, MESSAGES.noSuchTime);
	await expectAccessible(page);
	// each line of the list takes the person to its field
	await form
		.locator('[data-error-summary]')
		.getByRole('link', { name: /^Formål:/ })
		.click();
	await expect(purpose).toBeFocused();

	// the room's rules come with the form's own mistakes: outside the opening hours, at both times
	const day = addDays(localParts(Date.now()).date, 5);
	await attendees.fill('2');
	await page.locator('#field-date').fill(day);
	await start.fill('06:00');
	await end.fill('07:00');
	await send();
	await expectSummary(page, form, 2, [MESSAGES.required, MESSAGES.outsideHours]);
	await expectTied(purpose, MESSAGES.required);
	await expectTied(start, MESSAGES.outsideHours);
	await expectTied(end, MESSAGES.outsideHours);
	await expect(attendees).not.toHaveAttribute('aria-invalid', 'true');

	// more attendees than the room holds: at the number, beside the missing purpose
	await attendees.fill('13');
	await start.fill('10:00');
	await end.fill('11:00');
	await send();
	await expectSummary(page, form, 2, [MESSAGES.required, MESSAGES.overCapacity]);
	await expectTied(attendees, MESSAGES.overCapacity);
	await expectTied(purpose, MESSAGES.required);
	await expect(start).not.toHaveAttribute('aria-invalid', 'true');
});

test("the room booking form says every rule of the room the booking breaks in one answer, with the form's own mistakes", async ({
	page
}) => {
	const { email, room } = await citizenAndRoom();
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}`);
	const form = page.locator('#book-form');
	// no purpose, more attendees than the room holds, and before it opens: three messages, not one a time
	await page.locator('#field-attendees').fill('500');
	await page.locator('#field-date').fill(addDays(localParts(Date.now()).date, 5));
	await page.locator('#field-start').fill('06:00');
	await page.locator('#field-end').fill('07:00');
	await form.getByRole('button', { name: 'Send booking' }).click();
	await expectSummary(page, form, 3, [MESSAGES.required, MESSAGES.overCapacity, MESSAGES.outsideHours]);
	await expectTied(page.locator('#field-purpose'), MESSAGES.required);
	await expectTied(page.locator('#field-attendees'), MESSAGES.overCapacity);
	await expectTied(page.locator('#field-start'), MESSAGES.outsideHours);
	await expectTied(page.locator('#field-end'), MESSAGES.outsideHours);
});

test('the season booking page says every missing field at once, each at its field', async ({ page }) => {
	const { email, room } = await citizenAndRoom();
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}/saeson`);
	const form = page.locator('form', { has: page.locator('#season-purpose') });
	await page.locator('#season-attendees').fill('0');
	await form.getByRole('button', { name: 'Vis datoer' }).click();
	await expect(form.locator('[data-error-summary]')).toBeFocused();
	await expectTied(page.locator('#season-purpose'), MESSAGES.required);
	await expectTied(page.locator('#season-attendees'), MESSAGES.attendees);
	for (const id of ['#season-first', '#season-last', '#season-start', '#season-end']) {
		await expect(page.locator(id)).toHaveAttribute('aria-invalid', 'true');
	}
	await expect(form.locator('[data-error-summary] li')).toHaveCount(6);
	await expectAccessible(page);
});

test("the desk's booking says every mistake at once, and a refusal of the room at the room's choice", async ({
	page
}) => {
	const { system, citizen, room } = await citizenAndRoom();
	await signIn(page, demo.staff);
	await page.goto(`/personale/borgere/${citizen.id}`);
	const book = page.getByRole('region', { name: 'Book et lokale' });
	const form = book.locator('form');
	await book.getByLabel('Lokale', { exact: true }).selectOption({ label: room.name });
	await book.getByLabel('Dato', { exact: true }).fill(SPRING_FORWARD);
	await book.getByLabel('Fra', { exact: true }).fill('02:00');
	await book.getByLabel('Til', { exact: true }).fill('02:30');
	await book.getByLabel('Antal deltagere', { exact: true }).fill('0');
	await book.getByRole('button', { name: 'Book for borgeren' }).click();
	await expectSummary(page, form, 4, [MESSAGES.required, MESSAGES.attendees, MESSAGES.noSuchTime]);
	await expectTied(page.locator('#book-purpose'), MESSAGES.required);
	await expectTied(page.locator('#book-attendees'), MESSAGES.attendees);
	await expectTied(page.locator('#book-start'), MESSAGES.noSuchTime);
	await expectTied(page.locator('#book-end'), MESSAGES.noSuchTime);
	await expectAccessible(page);

	// the room is taken out of use meanwhile: PocketBase's refusal is at the room's choice
	const day = addDays(localParts(Date.now()).date, 10);
	await book.getByLabel('Dato', { exact: true }).fill(day);
	await book.getByLabel('Fra', { exact: true }).fill('10:00');
	await book.getByLabel('Til', { exact: true }).fill('11:00');
	await book.getByLabel('Formål', { exact: true }).fill('Læsekreds');
	await book.getByLabel('Antal deltagere', { exact: true }).fill('3');
	await system.collection('rooms').update(room.id, { active: false });
	await book.getByRole('button', { name: 'Book for borgeren' }).click();
	await expectSummary(page, form, 1, ['Lokalet kan ikke bookes.']);
	await expectTied(page.locator('#book-room'), 'Lokalet kan ikke bookes.');
});

test("the desk's booking says every rule of the room at once, and not the horizon staff override", async ({
	page
}) => {
	const { citizen, room } = await citizenAndRoom();
	await signIn(page, demo.staff);
	await page.goto(`/personale/borgere/${citizen.id}`);
	const book = page.getByRole('region', { name: 'Book et lokale' });
	const form = book.locator('form');
	const send = () => book.getByRole('button', { name: 'Book for borgeren' }).click();
	await book.getByLabel('Lokale', { exact: true }).selectOption({ label: room.name });
	await book.getByLabel('Dato', { exact: true }).fill(addDays(localParts(Date.now()).date, 5));
	await book.getByLabel('Fra', { exact: true }).fill('06:00');
	await book.getByLabel('Til', { exact: true }).fill('07:00');
	await book.getByLabel('Antal deltagere', { exact: true }).fill('500');
	await send();
	await expectSummary(page, form, 3, [MESSAGES.required, MESSAGES.overCapacity, MESSAGES.outsideHours]);
	await expectTied(page.locator('#book-purpose'), MESSAGES.required);
	await expectTied(page.locator('#book-attendees'), MESSAGES.overCapacity);
	await expectTied(page.locator('#book-start'), MESSAGES.outsideHours);
	await expectTied(page.locator('#book-end'), MESSAGES.outsideHours);
	await expectAccessible(page);

	// beyond the room's horizon (400 days): said with the rest, in the words staff read, until they override it
	await book.getByLabel('Dato', { exact: true }).fill(addDays(localParts(Date.now()).date, 420));
	await send();
	await expectSummary(page, form, 4, [MESSAGES.beyondHorizon, MESSAGES.overCapacity, MESSAGES.outsideHours]);
	await expectTied(page.locator('#book-start'), MESSAGES.beyondHorizon);
	await book.getByText('Tilsidesæt en regel (frist, grænse eller horisont)').click();
	await book.getByLabel('Ja, jeg tilsidesætter reglen for borgeren').check();
	await book.getByLabel('Begrundelse', { exact: true }).fill('Aftalt med lederen');
	await send();
	await expectSummary(page, form, 3, [MESSAGES.required, MESSAGES.overCapacity, MESSAGES.outsideHours]);
	await expect(form.locator('[data-error-summary]')).not.toContainText(MESSAGES.beyondHorizon);
});

test('a staff rejection without a reason says so at the reason', async ({ page }) => {
	const { system, citizen, room, id } = await citizenAndRoom();
	const staffEmail = `fejl-personale-${id}@test.borgerhus.dk`;
	await system.collection('users').create({
		email: staffEmail,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: `Pia Personale ${id}`,
		verified: true,
		staff: true,
		language: 'da'
	});
	await system.collection('rooms').update(room.id, { requires_approval: true });
	const day = addDays(localParts(Date.now()).date, 30);
	await system.collection('bookings').create({
		room: room.id,
		booker: citizen.id,
		purpose: `Fødselsdag ${id}`,
		attendees: 5,
		start: pbDate(day, '14:00'),
		end: pbDate(day, '16:00'),
		status: 'pending'
	});
	await signIn(page, staffEmail, PASSWORD);
	await page.goto(`/personale/bookinger?lokale=${room.id}`);
	const request = page.getByRole('listitem').filter({ hasText: `Fødselsdag ${id}` });
	await request.getByRole('button', { name: new RegExp(`^Afvis booking af ${room.name}`) }).click();
	const reason = request.getByRole('textbox', { name: /Begrundelse eller besked til bookeren/ });
	await expectTied(reason, 'Skriv en begrundelse.');
	await expect(reason).toBeFocused();
	// the hint is still named, and the message is not repeated above the form
	await expect(reason).toHaveAttribute('aria-describedby', /reason-hint-/);
	await expect(request.getByRole('alert')).toHaveCount(0);
	await expectAccessible(page);
});

test("a leftover claim's, a swap's and a hand-over's refusal is at the field it is about", async ({
	page
}) => {
	const system = await systemClient();
	const season = await system
		.collection('seasons')
		.getFirstListItem('status = "leftovers" && leftovers = "fcfs" && name ~ "Værkstedshold"');
	const club = await system.collection('associations').getFirstListItem('name = "Nørreby Boldklub"');
	await signIn(page, demo.associationAdmin);

	// a free weekly time claimed without a name: the name's field says so, in the form it was sent from
	await page.goto(`/saeson/${season.id}?forening=${club.id}`);
	const slotForm = page.locator('form[action*="?/claim&"]').first();
	await slotForm.getByLabel('Forventet antal deltagere').fill('6');
	await slotForm.getByRole('button', { name: 'Tag tiden' }).click();
	const name = slotForm.getByLabel('Navn (hold, kor, klasse)');
	await expectTied(name, MESSAGES.required);
	await expect(name).toBeFocused();
	await expect(page.getByRole('alert').filter({ hasText: MESSAGES.required })).toHaveCount(0);
	// a single free date with too many participants: at the number, and the name typed stays
	const dateForm = page.locator('form[action*="claimDate"]').first();
	await dateForm.getByLabel('Navn (hold, kor, klasse)').fill('Ekstra aften');
	await dateForm.getByLabel('Forventet antal deltagere').fill('5000');
	await dateForm.getByRole('button', { name: 'Book datoen' }).click();
	const count = dateForm.getByLabel('Forventet antal deltagere');
	await expectTied(count, 'Antal deltagere skal være et helt tal fra 1 til 1000.');
	await expect(dateForm.getByLabel('Navn (hold, kor, klasse)')).toHaveValue('Ekstra aften');
	await expectAccessible(page);

	// a swap for a time that is gone since the page was shown: at the other association's time
	await page.goto(`/saeson/${season.id}/bytte?forening=${club.id}`);
	const gone = 'abcdefghij12345';
	await page
		.locator('#swap-to option')
		.first()
		.evaluate((option, id) => {
			(option as HTMLOptionElement).value = id;
		}, gone);
	await page.locator('#swap-to').selectOption(gone);
	await page.getByRole('button', { name: 'Send forslaget' }).click();
	await expectTied(page.locator('#swap-to'), 'Det valgte findes ikke.');
	await expect(page.locator('#swap-from')).not.toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('alert').filter({ hasText: 'Det valgte findes ikke.' })).toHaveCount(0);
	// and a hand-over to an association that is gone: at the association's choice
	await page
		.locator('#hand-to option')
		.first()
		.evaluate((option, id) => {
			(option as HTMLOptionElement).value = id;
		}, gone);
	await page.locator('#hand-to').selectOption(gone);
	await page.getByRole('button', { name: 'Send overdragelsen' }).click();
	await expectTied(page.locator('#hand-to'), 'Det valgte findes ikke.');
	await expect(page.locator('#swap-to')).not.toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
});
