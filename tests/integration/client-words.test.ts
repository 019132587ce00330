import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { overview_data_audit_takeover } from '../../src/lib/paraglide/messages/overview_data_audit_takeover.js';
import { overview_data_membership_declined } from '../../src/lib/paraglide/messages/overview_data_membership_declined.js';
import { events_staff_passed_over_overlap } from '../../src/lib/paraglide/messages/events_staff_passed_over_overlap.js';

// Words that pages write on the server, so that the browser does not load them (docs/performance.md,
// "Every other page"): Mine data's rows and the staff's roster of an event. Brought back into a page's own
// code they cost it kilobytes of script on its first load; no file the browser gets holds them.

const client = path.resolve('.svelte-kit/output/client/_app/immutable');

function scripts(dir: string): string[] {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) =>
			entry.isDirectory()
				? scripts(path.join(dir, entry.name))
				: entry.name.endsWith('.js')
					? [path.join(dir, entry.name)]
					: []
		);
}

describe('words worded on the server', () => {
	it('are in no script file of the build, in either language', () => {
		const texts = (['da', 'en'] as const).flatMap((locale) => [
			overview_data_audit_takeover({}, { locale }),
			overview_data_membership_declined({}, { locale }),
			events_staff_passed_over_overlap({}, { locale })
		]);
		const files = scripts(client);
		expect(files.length).toBeGreaterThan(50);
		const found = files.flatMap((file) => {
			const code = fs.readFileSync(file, 'utf8');
			return texts.filter((text) => code.includes(text)).map((text) => `${path.basename(file)}: ${text}`);
		});
		expect(found).toEqual([]);
	});
});
