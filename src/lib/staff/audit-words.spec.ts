import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { thingOf, verbOrChange } from './audit-words';

/** Every action name the server writes as a literal ('season_release', 'desk_card_set' ...). */
function literalActions(): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (path.endsWith('.js')) {
				const text = readFileSync(path, 'utf8');
				for (const match of text.matchAll(/staffAction\(\s*\w+,\s*\w+,\s*'([a-z_.]+)'/g))
					found.add(match[1]!);
				for (const match of text.matchAll(/action:\s*'([a-z_.]+)'/g)) found.add(match[1]!);
			}
		}
	};
	walk('pb_hooks');
	return [...found].filter((a) => !a.endsWith('_'));
}

describe('the audit log in words', () => {
	it('says a copy taken back at the library desk was returned, in the desk’s own word, not checked in as a room', () => {
		expect(verbOrChange('library_checkin', 'da')).toBe('indleverede:');
		expect(verbOrChange('bookings.check_in', 'da')).toBe('tjekkede ind:');
	});

	it('says what happened to a season, not its code', () => {
		expect(verbOrChange('season_release', 'da')).toBe('frigav de ledige tider i');
		expect(verbOrChange('season_release', 'en')).toBe('released the free times of');
		expect(verbOrChange('season_publish_final', 'da')).toBe('offentliggjorde den endelige fordeling af');
		expect(thingOf('seasons', 'da')).toBe('en sæson');
	});

	it('has words for every action the server writes by name, in both languages', () => {
		const actions = literalActions();
		expect(actions.length).toBeGreaterThan(5);
		for (const action of actions) {
			for (const language of ['da', 'en'] as const) {
				const verb = verbOrChange(action, language);
				expect(verb, `${action} (${language})`).not.toMatch(/_/);
				expect(verb, `${action} (${language})`).not.toBe('foretog en ændring af');
				expect(verb, `${action} (${language})`).not.toBe('made a change to');
			}
		}
	});

	it('still reads as words for an action or a collection it does not know', () => {
		expect(verbOrChange('something_new', 'da')).toBe('foretog en ændring af');
		expect(verbOrChange('something_new', 'en')).toBe('made a change to');
		expect(thingOf('season_things', 'da')).toBe('season things');
	});
});
