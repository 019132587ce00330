import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { TitleRecord } from '$lib/pocketbase-types';
import { refusalCodes, toFormErrors } from '$lib/server/errors';
import { requireStaff } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import { MAX_IMPORT_ROWS, fieldLabel, planImport, type ImportRejection } from '$lib/library/csv-import';
import { anyFieldFilter } from '$lib/library/search';
import { MAX_IMPORT_BYTES } from '$lib/uploads';

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
				// a row whose identifier is no key (none given, a magazine's) is refused by the hook when a
				// title with all the same known fields is stored (the file imported again, the row given twice)
				await locals.pb.collection('titles').create(row.data, { query: { unlisted: 1 } });
				created++;
			} catch (err) {
				if (refusalCodes(err).some((c) => c === 'library_identifier_taken' || c === 'library_title_listed')) {
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
