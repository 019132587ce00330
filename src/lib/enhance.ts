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
	 * in the document) or a function of the form. Nothing given (or none of them in the page): focus stays
	 * where it was when the form was sent; when that element is gone, it goes to the form's own status
	 * message or the form, and when the form is gone too, to the nearest part of the page it was in.
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

/** Focuses an element that takes focus, without scrolling; answers whether it has focus now. */
function focusAgain(element: Element | null): boolean {
	if (!(element instanceof HTMLElement) || !element.isConnected || element === document.body) return false;
	element.focus({ preventScroll: true });
	return document.activeElement === element;
}

/**
 * After a successful action SvelteKit puts focus on the page's <body> (`applyAction` resets it as after a
 * navigation, and a redirect back to the same page is a navigation), so the next Tab starts over at
 * "Skip to content". Focus goes back where it was instead. When that element went away with the change
 * (a "Pause" that became "Resume", a row removed), focus goes to the form's status message or the form,
 * or, when the form went too, to the card, list item or section it was in.
 */
function keepFocus(form: HTMLFormElement, focused: Element | null, around: Element[]) {
	if (focusAgain(focused)) return;
	if (form.isConnected) {
		focusOn(form.querySelector<HTMLElement>('[role="status"]') ?? form);
		return;
	}
	// the card or list item the form was in when it is still there, else whatever part of the page is left
	const left = around.filter(
		(element) => element.isConnected && element !== document.body && element !== document.documentElement
	);
	const place = left.find((element) => element.matches('article, li, section, fieldset, main')) ?? left[0];
	if (place instanceof HTMLElement) focusOn(place);
}

/**
 * After a failed submit: a form that lists its problems together (ErrorSummary) gets focus on that list,
 * so every problem is read out at once and each links to its field. Otherwise the first invalid field gets
 * focus, and with it its message is read out (the field is aria-invalid and names its message through
 * aria-describedby). Without invalid fields the form's own alert (role=alert, read out at once) gets focus.
 * Answers whether something got focus.
 */
export function focusFirstProblem(form: HTMLFormElement): boolean {
	const summary = form.querySelector<HTMLElement>('[data-error-summary]');
	if (summary) {
		focusOn(summary);
		return true;
	}
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
		// where focus is, and the parts of the page around the form, for after success (keepFocus)
		const focusedAtSubmit = document.activeElement;
		const submittedFrom = location.pathname;
		const around: Element[] = [];
		for (let element = formElement.parentElement; element; element = element.parentElement) {
			around.push(element);
		}
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
				const active = document.activeElement;
				const focused = active && active !== document.body ? active : focusedAtSubmit;
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
				let moved = false;
				for (const target of targets) {
					const element = find(formElement, target);
					if (element) {
						focusOn(element);
						moved = true;
						break;
					}
				}
				// a redirect to the same page (/profil?gemt=1) is the page again; to another page, a navigation
				const samePage = result.type === 'redirect' && location.pathname === submittedFrom;
				if (!moved && (result.type === 'success' || samePage)) keepFocus(formElement, focused, around);
				const text = typeof options.announce === 'function' ? options.announce(result) : options.announce;
				if (text) announce(text);
			} finally {
				applied();
			}
		};
	};
}
