import { m } from '$lib/paraglide/messages';
import type { TitleRecord } from '$lib/pocketbase-types';

/** Translated name of a catalogue type. */
export function titleTypeLabel(type: TitleRecord['type']): string {
	switch (type) {
		case 'audiobook':
			return m.library_type_audiobook();
		case 'film':
			return m.library_type_film();
		case 'game':
			return m.library_type_game();
		case 'magazine':
			return m.library_type_magazine();
		case 'thing':
			return m.library_type_thing();
		default:
			return m.library_type_book();
	}
}
