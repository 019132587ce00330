export function everyRowThroughBackRelation(filter: string | null | undefined): boolean;
export function tokens(filter: string): { kind: 'word' | 'text' | 'op' | 'other'; text: string }[] | null;
