import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/**
 * The translated message for any check a schema left without one of its own, so a form never shows the
 * validation library's English default text. validateForm passes it to every parse; a schema's own
 * message (`{ error: () => m.… }`) still wins.
 */
export const translatedIssue: z.core.$ZodErrorMap = (issue) => {
	switch (issue.code) {
		case 'too_big':
			if (issue.origin === 'string') return m.errors_too_long({ max: Number(issue.maximum) });
			return m.errors_invalid_value();
		case 'too_small':
			if (issue.origin === 'string' && Number(issue.minimum) <= 1) return m.errors_required();
			return m.errors_invalid_value();
		case 'invalid_format':
			if (issue.format === 'email') return m.errors_email_invalid();
			return m.errors_invalid_value();
		default:
			return m.errors_invalid_value();
	}
};
