/** A CVR number with a valid modulus-11 check digit, different (almost always) each time. */
export function validCvrNumber(): string {
	const weights = [2, 7, 6, 5, 4, 3, 2];
	for (;;) {
		const digits = [
			1 + Math.floor(Math.random() * 9),
			...Array.from({ length: 6 }, () => Math.floor(Math.random() * 10))
		];
		const check = (11 - (digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 11)) % 11;
		if (check < 10) return [...digits, check].join('');
	}
}
