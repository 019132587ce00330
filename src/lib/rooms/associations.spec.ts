import { describe, expect, it } from 'vitest';
import { normalizeCvr, validCvr } from '$rules/rooms-associations.js';

describe('CVR check digit', () => {
	it.each(['29403473', '12345674', '10000009', '2940 3473'])('accepts %s', (cvr) => {
		expect(validCvr(cvr)).toBe(true);
	});
	it.each(['29403474', '12345678', '0940347', '294034731', 'abcdefgh', '', '09403473'])(
		'refuses %s',
		(cvr) => {
			expect(validCvr(cvr)).toBe(false);
		}
	);
	it('stores digits only', () => {
		expect(normalizeCvr(' 2940 3473 ')).toBe('29403473');
	});
});
