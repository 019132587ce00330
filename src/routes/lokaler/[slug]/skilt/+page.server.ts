import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { doorData } from '$lib/screens/screens.server';
import { chosenLanguage } from '$lib/screens/types';

// A room's door sign: public (no sign-in), only public data, with the QR code of the room's check-in page
// (docs/rules.md, "Door signs and the lobby screen"). `?format=a4|a5` lays it out for printing.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const door = await doorData(locals.pb, params.slug);
	const checkIn = `${url.origin}/lokaler/${door.room.slug}/tjek-ind`;
	const qr = await QRCode.toString(checkIn, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	const format = url.searchParams.get('format');
	return {
		door,
		checkIn,
		qr,
		format: format === 'a4' || format === 'a5' ? format : null,
		language: chosenLanguage(url)
	};
};
