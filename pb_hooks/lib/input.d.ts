export interface FieldSpec {
	name: string;
	type: string;
	required?: boolean;
	system?: boolean;
	hidden?: boolean;
	autogeneratePattern?: string;
	max?: number | null;
	min?: number | null;
	onlyInt?: boolean;
	values?: string[];
	maxSelect?: number;
	collectionId?: string;
}
export interface Problem {
	code: string;
	field: string;
}
export function dateProblem(value: string): string;
export function phoneProblem(value: string): string;
export function textProblem(value: string, max: number, oneLine?: boolean, identity?: boolean): string;
export function checkBody(
	fields: FieldSpec[],
	body: unknown,
	options: { create: boolean; exists: (collectionId: string, id: string) => boolean; serverSet?: string[] }
): Problem | null;
