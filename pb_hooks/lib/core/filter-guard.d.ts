export function everyRowThroughBackRelation(filter: string | null | undefined): boolean;
export function sortsThroughBackRelation(sort: string | null | undefined): boolean;
