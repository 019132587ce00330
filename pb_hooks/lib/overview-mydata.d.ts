/** Everything the house holds about one user, in plain JSON (PocketBase hook code). */
export function myDataFor(app: unknown, userId: string, now: Date): Record<string, unknown>;
/** Every field of the schema that names an account, with the section of Mine data that exports its rows. */
export const USER_FIELDS: Record<string, string>;
