/**
 * The sizes the house takes in uploads, in one place. A picture (a room's photos, an event's picture, a
 * title's cover) may be up to MAX_FILE_BYTES: PocketBase's file fields hold the same limit (a test reads
 * them), so the API refuses what the form would. One save sends at most MAX_UPLOAD_BYTES of files, which
 * the app's body limit (BODY_SIZE_LIMIT) leaves room for.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The catalogue's CSV import reads the whole file in the app, so it takes less. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * Whether a form's file field holds a file someone chose. A file input with nothing chosen sends one empty
 * file without a name; a chosen file goes to PocketBase whatever it holds (an empty one too), so its
 * field's checks (type, size) answer at the field.
 */
export function isChosenFile(value: FormDataEntryValue | null): value is File {
	return value instanceof File && (value.name !== '' || value.size > 0);
}

/** Bytes as whole megabytes, for messages ("5 MB"). */
export function megabytes(bytes: number): number {
	return Math.round(bytes / (1024 * 1024));
}

export type UploadProblem =
	{ kind: 'file'; name: string; max: number } | { kind: 'total'; max: number } | null;

/** What is wrong with a choice of files for one field: one too large, or all of them together. */
export function uploadProblem(
	files: ArrayLike<{ name: string; size: number }>,
	maxFile: number,
	maxTotal: number
): UploadProblem {
	let total = 0;
	for (const file of Array.from(files)) {
		if (file.size > maxFile) return { kind: 'file', name: file.name, max: megabytes(maxFile) };
		total += file.size;
	}
	return total > maxTotal ? { kind: 'total', max: megabytes(maxTotal) } : null;
}
