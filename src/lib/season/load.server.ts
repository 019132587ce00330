import { error } from '@sveltejs/kit';
import type PocketBase from 'pocketbase';
import type { LineReason, SeasonSlot } from '$rules/season/allocate.js';

// Reads of the season round for the pages; every write goes through the season routes.

export interface SeasonView {
	id: string;
	name: string;
	status: string;
	first_date: string;
	last_date: string;
	apply_from: string;
	apply_until: string;
	objection_until: string;
	slots: SeasonSlot[];
	blackout_dates: string[];
	tiers: string[];
	local_criteria: { key: string; da: string; en: string }[];
	tie_breakers: string[];
	leftovers: string;
	second_until?: string;
	swap_approval: boolean;
	previous: string;
}

export interface LineView {
	id: string;
	association: string;
	application: string;
	activity: string;
	activity_name: string;
	tier: string;
	status: string;
	via: string;
	wish: number;
	slot: string;
	room: string;
	weekday: string;
	start_time: string;
	end_time: string;
	every: number;
	parity: number;
	participants: number;
	reason: LineReason | null;
	booked: number;
	skipped: { date: string; code: string }[] | null;
	series: string;
	/** 2 for a line of the second round. */
	round: number;
}

export async function loadSeason(pb: PocketBase, id: string): Promise<SeasonView> {
	try {
		return await pb.collection('seasons').getOne<SeasonView>(id);
	} catch {
		error(404);
	}
}

/**
 * The season's rooms in one read: their names by id, and the ones out of use (`active` false), whose times
 * the application takes no new wish for.
 */
export async function seasonRooms(
	pb: PocketBase,
	season: SeasonView
): Promise<{ names: Record<string, string>; outOfUse: string[] }> {
	const ids = [...new Set((season.slots ?? []).map((s) => s.room))];
	if (!ids.length) return { names: {}, outOfUse: [] };
	const rooms = await pb.collection('rooms').getFullList<{ id: string; name: string; active: boolean }>({
		filter: ids.map((id) => pb.filter('id = {:id}', { id })).join(' || '),
		fields: 'id,name,active'
	});
	return {
		names: Object.fromEntries(rooms.map((r) => [r.id, r.name])),
		outOfUse: rooms.filter((r) => !r.active).map((r) => r.id)
	};
}

/** The names of the season's rooms by id. */
export async function roomNames(pb: PocketBase, season: SeasonView): Promise<Record<string, string>> {
	return (await seasonRooms(pb, season)).names;
}

/** The names of associations by id (the ones the reader may see). */
export async function associationNames(pb: PocketBase, ids: string[]): Promise<Record<string, string>> {
	const unique = [...new Set(ids.filter(Boolean))];
	const out: Record<string, string> = {};
	for (let i = 0; i < unique.length; i += 50) {
		const chunk = unique.slice(i, i + 50);
		const rows = await pb.collection('associations').getFullList<{ id: string; name: string }>({
			filter: chunk.map((id) => pb.filter('id = {:id}', { id })).join(' || '),
			fields: 'id,name'
		});
		for (const r of rows) out[r.id] = r.name;
	}
	return out;
}

export interface PlanRow {
	slot: string;
	room_name: string;
	weekday: string;
	start: string;
	end: string;
	every: number;
	parity: number;
	association: string;
}

export interface Plan {
	season: {
		id: string;
		name: string;
		first_date: string;
		last_date: string;
		status: string;
		leftovers: string;
		second_until: string;
		blackout_dates: string[];
	};
	rows: PlanRow[];
	/** `every` 2: held every other week, free in the weeks of `parity` */
	free: Omit<PlanRow, 'association'>[];
	free_dates: {
		slot: string;
		date: string;
		room_name: string;
		weekday: string;
		start: string;
		end: string;
	}[];
	/** Asked for an association: the code the hook refuses its claims of the leftovers with, '' if none. */
	claim_refused?: string;
	/** Asked for an association in an open second round: the code the hook refuses its application with, '' if none. */
	apply_refused?: string;
}

/**
 * The season's public plan; given an association, with what the hook would answer its claims of the
 * leftovers (`claim_refused`), so the page offers no claim the hook would refuse.
 */
export async function loadPlan(pb: PocketBase, id: string, association = ''): Promise<Plan | null> {
	const query = association ? `?association=${encodeURIComponent(association)}` : '';
	try {
		return await pb.send<Plan>(`/api/borgerhus/seasons/${encodeURIComponent(id)}/plan${query}`, {
			method: 'GET'
		});
	} catch {
		return null;
	}
}
