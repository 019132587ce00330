// The app's one polite live region (in the layout): what an action changed is read out here, once.

let message = $state('');
let timer: ReturnType<typeof setTimeout> | undefined;

/** The text the live region holds now. */
export function announcement(): string {
	return message;
}

/** Reads a message out politely; the same text twice in a row is read twice (cleared first). */
export function announce(text: string) {
	message = '';
	clearTimeout(timer);
	timer = setTimeout(() => (message = text), 50);
}
