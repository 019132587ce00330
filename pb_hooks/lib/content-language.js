// The house's own texts (an event's title and description, a room's and a shift's description) are
// written in Danish, with an optional English version (docs/rules.md, "Languages"). One choice of which
// to show, shared by the PocketBase hooks and the SvelteKit app.

/**
 * The text a reader of `language` sees: the English version on an English page when one is written, else
 * the Danish, then marked `lang: 'da'` (on an English page), so a screen reader reads it as Danish.
 * @param {string} da
 * @param {string | null | undefined} en
 * @param {string} language
 * @returns {{ text: string, lang?: 'da' }}
 */
function contentText(da, en, language) {
	const danish = typeof da === 'string' ? da : '';
	if (language !== 'en') return { text: danish };
	if (typeof en === 'string' && en.trim() !== '') return { text: en };
	return danish === '' ? { text: '' } : { text: danish, lang: 'da' };
}

/**
 * A record's text as a message parameter in both languages (`{ da, en }`, lib/notify.js paramText): the
 * English reader gets the English version, or the Danish when there is none.
 * @param {{ getString(field: string): string }} record
 * @param {string} field the Danish field; its English version is `<field>_en`
 */
function contentParam(record, field) {
	const da = record.getString(field);
	return { da, en: contentText(da, record.getString(field + '_en'), 'en').text };
}

module.exports = { contentText, contentParam };
