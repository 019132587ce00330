export function everyRowThroughBackRelation(filter: string | null | undefined): boolean;
