import Papa from 'papaparse';

/**
 * Rows as CSV in the spreadsheet dialect of the language: Danish spreadsheets read `;` between fields,
 * English ones `,`. A byte order mark makes spreadsheets read the Danish letters as UTF-8, and text that a
 * spreadsheet would run as a formula (an event called "=1+1") is escaped. Used by the server's CSV
 * downloads only: pages that show the same rows import nothing from here (papaparse stays off them).
 */
export function spreadsheetCsv(rows: (string | number)[][], language: 'da' | 'en'): string {
	return (
		'\uFEFF' +
		Papa.unparse(rows, {
			delimiter: language === 'da' ? ';' : ',',
			newline: '\r\n',
			escapeFormulae: FORMULA
		})
	);
}

/**
 * A value a spreadsheet would run as a formula: its first character is one that starts a formula. Papaparse's
 * own pattern (`escapeFormulae: true`) ends in `.*$` without the dot matching a line break, so a value
 * with a line break in it (an association's name) went through unescaped.
 */
const FORMULA = /^[=+\-@\t\r]/;
