import Papa from 'papaparse';
import { titleSchema, type TitleInput } from '$lib/validation/library';
import { translatedIssue } from '$lib/validation/issues';
import { m } from '$lib/paraglide/messages';

/** Most rows one import may hold (a larger catalogue is loaded in parts). */
export const MAX_IMPORT_ROWS = 2000;

/** Danish type names accepted in a CSV file besides the codes. */
const TYPE_ALIASES: Record<string, string> = {
	bog: 'book',
	lydbog: 'audiobook',
	spil: 'game',
	blad: 'magazine',
	tidsskrift: 'magazine',
	ting: 'thing'
};

/** Column names accepted in Danish as well as in English. */
const COLUMN_ALIASES: Record<string, string> = {
	titel: 'title',
	forfatter: 'creator',
	ophav: 'creator',
	år: 'year',
	aar: 'year',
	sprog: 'language',
	isbn: 'identifier',
	emner: 'subjects',
	beskrivelse: 'description'
};

/** A title field's name as the catalogue form labels it, in the reader's language. */
export function fieldLabel(field: string): string {
	const labels: Record<string, () => string> = {
		title: m.library_field_title,
		creator: m.library_field_creator,
		type: m.library_field_type,
		year: m.library_field_year,
		language: m.library_field_language,
		identifier: m.library_field_identifier,
		subjects: m.library_field_subjects,
		description: m.library_field_description
	};
	return labels[field]?.() ?? field;
}

/** Line breaks as a file may have them: CRLF, LF or a lone CR (older spreadsheets). */
const BREAKS = /\r\n|\r|\n/g;

/** Where each data row starts in the file (an offset), and on which line (the header is line 1). */
interface RowStarts {
	offsets: number[];
	lines: number[];
}

/**
 * Where each row starts. A quoted field may hold line breaks, and empty or blank lines are skipped (before
 * the header too), so a row's line is not its index plus two: a row starts at the first line after the
 * previous row's end that is not blank (only spaces and delimiters, as the parser skips them). The file is
 * read once more without a header, so the header is the first row read and its end is known even when a
 * quoted name spans lines. Linear in the file: line breaks are counted from where the last count ended.
 */
function rowStarts(text: string, config: Papa.ParseConfig<Record<string, string>>): RowStarts {
	const offsets: number[] = [];
	const lines: number[] = [];
	let line = 1;
	let counted = 0;
	const lineAt = (offset: number) => {
		line += (text.slice(counted, offset).match(BREAKS) ?? []).length;
		counted = offset;
		return line;
	};
	let from = -1;
	// the blank lines the parser skips, once the delimiter is known
	let blank: RegExp | undefined;
	Papa.parse<string[]>(text, {
		delimiter: config.delimiter,
		skipEmptyLines: config.skipEmptyLines,
		header: false,
		step: (row) => {
			if (from >= 0) {
				if (!blank) {
					const delimiter = row.meta.delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
					blank = new RegExp(`(?:[ \\t${delimiter}]*(?:\\r\\n|\\r|\\n))*`, 'y');
				}
				blank.lastIndex = from;
				blank.exec(text);
				const start = Math.max(blank.lastIndex, counted);
				offsets.push(start);
				lines.push(lineAt(start));
			}
			from = row.meta.cursor;
		}
	});
	return { offsets, lines };
}

/**
 * The row (its index among the data rows) that holds a character of the file, by binary search. A broken
 * quote is reported by where it is: papaparse numbers such rows counting the header and the skipped empty
 * lines, unlike the rows it returns, so its row number would name the next row.
 */
function rowAtOffset(starts: RowStarts, offset: number | undefined): number {
	if (offset === undefined) return -1;
	let low = 0;
	let high = starts.offsets.length - 1;
	let row = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if ((starts.offsets[middle] ?? 0) <= offset) {
			row = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return row;
}

export interface ImportRejection {
	/** Line in the file (the header is line 1). */
	line: number;
	/** The title column as written, to recognise the row. */
	title: string;
	/** Translated reasons, "field: message". */
	reasons: string[];
}

export interface ImportPlan {
	rows: Array<{ line: number; data: TitleInput }>;
	rejected: ImportRejection[];
	tooMany: boolean;
}

/**
 * Reads a CSV file of titles (header row; columns title, creator, year, language, type, identifier,
 * subjects, description, in English or Danish) and checks each row with the title schema. A row is either
 * accepted or rejected, never both. Nothing is written here: the caller creates the accepted rows and
 * reports the rejected ones.
 */
export function planImport(text: string): ImportPlan {
	const content = text.replace(/^\uFEFF/, '');
	const config: Papa.ParseConfig<Record<string, string>> = {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (header) => {
			const name = header.trim().toLowerCase();
			return COLUMN_ALIASES[name] ?? name;
		}
	};
	const parsed = Papa.parse<Record<string, string>>(content, config);
	const starts = rowStarts(content, config);
	const lines = starts.lines;
	const rows: ImportPlan['rows'] = [];
	const rejected: ImportRejection[] = [];
	const records = parsed.data.slice(0, MAX_IMPORT_ROWS);
	// a row the parser could not read whole (more or fewer fields than the header, a broken quote) is
	// rejected as a whole: its fields may have slid into the wrong columns
	const unreadable = new Map<number, string>();
	for (const error of parsed.errors) {
		// a file of one column has no delimiter to find: read as it is
		if (error.type === 'Delimiter') continue;
		const reason =
			error.type === 'FieldMismatch' ? m.library_import_field_count() : m.library_import_unreadable();
		const row = error.type === 'Quotes' ? rowAtOffset(starts, error.index) : (error.row ?? -1);
		if (!unreadable.has(row)) unreadable.set(row, reason);
	}
	records.forEach((record, index) => {
		const line = lines[index] ?? index + 2;
		const problem = unreadable.get(index);
		if (problem !== undefined) {
			rejected.push({ line, title: String(record.title ?? '').slice(0, 100), reasons: [problem] });
			return;
		}
		const type = String(record.type ?? 'book')
			.trim()
			.toLowerCase();
		const values = {
			title: record.title ?? '',
			creator: record.creator ?? '',
			year: record.year ?? '',
			language: record.language ?? '',
			type: TYPE_ALIASES[type] ?? (type || 'book'),
			identifier: record.identifier ?? '',
			subjects: record.subjects ?? '',
			description: record.description ?? ''
		};
		const result = titleSchema.safeParse(values, { error: translatedIssue });
		if (result.success) rows.push({ line, data: result.data });
		else
			rejected.push({
				line,
				title: String(values.title).slice(0, 100),
				reasons: result.error.issues.map((issue) => `${fieldLabel(issue.path.join('.'))}: ${issue.message}`)
			});
	});
	// a problem of no row the import reads (the file as a whole, or past the rows read)
	for (const [index, reason] of unreadable) {
		if (index >= 0 && index < records.length) continue;
		if (index >= records.length && records.length === MAX_IMPORT_ROWS) continue;
		rejected.push({ line: Math.max(index, 0) + 2, title: '', reasons: [reason] });
	}
	rejected.sort((a, b) => a.line - b.line);
	return { rows, rejected, tooMany: parsed.data.length > MAX_IMPORT_ROWS };
}
