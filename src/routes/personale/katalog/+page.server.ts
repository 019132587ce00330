import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { TitleRecord } from '$lib/pocketbase-types';
import { refusalCodes, toFormErrors } from '$lib/errors';
import { requireStaff } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import { MAX_IMPORT_ROWS, fieldLabel, planImport, type ImportRejection } from '$lib/library/csv-import';
import { anyFieldFilter } from '$lib/library/search';
import { MAX_IMPORT_BYTES } from '$lib/uploads';
import type { TitleInput } from '$lib/validation/library';
import { identifierKey } from '$rules/library-identifier.js';
import type PocketBase from 'pocketbase';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const search = anyFieldFilter(q, ['title', 'identifier', 'creator']);
	const result = await locals.pb.collection('titles').getList<TitleRecord>(1, 30, {
		filter: search.filter ? locals.pb.filter(search.filter, search.params) : '',
		sort: search.filter ? 'title' : '-created',
		skipTotal: true,
		fields: 'id,title,creator,identifier'
	});
	// the limit comes with the data: the module that holds it parses CSV (papaparse, zod), server-side only
	return { q, titles: result.items, maxImportRows: MAX_IMPORT_ROWS };
};

/**
 * Whether the catalogue has a title with the same identifier, title, creator, type and year. The filter
 * asks for the title itself; PocketBase refuses a filter holding "@request." or "@collection.", so a
 * title with an '@' is narrowed by its pieces between any '@' (as the catalogue's search does) instead.
 * The exact comparison is made on what the filter finds: a short title ("Is") narrowed by a piece alone
 * matched more than a page of longer titles and was never compared, so it was added again on each import.
 */
async function sameTitle(pb: PocketBase, data: TitleInput): Promise<boolean> {
	const search = anyFieldFilter(data.title, ['title']);
	const filter = [
		pb.filter('type = {:type} && year = {:year}', { type: data.type, year: data.year }),
		!data.title.includes('@')
			? pb.filter('title = {:title}', { title: data.title })
			: search.filter
				? pb.filter(search.filter, search.params)
				: ''
	]
		.filter(Boolean)
		.join(' && ');
	const candidates = await pb.collection('titles').getList<TitleRecord>(1, 200, {
		filter,
		fields: 'title,creator,identifier',
		skipTotal: true
	});
	return candidates.items.some(
		(t) =>
			t.title === data.title &&
			(t.creator ?? '') === (data.creator ?? '') &&
			(t.identifier ?? '') === (data.identifier ?? '')
	);
}

export const actions: Actions = {
	// CSV import: every row is checked; good rows are created with the staff member's own rights (each
	// audited by the hook), rows already in the catalogue (by ISBN, or without one by all their known
	// fields) are counted, and rejected rows are listed with their line and reason.
	import: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, {
				action: 'import' as const,
				values: {},
				errors: { fields: { file: m.library_import_no_file() } }
			});
		}
		if (file.size > MAX_IMPORT_BYTES) {
			return fail(400, {
				action: 'import' as const,
				values: {},
				errors: { fields: { file: m.library_import_too_big() } }
			});
		}
		const plan = planImport(await file.text());
		const rejected: ImportRejection[] = [...plan.rejected];
		let created = 0;
		// rows whose ISBN or number a title already has (a file imported twice, a row given twice): told
		// apart from errors, as nothing is wrong with them
		const existing: number[] = [];
		for (const row of plan.rows) {
			try {
				// a row whose identifier is no key (none given, a magazine's) is the same title when every
				// field a title is known by is the same: the file imported again, or the row given twice
				if (
					identifierKey(row.data.identifier, row.data.type) === '' &&
					(await sameTitle(locals.pb, row.data))
				) {
					existing.push(row.line);
					continue;
				}
				await locals.pb.collection('titles').create(row.data);
				created++;
			} catch (err) {
				if (refusalCodes(err).includes('library_identifier_taken')) {
					existing.push(row.line);
					continue;
				}
				const errors = toFormErrors(err);
				rejected.push({
					line: row.line,
					title: row.data.title,
					reasons: [
						errors.form ?? '',
						...Object.entries(errors.fields).map(([k, v]) => `${fieldLabel(k)}: ${v}`)
					].filter(Boolean)
				});
			}
		}
		rejected.sort((a, b) => a.line - b.line);
		return { action: 'import' as const, imported: { created, existing, rejected, tooMany: plan.tooMany } };
	}
};
