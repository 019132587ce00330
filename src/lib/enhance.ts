import { tick } from 'svelte';
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { announce } from '$lib/announce.svelte';
import { applyingForm } from '$lib/live.svelte';
import { connection, isNetworkFailure } from '$lib/connection.svelte';
import { m } from '$lib/paraglide/messages';

type Target = string | ((form: HTMLFormElement) => HTMLElement | null | undefined);

export interface FocusingOptions {
	/**
	 * Where focus goes after a successful action, the first that is in the page: a CSS selector (looked up
	 * in the document) or a function of the form. Nothing given: focus stays where it is.
	 */
	focus?: Target | Target[];
	/**
	 * What is read out after a successful action (the layout's polite live region), for a change the page
	 * does not say itself. Nothing given: the page's own success message (FormMessage, a polite status) says it.
	 */
	announce?: string | ((result: ActionResult) => string | undefined);
	/** Whether the form is emptied after success (SvelteKit's default: yes). */
	reset?: boolean;
	/** Runs after the page has the result, before focus moves (e.g. to empty a bound field). */
	then?: (result: ActionResult) => void;
}

function find(form: HTMLFormElement, target: Target): HTMLElement | null {
	const element =
		typeof target === 'string' ? document.querySelector<HTMLElement>(target) : (target(form) ?? null);
	return element && element.isConnected ? element : null;
}

/** Focuses an element that may not take focus by itself (a heading, a message), without scrolling away. */
export function focusOn(element: HTMLElement) {
	if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) {
		element.setAttribute('tabindex', '-1');
	}
	element.focus();
	element.scrollIntoView?.({ block: 'nearest' });
}

/**
 * After a failed submit: the first invalid field gets focus, and with it its message is read out (the
 * field is aria-invalid and names its message through aria-describedby). Without invalid fields the
 * form's own alert (role=alert, read out at once) gets focus. Answers whether something got focus.
 */
export function focusFirstProblem(form: HTMLFormElement): boolean {
	const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
	if (field) {
		field.focus();
		return true;
	}
	const alert =
		form.querySelector<HTMLElement>('[role="alert"]') ??
		document.querySelector<HTMLElement>('main [role="alert"]');
	if (alert) {
		focusOn(alert);
		return true;
	}
	return false;
}

/**
 * Says beside the form itself that the house did not answer, for whoever sent it at the bottom of a long
 * page and does not see the notice at the top. Visible text only: the notice's live region (and
 * `announce` for a failure again) reads it out, once. The next submit of the form takes it away.
 */
function noteUnreachable(form: HTMLFormElement) {
	let note = form.querySelector<HTMLElement>(':scope > [data-unreachable]');
	if (!note) {
		note = document.createElement('p');
		note.className = 'error';
		note.dataset.unreachable = '';
		form.append(note);
	}
	note.textContent = m.offline_unreachable();
}

/**
 * The app's `use:enhance` with focus management (docs/rules.md, "Keyboard and screen reader"): after
 * success focus goes where the work continues and what changed is announced; after a failure the first
 * invalid field gets focus and its message is read out. Use as `use:enhance={focusing({ ... })}`.
 */
export function focusing(options: FocusingOptions = {}): SubmitFunction {
	return ({ formElement, cancel }) => {
		// a file already said to be too large (FileField) is not sent: its message is there, focus goes to it
		const tooLarge = formElement.querySelector<HTMLInputElement>('input[type="file"][data-too-large]');
		if (tooLarge) {
			cancel();
			tooLarge.focus();
			return;
		}
		formElement.querySelector(':scope > [data-unreachable]')?.remove();
		// live reloads wait until the result is shown and focus has moved (src/lib/live.svelte.ts)
		const applied = applyingForm();
		return async ({ result, update }) => {
			try {
				// the house did not answer: the page and what was typed stay, the notice at the top and a line
				// beside the form say so
				if (result.type === 'error' && isNetworkFailure(result.error)) {
					// the notice's live region says it the first time; a second failure is read out again here
					if (connection.unreachable) announce(m.offline_unreachable());
					connection.unreachable = true;
					noteUnreachable(formElement);
					return;
				}
				connection.unreachable = false;
				await update({ reset: options.reset ?? true });
				options.then?.(result);
				await tick();
				if (result.type === 'failure') {
					focusFirstProblem(formElement);
					return;
				}
				if (result.type === 'error') return;
				const targets =
					options.focus === undefined ? [] : Array.isArray(options.focus) ? options.focus : [options.focus];
				for (const target of targets) {
					const element = find(formElement, target);
					if (element) {
						focusOn(element);
						break;
					}
				}
				const text = typeof options.announce === 'function' ? options.announce(result) : options.announce;
				if (text) announce(text);
			} finally {
				applied();
			}
		};
	};
}
