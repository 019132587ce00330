import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_UPLOAD_BYTES, megabytes, uploadProblem } from './uploads';

const file = (name: string, size: number) => ({ name, size });

describe('uploadProblem', () => {
	it('takes files within the limits, up to the byte', () => {
		expect(uploadProblem([], MAX_FILE_BYTES, MAX_UPLOAD_BYTES)).toBeNull();
		expect(
			uploadProblem(
				[file('a.jpg', MAX_FILE_BYTES), file('b.jpg', MAX_FILE_BYTES)],
				MAX_FILE_BYTES,
				MAX_UPLOAD_BYTES
			)
		).toBeNull();
	});

	it('names the first file that is too large', () => {
		expect(
			uploadProblem(
				[file('a.jpg', 10), file('stor.jpg', MAX_FILE_BYTES + 1)],
				MAX_FILE_BYTES,
				MAX_UPLOAD_BYTES
			)
		).toEqual({ kind: 'file', name: 'stor.jpg', max: 5 });
	});

	it('says when the files are too large together', () => {
		const four = 4 * 1024 * 1024;
		expect(
			uploadProblem([file('a', four), file('b', four), file('c', four)], MAX_FILE_BYTES, MAX_UPLOAD_BYTES)
		).toEqual({ kind: 'total', max: 10 });
	});

	it('gives megabytes as whole numbers', () => {
		expect(megabytes(MAX_UPLOAD_BYTES)).toBe(10);
		expect(megabytes(2 * 1024 * 1024)).toBe(2);
	});
});
