import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { overview_data_audit_takeover } from '../../src/lib/paraglide/messages/overview_data_audit_takeover.js';
import { overview_data_membership_declined } from '../../src/lib/paraglide/messages/overview_data_membership_declined.js';
import { events_staff_passed_over_overlap } from '../../src/lib/paraglide/messages/events_staff_passed_over_overlap.js';
import { m } from '../../src/lib/paraglide/messages.js';

// Words that pages write on the server, so that the browser does not load them (docs/performance.md,
// "Every other page"): Mine data's rows, the staff's roster of an event and the desk's page of a citizen.
// Brought back into a page's own
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

	// the desk's page of a citizen: its headings, labels, hints, buttons and what its forms say when done
	// (src/lib/server/desk-words.ts); not those other pages say too ("Book et lokale", "Dato")
	it("are in no script file of the build: the desk's page of a citizen, in either language", () => {
		const desk = [
			m.desk_receipt_link,
			m.desk_data_link,
			m.desk_card_button,
			m.desk_card_saved,
			m.desk_takeover_heading,
			m.desk_takeover_lead,
			m.desk_takeover_button,
			m.desk_takeover_pending_heading,
			m.desk_takeover_again_button,
			m.desk_takeover_done,
			m.desk_overview_heading,
			m.desk_overview_empty,
			m.desk_done,
			m.desk_checked_in,
			m.desk_checked_out,
			m.desk_override,
			m.desk_override_confirm,
			m.desk_override_hint,
			m.desk_act_heading,
			m.desk_book_button,
			m.desk_hold_heading,
			m.desk_title_search,
			m.desk_title_search_button,
			m.desk_no_titles,
			m.desk_lend_heading,
			m.desk_lend_code,
			m.desk_lend_button,
			m.desk_nothing_to_choose,
			m.desk_register_heading,
			m.desk_register_button,
			m.desk_signup_heading,
			m.desk_signup_button,
			m.desk_delete_heading,
			m.desk_delete_lead,
			m.desk_delete_button,
			m.desk_delete_consequence,
			m.desk_delete_undo,
			m.desk_delete_yes
		];
		const texts = (['da', 'en'] as const).flatMap((locale) => desk.map((message) => message({}, { locale })));
		const found = scripts(client).flatMap((file) => {
			const code = fs.readFileSync(file, 'utf8');
			return texts.filter((text) => code.includes(text)).map((text) => `${path.basename(file)}: ${text}`);
		});
		expect(found).toEqual([]);
	});
});
