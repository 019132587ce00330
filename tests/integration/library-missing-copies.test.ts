// A copy that is not where its shelf says (docs/rules.md, "Library", "A copy at the desk"): lying at the desk on
// a pickup shelf.
import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';
import type { CopyRecord } from '../../src/lib/pocketbase-types';
import { arrangeTitle, checkIn, placeHold } from './library-helpers';

const text = (html: string) =>
	html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describe('a copy at the desk', () => {
	it('shows the public a copy left on a pickup shelf as at the desk, without the pickup shelf', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const a = await createUser();
		const hold = await placeHold(a.pb, title.id, a.record.id);
		const checked = await checkIn(staff.pb, copies[0]!.barcode); // on pickup shelf R..
		await a.pb.collection('holds').update(hold.id, { status: 'cancelled' });

		const page = text(await (await new AppSession().get(`/bibliotek/${title.id}`)).text());
		expect(page).toContain('Ved skranken');
		expect(page).not.toContain('Hylde A1');
		expect(page).not.toContain(checked.pickupShelf);
		// the API says the same to anyone, and keeps the pickup shelf for staff
		const seen = await a.pb.collection('copies').getOne<CopyRecord>(copies[0]!.id);
		expect(seen.at_desk).toBe(true);
		expect(seen.on_pickup_shelf).toBeUndefined();

		// put back on its shelf by the desk: on its shelf again for everyone
		await checkIn(staff.pb, copies[0]!.barcode);
		const back = text(await (await new AppSession().get(`/bibliotek/${title.id}`)).text());
		expect(back).toContain('Hylde A1');
		expect(back).not.toContain('Ved skranken');
	});
});
