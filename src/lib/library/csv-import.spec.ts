import { describe, expect, it } from 'vitest';
import { planImport } from './csv-import';

describe('CSV import of titles', () => {
	it('accepts good rows with English or Danish columns and type names', () => {
		const plan = planImport(
			'Titel;Forfatter;År;Type;ISBN\nHavet;Karen Blix;2020;bog;978-1\nFilmen;;;film;\n'
		);
		expect(plan.rejected).toEqual([]);
		expect(plan.rows.map((r) => [r.line, r.data.title, r.data.type, r.data.year])).toEqual([
			[2, 'Havet', 'book', 2020],
			[3, 'Filmen', 'film', 0]
		]);
	});

	it('reports each rejected row with its line and reasons, and keeps the good ones', () => {
		const plan = planImport(
			'title,year,type\nGod,2001,book\n,1999,book\nUgyldigt år,tyve,book\nForkert type,2000,rumskib\n'
		);
		expect(plan.rows.map((r) => r.data.title)).toEqual(['God']);
		expect(plan.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
		// each reason names its column as the catalogue form does
		expect(plan.rejected[0]!.reasons[0]).toMatch(/^Titel: /);
		expect(plan.rejected[1]!.reasons[0]).toMatch(/^Udgivelsesår: /);
		expect(plan.rejected[2]!.reasons[0]).toMatch(/^Type: /);
	});

	it('counts lines as the file has them: a description over several lines, an empty line', () => {
		const plan = planImport(
			'title,description,year\n"Lang","Første linje\nanden linje\ntredje",2001\nEfter,,tyve\n\nSidst,,abc\n'
		);
		expect(plan.rows.map((r) => [r.line, r.data.title])).toEqual([[2, 'Lang']]);
		expect(plan.rejected.map((r) => [r.line, r.title])).toEqual([
			[5, 'Efter'],
			[7, 'Sidst']
		]);
		// the same with Windows line ends, a line of only commas, and no line break at the end
		const windows = planImport('title,description,year\r\n"Lang","a\r\nb",2001\r\n,,\r\nEfter,,tyve');
		expect(windows.rejected.map((r) => [r.line, r.title])).toEqual([[5, 'Efter']]);
		// and with the lone carriage returns of older spreadsheets
		expect(planImport('title,year\rGod,2001\rDårlig,x\r').rejected.map((r) => r.line)).toEqual([3]);
	});

	it('rejects a row with more or fewer fields than the header as a whole, and never also accepts it', () => {
		const plan = planImport(
			'title,creator,year\nAlfa,Forf,2001,EKSTRA\n"Beta",Forf,2002\nGamma\n"Delta, ""del 2""",Forf,2003\n'
		);
		expect(plan.rows.map((r) => [r.line, r.data.title])).toEqual([
			[3, 'Beta'],
			[5, 'Delta, "del 2"']
		]);
		expect(plan.rejected.map((r) => [r.line, r.title, r.reasons])).toEqual([
			[2, 'Alfa', ['Rækken har ikke lige så mange felter som overskriftsrækken.']],
			[4, 'Gamma', ['Rækken har ikke lige så mange felter som overskriftsrækken.']]
		]);
	});

	it('rejects the row with a broken quote, on its own line, and keeps the rows around it', () => {
		const unreadable = 'Rækken kan ikke læses. Tjek anførselstegnene.';
		const plan = planImport('title,year\n"Første "bog",1990\nAnden bog,1991\nTredje bog,1992\n');
		expect(plan.rows.map((r) => [r.line, r.data.title])).toEqual([
			[3, 'Anden bog'],
			[4, 'Tredje bog']
		]);
		expect(plan.rejected.map((r) => [r.line, r.reasons])).toEqual([[2, [unreadable]]]);
		// a quote never closed, after an empty line: its own line, and no line past the end
		const open = planImport('title,year\nA,2001\n\n"B,2002\n');
		expect(open.rows.map((r) => [r.line, r.data.title])).toEqual([[2, 'A']]);
		expect(open.rejected.map((r) => r.line)).toEqual([4]);
	});

	it('counts lines from where the header really ends: after a blank first line, or a header over two lines', () => {
		const blankFirst = planImport('\ntitle,year\n,2001\nB,2002\n');
		expect(blankFirst.rejected.map((r) => r.line)).toEqual([3]);
		expect(blankFirst.rows.map((r) => [r.line, r.data.title])).toEqual([[4, 'B']]);
		const twoLineHeader = planImport('"title\n",year\nA,1999\n');
		expect(twoLineHeader.rows.map((r) => r.line)).toEqual([3]);
	});

	it('finds the row of each broken quote in a large file', () => {
		const rows = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `"A "x${i}",1990` : `Titel ${i},1990`));
		const plan = planImport(`title,year\n${rows.join('\n')}\n`);
		// every other row of the first 2000 is broken: rejected on its own line, the others kept
		expect(plan.rows).toHaveLength(1000);
		expect(plan.rows.slice(0, 2).map((r) => r.line)).toEqual([2, 4]);
		expect(plan.rejected.slice(0, 2).map((r) => r.line)).toEqual([3, 5]);
	});

	it('rejects hostile lengths without failing', () => {
		const plan = planImport(`title\n${'x'.repeat(5000)}\n`);
		expect(plan.rows).toEqual([]);
		expect(plan.rejected).toHaveLength(1);
	});
});
