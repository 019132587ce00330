/** A claim on a room as the public screens see it (room_busy): when, and its public label or ''. */
export interface PublicClaim {
	start: number;
	end: number;
	kind: string;
	label: string;
}

/** GET /api/borgerhus/screens/lobby */
export interface LobbyData {
	now: number;
	date: string;
	events: { title: string; category: string; start: number; end: number; room: string }[];
	rooms: (PublicClaim & { room: string; slug: string })[];
}

/** GET /api/borgerhus/screens/rooms/{slug} */
export interface DoorData {
	now: number;
	room: { name: string; slug: string; checkin: boolean };
	state: 'busy' | 'free' | 'closed';
	current: PublicClaim | null;
	next: PublicClaim | null;
	freeUntil: number | null;
	opensAt: number | null;
	today: PublicClaim[];
}

export type ScreenLanguage = 'da' | 'en';

/** `?sprog=da|en` fixes the language; anything else alternates. */
export function chosenLanguage(url: URL): ScreenLanguage | null {
	const asked = url.searchParams.get('sprog');
	return asked === 'da' || asked === 'en' ? asked : null;
}
