/**
 * A CVR number with a valid modulus-11 check digit, different each time within a test run: the house
 * refuses a second verified association with the same number, and random numbers met each other now and
 * then among a run's thousands of associations. The number is made of the process id (processes that run
 * at the same time have different ids, and a run does not go through nine thousand of them between two
 * that make associations) and a count within the process.
 */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
let count = 0;

export function validCvrNumber(): string {
	for (;;) {
		if (count >= 1000) throw new Error('validCvrNumber: more than a thousand numbers in one process');
		const body = 1_000_000 + (process.pid % 9000) * 1000 + count++;
		const digits = String(body).split('').map(Number);
		const check = (11 - (digits.reduce((s, d, i) => s + d * WEIGHTS[i]!, 0) % 11)) % 11;
		if (check < 10) return [...digits, check].join('');
	}
}
