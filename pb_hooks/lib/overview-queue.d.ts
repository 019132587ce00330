/** Hold id -> place in the queue, for one patron's waiting and paused holds (PocketBase hook code). */
export function queuePlaces(app: unknown, patronId: string): Record<string, number>;
