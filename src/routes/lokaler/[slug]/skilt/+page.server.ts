import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import type { DoorData, ScreenLanguage } from '$lib/screens/types';
import { doorData } from '$lib/screens/screens.server';
import { chosenLanguage } from '$lib/screens/types';
import { houseUnreachable } from '$lib/server/pocketbase';
import { followSlug } from '$lib/server/room-address';

// A room's door sign: public (no sign-in), only public data, with the QR code of the room's check-in page
// (docs/rules.md, "Door signs and the lobby screen"). `?format=a4|a5` lays it out for printing.
/** What the sign shows; no door while PocketBase does not answer (the page waits and loads again). */
interface SignData {
	door: DoorData | null;
	checkIn: string;
	qr: string;
	format: 'a4' | 'a5' | null;
	language: ScreenLanguage | null;
}

export const load: PageServerLoad = async ({ locals, params, url, request }): Promise<SignData> => {
	const asked = url.searchParams.get('format');
	const format: 'a4' | 'a5' | null = asked === 'a4' || asked === 'a5' ? asked : null;
	const language = chosenLanguage(url);
	let door;
	try {
		door = await doorData(locals.pb, params.slug);
	} catch (err) {
		if (houseUnreachable(err)) return { door: null, checkIn: '', qr: '', format: null, language };
		throw err;
	}
	// an old sign's address (a former slug): the room's sign now
	followSlug(params.slug, door.room.slug, { url, request });
	const checkIn = `${url.origin}/lokaler/${door.room.slug}/tjek-ind`;
	const qr = await QRCode.toString(checkIn, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return { door, checkIn, qr, format, language };
};
