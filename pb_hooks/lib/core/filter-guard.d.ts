export function everyRowThroughBackRelation(filter: string | null | undefined): boolean;
export function sortsThroughBackRelation(sort: string | null | undefined): boolean;
export interface FieldSpec {
	name: string;
	type?: string;
	hidden?: boolean;
	collectionId?: string;
}
export interface CollectionSpec {
	type: string;
	fields: FieldSpec[];
}
export function namesHiddenField(
	text: string | null | undefined,
	collection: CollectionSpec,
	collectionOf: (nameOrId: string) => CollectionSpec | null
): boolean;
