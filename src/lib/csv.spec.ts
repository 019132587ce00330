import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from './csv';

describe('spreadsheetCsv', () => {
	it('escapes text a spreadsheet would run as a formula, also when it spans lines', () => {
		const csv = spreadsheetCsv(
			[
				['=1+1', '+45 12', '-x', '@SUM(A1)', '\tTAB'],
				['=HYPERLINK("http://evil.example/x","Klub")\nNB', 'Nørreby Boldklub', 'a=b', -5]
			],
			'da'
		);
		const [first, second] = csv.replace('\uFEFF', '').split('\r\n');
		expect(first).toBe(`"'=1+1";"'+45 12";"'-x";"'@SUM(A1)";"'\tTAB"`);
		expect(second).toBe(`"'=HYPERLINK(""http://evil.example/x"",""Klub"")\nNB";Nørreby Boldklub;a=b;-5`);
	});

	it('writes the dialect of the language', () => {
		expect(spreadsheetCsv([['a', 'b']], 'en')).toBe('\uFEFFa,b');
		expect(spreadsheetCsv([['a', 'b']], 'da')).toBe('\uFEFFa;b');
	});
});
