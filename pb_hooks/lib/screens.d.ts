export interface Claim {
	start: number;
	end: number;
	kind: string;
	label: string;
	/** held but not on: a request still waiting for staff (or a draft event, which reads as one) */
	tentative?: boolean;
}

export interface DoorState {
	state: 'busy' | 'free' | 'closed';
	current: Claim | null;
	next: Claim | null;
	freeUntil: number | null;
	opensAt: number | null;
}

export function doorState(input: {
	now: number;
	claims: Claim[];
	open: number[][];
	closures: number[][];
}): DoorState;
