import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import type { EventRecord, RegistrationRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { RECORD_ID } from '$lib/ids';
import { myPlaces } from '$lib/events/queries';
import { getLocale } from '$lib/paraglide/runtime';
import { contentText } from '$rules/content-language.js';

// The ticket is rendered whole on the server, QR code included as a data URL, so the page needs nothing
// else once it has been opened (the service worker may keep it for offline use at the door).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals, url);
	if (!RECORD_ID.test(params.id)) error(404);
	let registration: RegistrationRecord & { expand?: { event?: EventRecord } };
	try {
		registration = await locals.pb.collection('registrations').getOne(params.id, { expand: 'event.room' });
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404);
		throw err;
	}
	const event = registration.expand?.event;
	const qr =
		registration.status === 'confirmed'
			? await QRCode.toDataURL(registration.ticket_code, { errorCorrectionLevel: 'M', margin: 2, width: 320 })
			: '';
	// a row cancelled and registered again waits at the back: its place in the queue, read as the event page does
	const position =
		registration.status === 'waitlisted'
			? (await myPlaces(locals.pb)).registrations[registration.id]
			: undefined;
	return {
		ticket: {
			id: registration.id,
			status: registration.status,
			// a place staff cancelled is not one its holder withdrew from
			cancelledByHouse: registration.status === 'cancelled' && registration.cancelled_by_house === true,
			// nor is a place on the waitlist staff took them off
			offWaitlistByHouse: registration.status === 'cancelled' && registration.off_waitlist_by_house === true,
			position,
			code: registration.ticket_code,
			checkedInAt: registration.checked_in_at,
			qr,
			eventId: registration.event,
			// the English title on an English page when there is one (docs/rules.md, "Languages")
			title: contentText(event?.title ?? '', event?.title_en, getLocale()),
			eventState: event?.state ?? '',
			start: event?.start ?? '',
			end: event?.end ?? '',
			room: (event?.expand as { room?: { name: string } } | undefined)?.room?.name ?? ''
		}
	};
};
