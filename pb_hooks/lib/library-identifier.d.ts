/** Types of library-identifier.js for the app and its tests. */
export function identifierKey(identifier: string, type: string): string;
