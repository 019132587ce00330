/** Sends every reminder due at `now` that was not sent before (PocketBase hook code). */
export function runReminders(
	app: unknown,
	now?: Date
): { booking: number; shift: number; pickup: number; loan: number };
export const TEXTS: Record<
	'booking' | 'shift' | 'pickup' | 'loan',
	Record<'da' | 'en', { title: string; body: string }>
>;
