import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';

// The staff form of a season's set-up: a refused field is marked and names its error, so a screen reader
// reads the error with the field (docs/rules.md, "Season application round").

describe('the season set-up form', () => {
	it('ties each refused field to its error', async () => {
		const staff = await createUser({ staff: true });
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const answer = await session.post('/personale/saeson?/create', {
			name: 'Sæson uden tider',
			first_date: '2027-08-01',
			last_date: '2027-06-01',
			slots: 'ingen-sal man 17:00-18:00'
		});
		expect(answer.status).toBe(400);
		const html = await answer.text();
		const refused = [...html.matchAll(/<p class="error[^"]*" id="([a-z_]+)-error"/g)].map((m) => m[1]);
		expect(refused.length).toBeGreaterThan(0);
		for (const field of refused) {
			const control = new RegExp(`<(input|textarea|select)[^>]*\\bid="${field}"[^>]*>`).exec(html)?.[0];
			expect(control, field).toBeDefined();
			expect(control, field).toContain('aria-invalid="true"');
			expect(control, field).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error\\b`));
		}
	});
});
