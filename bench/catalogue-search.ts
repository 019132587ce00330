// Catalogue search at 10,000 and 100,000 titles (three copies each): the searches and title pages the
// app makes, timed from the client against its own PocketBase. Ends with
// `catalogue-search: p50_ms_10k=.. p99_ms_10k=.. p50_ms_100k=.. p99_ms_100k=..`.
import PocketBase from 'pocketbase';
import { percentile, startBenchStack } from './_stack';
import { catalogueFilter } from '../src/lib/library/search';

const WORDS = [
	'hav',
	'skov',
	'nat',
	'sommer',
	'vinter',
	'by',
	'fjord',
	'lys',
	'mørke',
	'hjem',
	'rejse',
	'krig',
	'fred',
	'kærlighed',
	'hemmelighed',
	'stjerne',
	'sten',
	'vind',
	'regn',
	'ild',
	'drøm',
	'bog',
	'sang',
	'have',
	'vej',
	'bro',
	'ø',
	'kyst',
	'mark',
	'himmel',
	'fugl',
	'hest',
	'ulv',
	'bjørn',
	'ræv',
	'hus',
	'slot',
	'kirke',
	'tårn'
];
const NAMES = ['Hansen', 'Jensen', 'Nielsen', 'Pedersen', 'Andersen', 'Larsen', 'Sørensen', 'Rasmussen'];
const FIRST = ['Karen', 'Anne', 'Peter', 'Lars', 'Mette', 'Søren', 'Ida', 'Jonas', 'Freja', 'Mads'];
const TYPES = ['book', 'book', 'book', 'audiobook', 'film', 'game', 'magazine', 'thing'] as const;
const SUBJECTS = [
	'roman',
	'krimi',
	'historie',
	'natur',
	'børn',
	'kogebog',
	'biografi',
	'rejser',
	'musik',
	'sport'
];

let seed = 42;
function random() {
	seed = (seed * 1103515245 + 12345) % 2147483648;
	return seed / 2147483648;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const titleId = (n: number) => `t${String(n).padStart(14, '0')}`;

async function load(system: PocketBase, from: number, to: number) {
	// The superuser-only bulk route (pb_hooks/library.pb.js) writes 1,000 titles and their copies per call.
	const CHUNK = 1000;
	const chunks: Array<[number, number]> = [];
	for (let start = from; start < to; start += CHUNK) chunks.push([start, Math.min(to, start + CHUNK)]);
	let next = 0;
	await Promise.all(
		[0, 1].map(async () => {
			while (next < chunks.length) {
				const [start, end] = chunks[next++]!;
				const titles = [];
				for (let n = start; n < end; n++) {
					titles.push({
						id: titleId(n),
						title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${n}`,
						creator: `${pick(FIRST)} ${pick(NAMES)}`,
						year: 1950 + Math.floor(random() * 75),
						type: pick(TYPES),
						language: 'da',
						identifier: `978${String(n).padStart(10, '0')}`,
						subjects: `${pick(SUBJECTS)} ${pick(SUBJECTS)}`,
						copies: [0, 1, 2].map((c) => ({
							barcode: `B${n}-${c}`,
							shelf: 'A',
							status: random() < 0.3 ? 'missing' : 'shelf'
						}))
					});
				}
				await system.send('/api/library/bulk-load', { method: 'POST', body: { titles } });
			}
		})
	);
}

/** The app's search query (src/routes/bibliotek/+page.server.ts, src/lib/library/search.ts). */
async function search(pb: PocketBase, q: string, type: string, available: boolean) {
	const { filter, params } = catalogueFilter({ q, type, ledig: available });
	await pb.collection('titles').getList(1, 20, {
		filter: pb.filter(filter, params),
		sort: 'title',
		skipTotal: true,
		fields: 'id,title,creator,year,type,cover,on_shelf'
	});
}

/** The app's title page: the title, its copies and its queue. */
async function titlePage(pb: PocketBase, id: string) {
	await Promise.all([
		pb.collection('titles').getOne(id),
		pb
			.collection('copies')
			.getFullList({ filter: pb.filter('title = {:t}', { t: id }), fields: 'id,shelf,status' }),
		pb.send(`/api/library/queue/${id}`, { method: 'GET' })
	]);
}

async function measure(pbUrl: string, titles: number): Promise<number[]> {
	const pb = new PocketBase(pbUrl);
	pb.autoCancellation(false);
	const times: number[] = [];
	const byKind: Record<string, number[]> = {};
	let kindName = '';
	const time = async (fn: () => Promise<unknown>) => {
		const start = performance.now();
		await fn();
		const ms = performance.now() - start;
		times.push(ms);
		(byKind[kindName] ??= []).push(ms);
	};
	for (let i = 0; i < 20; i++) await search(pb, pick(WORDS), '', false); // warm up
	for (let i = 0; i < 200; i++) {
		const kind = i % 5;
		kindName = ['word', 'creator+type', 'subject+available', 'identifier', 'title page'][kind]!;
		if (kind === 0) await time(() => search(pb, pick(WORDS), '', false));
		else if (kind === 1) await time(() => search(pb, `${pick(FIRST)} ${pick(NAMES)}`, pick(TYPES), false));
		else if (kind === 2) await time(() => search(pb, pick(SUBJECTS), '', true));
		else if (kind === 3)
			await time(() =>
				search(pb, `978${String(Math.floor(random() * titles)).padStart(10, '0')}`, '', false)
			);
		else await time(() => titlePage(pb, titleId(Math.floor(random() * titles))));
	}
	for (const [name, list] of Object.entries(byKind)) {
		console.log(
			`  ${titles} titles, ${name}: p50 ${percentile(list, 50).toFixed(1)} ms, p99 ${percentile(list, 99).toFixed(1)} ms`
		);
	}
	return times;
}

const stack = await startBenchStack();
try {
	await stack.system.settings.update({
		batch: { enabled: true, maxRequests: 1000, timeout: 60, maxBodySize: 0 }
	});
	let started = performance.now();
	await load(stack.system, 0, 10_000);
	console.log(`loaded 10,000 titles in ${Math.round(performance.now() - started)} ms`);
	const small = await measure(stack.pbUrl, 10_000);
	started = performance.now();
	await load(stack.system, 10_000, 100_000);
	console.log(`loaded 100,000 titles in ${Math.round(performance.now() - started)} ms`);
	const large = await measure(stack.pbUrl, 100_000);
	const f = (n: number) => n.toFixed(1);
	console.log(
		`catalogue-search: p50_ms_10k=${f(percentile(small, 50))} p99_ms_10k=${f(percentile(small, 99))} ` +
			`p50_ms_100k=${f(percentile(large, 50))} p99_ms_100k=${f(percentile(large, 99))}`
	);
} finally {
	await stack.stop();
}
