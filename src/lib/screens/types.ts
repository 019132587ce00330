/**
 * A claim on a room as the public screens see it (room_busy): when, its public label or '', and whether it
 * is tentative: it holds the room but is not on (a request still waiting for staff; a draft event reads as
 * one). The lobby lists none; a door sign shows its time as reserved and awaiting approval.
 */
export interface PublicClaim {
	start: number;
	end: number;
	kind: string;
	label: string;
	tentative: boolean;
}

/** GET /api/borgerhus/screens/lobby */
export interface LobbyData {
	now: number;
	date: string;
	events: { title: string; category: string; start: number; end: number; room: string }[];
	rooms: (PublicClaim & { room: string; slug: string })[];
}

/**
 * A claim on a door sign: in a room that requires check-in, a claim of kind `booking` that is not tentative
 * also carries its check-in window (ms), computed by the server from the check-in rule; otherwise null.
 */
export interface DoorClaim extends PublicClaim {
	checkin: { opens: number; closes: number } | null;
}

/** GET /api/borgerhus/screens/rooms/{slug} */
export interface DoorData {
	now: number;
	/** `checkinGraceMinutes`: how long after its start a booking waits for its check-in (null: no check-in) */
	room: { name: string; slug: string; checkin: boolean; checkinGraceMinutes: number | null };
	state: 'busy' | 'free' | 'closed';
	current: DoorClaim | null;
	/** whether the booking on now (`current`, with a check-in window) was checked in; never of another claim */
	checkedIn: boolean;
	next: DoorClaim | null;
	freeUntil: number | null;
	opensAt: number | null;
	today: DoorClaim[];
}

export type ScreenLanguage = 'da' | 'en';

/** `?sprog=da|en` fixes the language; anything else alternates. */
export function chosenLanguage(url: URL): ScreenLanguage | null {
	const asked = url.searchParams.get('sprog');
	return asked === 'da' || asked === 'en' ? asked : null;
}
