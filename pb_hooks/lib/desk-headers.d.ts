export const SPELLING: { x_borgerhus_for: string; x_borgerhus_override: string };
export function ruleName(name: string): string;
export function readDeskHeaders(headers: Record<string, string[]> | null | undefined): {
	citizen: string;
	override: string;
	problem: boolean;
};
