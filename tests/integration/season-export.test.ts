import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, type TestUser } from '../helpers/pocketbase';
import { activity, club, makeSeason, seasonRooms, send, slotId } from './season-arrange';

// The season's allocation as the leisure committee reads it, through the app: the CSV download in the
// reader's spreadsheet dialect and the printable document, for staff only (docs/rules.md, "Season
// application round").

async function signedIn(user: TestUser): Promise<AppSession> {
	const session = new AppSession();
	expect((await session.signIn(user.email, user.password)).status).toBe(303);
	return session;
}

async function draftedSeason() {
	const staff = await createUser({ staff: true });
	const rooms = await seasonRooms();
	const season = await makeSeason(staff, rooms);
	const [kids, tricky] = await Promise.all([club(), club()]);
	await send(kids.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
		declared_section4: true,
		declared_child_certificates: true,
		association: kids.id,
		activities: [activity('U10 træning', [slotId(rooms.big, 'mon', '17:00')], { age_group: 'children' })]
	});
	// a name a spreadsheet would run as a formula
	await send(tricky.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
		declared_section4: true,
		association: tricky.id,
		activities: [activity('=1+1', [slotId(rooms.small, 'tue', '17:00')])]
	});
	await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
	await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
	return { staff, kids, tricky, season };
}

describe('the season allocation export', () => {
	it('is a CSV file in the reader’s spreadsheet dialect and a printable document, for staff only', async () => {
		const { staff, kids, tricky, season } = await draftedSeason();
		const desk = await signedIn(staff);

		const danish = await desk.get(`/personale/saeson/${season}/eksport.csv`);
		expect(danish.status).toBe(200);
		expect(danish.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(danish.headers.get('content-disposition')).toBe(`attachment; filename="saeson-${season}.csv"`);
		const bytes = new Uint8Array(await danish.arrayBuffer());
		// a byte order mark, so that spreadsheets read the Danish letters as UTF-8
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).split('\r\n');
		expect(lines[0]).toBe('Forening;Aktivitet;Prioritet;Status;Tid;Ønske nr.;Datoer;Begrundelse');
		const kidsLine = lines.find((l) => l.includes('U10 træning'));
		expect(kidsLine?.startsWith(`${kids.name};U10 træning;`)).toBe(true);
		expect(kidsLine).toContain(';Tildelt;');
		// staff read of the association's wish, not "Jeres ønske" (the association's own page says that)
		expect(kidsLine).toContain('Foreningens ønske 1.');
		expect(lines.join('\n')).not.toContain('Jeres ønske');
		const trickyLine = lines.find((l) => l.startsWith(`${tricky.name};`));
		expect(trickyLine).toContain(';"\'=1+1";');
		expect(lines).toHaveLength(3);

		const document = await desk.get(`/personale/saeson/${season}/dokument`);
		expect(document.status).toBe(200);
		const html = await document.text();
		expect(html).toMatch(/<th scope="col"[^>]*>Forening<\/th>/);
		expect(html).toContain('U10 træning');
		expect(html).toContain(kids.name);

		expect((await desk.post('/sprog', { language: 'en', redirectTo: '/' })).status).toBe(303);
		const english = await desk.get(`/personale/saeson/${season}/eksport.csv`);
		const englishLines = (await english.text()).split('\r\n');
		expect(englishLines[0]?.replace(/^\uFEFF/, '')).toBe(
			'Association,Activity,Priority,Status,Time,Wish no.,Dates,Reason'
		);
		expect(englishLines.find((l) => l.includes('U10 træning'))).toContain(',Allocated,');

		// the association's admin is a citizen: refused, and a guest is sent to sign in
		const citizen = await signedIn(kids.admin);
		expect((await citizen.get(`/personale/saeson/${season}/eksport.csv`)).status).toBe(403);
		expect((await citizen.get(`/personale/saeson/${season}/dokument`)).status).toBe(403);
		const guest = await new AppSession().get(`/personale/saeson/${season}/eksport.csv`);
		expect(guest.status).toBe(303);
		expect(guest.headers.get('location')).toMatch(/^\/log-ind/);
	});
});
