import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { test, expect, expectAccessible, signIn, systemClient, demo, phonePage } from './fixtures';
import { formatDateTime, formatTime } from '../../src/lib/dates';

const PASSWORD = 'frivillig-kodeord';

/** A published event with one shift; far ahead unless `start` is given. */
async function arrangeEvent(places: number, capacity: number, start = farAhead()) {
	const system = await systemClient();
	const end = new Date(start.getTime() + 2 * 3600_000);
	const title = `Sommerkoncert ${randomUUID().slice(0, 6)}`;
	const event = await system.collection('events').create({
		title,
		description: 'Koncert i haven.',
		category: 'concert',
		start,
		end,
		state: 'published',
		registration: capacity > 0,
		capacity
	});
	await system.collection('shifts').create({ event: event.id, task: 'Billetkontrol', start, end, places });
	return { id: event.id, title };
}

function farAhead(): Date {
	const days = 300 + Math.floor(Math.random() * 2000);
	return new Date(Math.floor(Date.now() / 86_400_000 + days) * 86_400_000 + 17 * 3600_000);
}

async function createPerson(name: string, volunteer: boolean) {
	const system = await systemClient();
	const email = `e2e-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name,
		verified: true,
		language: 'da',
		volunteer_terms_at: volunteer ? new Date() : ''
	});
	return email;
}

test('a volunteer signs up, a second lands on the waitlist, the first cancels and the second is confirmed', async ({
	page,
	browser
}) => {
	const event = await arrangeEvent(1, 0);
	const first = await createPerson('Frida Frivillig', false);
	const second = await createPerson('Søren Suppleant', true);

	await page.goto('/arrangementer');
	await expect(page.getByRole('link', { name: event.title })).toBeVisible();
	await expectAccessible(page);

	await signIn(page, first, PASSWORD);
	await page.goto(`/arrangementer/${event.id}`);
	await page.getByRole('link', { name: 'Godkend vilkårene for frivillige for at tage en vagt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Frivillig' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Jeg godkender vilkårene for frivillige').check();
	await page.getByRole('button', { name: 'Bliv frivillig' }).click();
	await expect(page).toHaveURL(new RegExp(`/arrangementer/${event.id}$`));
	await page.getByRole('button', { name: 'Tag vagten' }).click();
	await expect(page.getByTestId('shift-place')).toHaveText('Du er bekræftet');
	// focus stays where the work is: on the new place, not back at the top of the page
	await expect(page.getByTestId('shift-place')).toBeFocused();
	await expectAccessible(page);

	const other = await phonePage(browser);
	await signIn(other, second, PASSWORD);
	await other.goto(`/arrangementer/${event.id}`);
	await other.getByRole('button', { name: 'Skriv mig på ventelisten' }).click();
	await expect(other.getByTestId('shift-place')).toHaveText('Du er nummer 1 på ventelisten');

	await page.goto('/frivillig');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Afmeld vagten' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Ja, afmeld mig' }).click();
	await expect(page.getByRole('status')).toHaveText('Du er afmeldt.');
	await expect(page.getByText('Du har ingen kommende vagter.')).toBeVisible();

	await other.reload();
	await expect(other.getByTestId('shift-place')).toHaveText('Du er bekræftet');
	await other.goto('/frivillig');
	await expect(other.getByText('Du er bekræftet')).toBeVisible();
	await other.context().close();
});

test('an attendee registers and staff check them in from the ticket code', async ({ page, browser }) => {
	// starting within the hour: the door is open for check-in
	const event = await arrangeEvent(2, 10, new Date(Date.now() + 60 * 60_000));
	const attendee = await createPerson('Dorthe Deltager', false);

	await signIn(page, attendee, PASSWORD);
	await page.goto(`/arrangementer/${event.id}`);
	await page.getByRole('button', { name: 'Tilmeld mig' }).click();
	await expect(page.getByTestId('registration-place')).toHaveText('Du er bekræftet');
	await expect(page.getByTestId('registration-place')).toBeFocused();
	await page.getByRole('link', { name: 'Vis billet' }).click();
	await expect(page.getByRole('img', { name: 'QR-kode til indtjek' })).toBeVisible();
	await expectAccessible(page);
	const code = (await page.getByTestId('ticket-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[a-z0-9]{24}$/);

	const staff = await phonePage(browser);
	await signIn(staff, demo.staff);
	await staff.goto('/personale/arrangementer');
	await expect(staff.getByRole('heading', { level: 1, name: 'Arrangementer og vagter' })).toBeVisible();
	await expectAccessible(staff);
	await staff.getByRole('link', { name: event.title }).click();
	await expect(staff.getByText('Dorthe Deltager', { exact: true })).toBeVisible();
	await expectAccessible(staff);
	await staff.getByRole('link', { name: 'Indtjek ved døren' }).click();
	await expectAccessible(staff);
	await staff.getByLabel('Billetkode').fill(code);
	await staff.getByRole('button', { name: 'Tjek ind' }).click();
	await expect(staff.getByRole('status')).toHaveText('Dorthe Deltager er tjekket ind.');
	await staff.getByLabel('Billetkode').fill(code);
	await staff.getByRole('button', { name: 'Tjek ind' }).click();
	await expect(staff.getByRole('alert')).toContainText('allerede tjekket ind');

	await page.reload();
	await expect(page.getByText('Du er tjekket ind.')).toBeVisible();
	await staff.context().close();
});

test('staff check a ticket in by scanning its QR code with the camera', async ({ page }) => {
	// starting within the hour: the door is open for check-in
	const event = await arrangeEvent(2, 10, new Date(Date.now() + 60 * 60_000));
	const attendee = await createPerson('Carl Kamera', false);
	const system = await systemClient();
	const [person] = (await system
		.collection('users')
		.getFullList({ filter: system.filter('email = {:e}', { e: attendee }) })) as { id: string }[];
	const ticket = await system
		.collection('registrations')
		.create<{ id: string; ticket_code: string }>({ event: event.id, user: person!.id });
	// the ticket's QR code as the phone shows it, held up to a camera: a video of it stands in for the camera
	const qr = await QRCode.toDataURL(ticket.ticket_code, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
	await page.addInitScript((image: string) => {
		const camera = async () => {
			const picture = new Image();
			picture.src = image;
			await picture.decode();
			const canvas = document.createElement('canvas');
			canvas.width = 400;
			canvas.height = 400;
			const context = canvas.getContext('2d')!;
			const draw = () => {
				context.fillStyle = '#fff';
				context.fillRect(0, 0, 400, 400);
				context.drawImage(picture, 40, 40);
			};
			draw();
			setInterval(draw, 100);
			return canvas.captureStream(10);
		};
		Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: camera }, configurable: true });
	}, qr);

	await signIn(page, demo.staff);
	await page.goto(`/personale/arrangementer/${event.id}/indtjek`);
	await page.getByRole('button', { name: 'Scan med kameraet' }).click();
	await expect(page.getByRole('status')).toHaveText('Carl Kamera er tjekket ind.');
	const stored = await system.collection('registrations').getOne(ticket.id);
	expect(stored.checked_in_at).not.toBe('');
});

test("staff cancel an attendee's registration and the next on the waitlist gets the place", async ({
	page
}) => {
	const event = await arrangeEvent(1, 1);
	const system = await systemClient();
	for (const name of ['Ea Afbud', 'Finn Venteliste']) {
		const user = await system
			.collection('users')
			.getFirstListItem(system.filter('email = {:e}', { e: await createPerson(name, false) }));
		await system.collection('registrations').create({ event: event.id, user: user.id });
	}
	await signIn(page, demo.staff);
	await page.goto(`/personale/arrangementer/${event.id}`);
	const attendees = page.getByRole('region', { name: 'Deltagere' });
	await expect(attendees.getByRole('listitem').filter({ hasText: 'Finn Venteliste' })).toContainText(
		'Venteliste nr. 1'
	);
	await attendees.getByRole('button', { name: 'Afmeld Ea Afbud' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Ja, afmeld Ea Afbud' }).click();
	await expect(attendees.getByRole('status')).toHaveText('Gemt.');
	await expect(page.locator('#attendees-heading')).toBeFocused();
	await expect(attendees.getByText('Ea Afbud')).toHaveCount(0);
	await expect(attendees.getByRole('listitem').filter({ hasText: 'Finn Venteliste' })).toContainText(
		'Bekræftet'
	);
	await expectAccessible(page);
});

test('staff move an event a day later and the attendee reads it in the inbox', async ({ page, browser }) => {
	const event = await arrangeEvent(1, 10);
	const attendee = await createPerson('Mads Mødeop', false);
	await signIn(page, attendee, PASSWORD);
	await page.goto(`/arrangementer/${event.id}`);
	await page.getByRole('button', { name: 'Tilmeld mig' }).click();
	await expect(page.getByTestId('registration-place')).toHaveText('Du er bekræftet');

	const staff = await phonePage(browser);
	await signIn(staff, demo.staff);
	await staff.goto(`/personale/arrangementer/${event.id}`);
	const form = staff.getByRole('region', { name: 'Ret arrangement' });
	const start = form.getByLabel('Start', { exact: true });
	const end = form.getByLabel('Slut', { exact: true });
	const dayLater = (value: string) => {
		const [date, time] = value.split('T') as [string, string];
		const next = new Date(`${date}T00:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		return `${next.toISOString().slice(0, 10)}T${time}`;
	};
	const start0 = (await (await systemClient()).collection('shifts').getFirstListItem(`event = "${event.id}"`))
		.start;
	const shiftTime = staff.getByTestId('shift-time');
	const shiftWas = await shiftTime.textContent();
	await expect(start).toHaveAccessibleDescription(/flytter vagter, der ikke er begyndt/);
	await start.fill(dayLater(await start.inputValue()));
	await end.fill(dayLater(await end.inputValue()));
	await form.getByRole('button', { name: 'Gem', exact: true }).click();
	await expect(form.getByText('Gemt.')).toBeVisible();
	// the event's shift (which began with it) moved along with it, and the page shows its new time
	const system = await systemClient();
	const moved = await system.collection('shifts').getFirstListItem(`event = "${event.id}"`);
	expect(moved.start).not.toBe(start0);
	expect(moved.start).toBe((await system.collection('events').getOne(event.id)).start);
	await expect(shiftTime).toHaveText(`${formatDateTime(moved.start, 'da')}–${formatTime(moved.end)}`);
	expect(await shiftTime.textContent()).not.toBe(shiftWas);

	await page.goto('/indbakke');
	await expect(page.getByText(`Flyttet: ${event.title}`)).toBeVisible();
	await expect(page.getByText('Din plads gælder stadig')).toBeVisible();
	await expectAccessible(page);

	// made a draft it would vanish from the attendee's ticket: the form offers no draft, and tells staff to
	// cancel it instead
	await expect(form.getByLabel('Status').getByRole('option', { name: 'Kladde' })).toHaveCount(0);
	await expect(form.getByText('Aflys det i stedet, så får de besked.')).toBeVisible();
	await expect(form.getByLabel('Status')).toHaveAccessibleDescription(/kan ikke gøres til en kladde/);
	await expectAccessible(staff);
});
