import type { EntryWords } from './labels';
import type { TimelineEntry } from './timeline';

type Language = 'da' | 'en';

/** Every word an overview card says of its entry (`EntryWords`), worded for that entry. */
export interface WordedEntry {
	kind: string;
	cancel: string;
	state: string;
	cancelNote: string;
	made: string;
	checkIn: string;
	question: string;
	consequence: string;
	undo: string;
	yes: string;
}

/**
 * An entry's words, worded by the server: the desk's cards come with theirs, so the desk's page loads
 * neither the desk's wording (`desk-words.ts`) nor the citizen's, which it builds on, with their texts
 * (docs/performance.md, "Every other page").
 */
export function wordEntry(entry: TimelineEntry, words: EntryWords, language: Language): WordedEntry {
	return {
		kind: words.kind(entry.kind),
		cancel: words.cancel(entry.kind),
		state: words.state(entry, language),
		cancelNote: words.cancelNote(entry, language),
		made: words.made(),
		checkIn: words.checkIn(),
		question: words.question(entry.kind),
		consequence: words.consequence(entry, language),
		undo: words.undo(entry.kind),
		yes: words.yes(entry.kind)
	};
}

/** The card's words from those the server worded for its entry (`wordEntry`). */
export function spoken(worded: WordedEntry): EntryWords {
	return {
		kind: () => worded.kind,
		cancel: () => worded.cancel,
		state: () => worded.state,
		cancelNote: () => worded.cancelNote,
		made: () => worded.made,
		checkIn: () => worded.checkIn,
		question: () => worded.question,
		consequence: () => worded.consequence,
		undo: () => worded.undo,
		yes: () => worded.yes
	};
}
