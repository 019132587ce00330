import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, PASSWORD } from '../helpers/pocketbase';

describe('audit log of staff actions', () => {
	it('is shown to staff, filterable, and refused to citizens in the app and the API', async () => {
		const staff = await createUser({ staff: true, name: 'Revisor Rita' });
		const citizen = await createUser();
		const system = await systemClient();
		const action = `test.audit.${Date.now()}`;
		await system.collection('audit_log').create({
			actor: staff.record.id,
			action,
			target_collection: 'rooms',
			target_id: 'abc123',
			details: { reason: 'Rengøring' }
		});

		const staffSession = new AppSession();
		await staffSession.signIn(staff.email, PASSWORD);
		const page = await staffSession.get(`/personale/log?handling=${action}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(action);
		expect(html).toContain('Revisor Rita');
		// the target in words (an unknown room is "et lokale"), with the reason
		expect(html).toContain('et lokale');
		expect(html).toContain('Rengøring');

		const citizenSession = new AppSession();
		await citizenSession.signIn(citizen.email, PASSWORD);
		expect((await citizenSession.get('/personale/log')).status).toBe(403);
		const listed = await citizen.pb.collection('audit_log').getList(1, 50);
		expect(listed.items).toHaveLength(0);
		await expect(citizen.pb.collection('audit_log').create({ action: 'forged' })).rejects.toMatchObject({
			status: 403
		});
		await expect(staff.pb.collection('audit_log').create({ action: 'forged' })).rejects.toMatchObject({
			status: 403
		});
	});
});
