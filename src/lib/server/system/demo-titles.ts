// 200 catalogue titles for the demo house: well-known Danish works first, then generated ones.

type TitleType = 'book' | 'audiobook' | 'film' | 'game' | 'magazine' | 'thing';

export interface DemoTitle {
	title: string;
	creator: string;
	year: number;
	language: string;
	type: TitleType;
	identifier: string;
	subjects: string;
	description: string;
}

const KNOWN: Array<[string, string, number, TitleType, string]> = [
	['Kongens Fald', 'Johannes V. Jensen', 1901, 'book', 'roman historie klassiker'],
	['Pelle Erobreren', 'Martin Andersen Nexø', 1910, 'book', 'roman arbejderliv bornholm klassiker'],
	['Fru Marie Grubbe', 'J.P. Jacobsen', 1876, 'book', 'roman historie klassiker'],
	['Niels Lyhne', 'J.P. Jacobsen', 1880, 'book', 'roman klassiker'],
	['Lykke-Per', 'Henrik Pontoppidan', 1904, 'book', 'roman klassiker dannelse'],
	['Eventyr og historier', 'H.C. Andersen', 1874, 'book', 'eventyr børn klassiker'],
	['Babettes gæstebud', 'Karen Blixen', 1958, 'book', 'novelle mad klassiker'],
	['Den afrikanske farm', 'Karen Blixen', 1937, 'book', 'erindringer afrika'],
	['Barndommens gade', 'Tove Ditlevsen', 1943, 'book', 'roman københavn opvækst'],
	['Gift', 'Tove Ditlevsen', 1971, 'book', 'erindringer'],
	['Det forsømte forår', 'Hans Scherfig', 1940, 'book', 'roman skole krimi'],
	['Frøken Smillas fornemmelse for sne', 'Peter Høeg', 1992, 'book', 'roman krimi grønland'],
	['Kvinden i buret', 'Jussi Adler-Olsen', 2007, 'book', 'krimi afdeling q'],
	['Fasandræberne', 'Jussi Adler-Olsen', 2008, 'book', 'krimi afdeling q'],
	['Bag Gud', 'Harald Voetmann', 2014, 'book', 'roman'],
	['Alt det jeg ikke ved', 'Naja Marie Aidt', 2019, 'book', 'noveller'],
	['Hærværk', 'Tom Kristensen', 1930, 'book', 'roman klassiker københavn'],
	['Digte 1957', 'Klaus Rifbjerg', 1957, 'book', 'digte lyrik'],
	['Sommerfugledalen', 'Inger Christensen', 1991, 'book', 'digte lyrik sonetter'],
	['Det', 'Inger Christensen', 1969, 'book', 'digte lyrik'],
	['Halfdans ABC', 'Halfdan Rasmussen', 1967, 'book', 'børn rim alfabet'],
	['Rasmus Klump', 'Carla og Vilhelm Hansen', 1951, 'book', 'børn tegneserie'],
	['Ternet Ninja', 'Anders Matthesen', 2016, 'book', 'børn humor'],
	['Bamses billedbog', 'Carl Erik Søya', 1950, 'book', 'børn'],
	['Kogebog for alle', 'Danske Hjem', 2015, 'book', 'mad opskrifter'],
	['Haven året rundt', 'Camilla Plum', 2012, 'book', 'have grøntsager'],
	['Lær at strikke', 'Marianne Isager', 2018, 'book', 'strik håndarbejde'],
	['Danmarkshistorie for alle', 'Bo Lidegaard', 2011, 'book', 'historie danmark'],
	['Kongens Fald', 'Johannes V. Jensen', 2014, 'audiobook', 'roman historie klassiker lydbog'],
	['Barndommens gade', 'Tove Ditlevsen', 2020, 'audiobook', 'roman københavn lydbog'],
	['Festen', 'Thomas Vinterberg', 1998, 'film', 'drama dogme'],
	['Jagten', 'Thomas Vinterberg', 2012, 'film', 'drama'],
	['Druk', 'Thomas Vinterberg', 2020, 'film', 'drama komedie'],
	['Olsen-banden', 'Erik Balling', 1968, 'film', 'komedie klassiker familie'],
	['Babettes gæstebud', 'Gabriel Axel', 1987, 'film', 'drama mad'],
	['Flammen & Citronen', 'Ole Christian Madsen', 2008, 'film', 'historie besættelsen'],
	['Catan', 'Klaus Teuber', 1995, 'game', 'brætspil strategi'],
	['Ticket to Ride Europa', 'Alan R. Moon', 2005, 'game', 'brætspil familie'],
	['Alfapet', 'Alga', 1990, 'game', 'brætspil ord'],
	['Wingspan', 'Elizabeth Hargrave', 2019, 'game', 'brætspil fugle natur'],
	['Politiken Weekend', 'Politiken', 2026, 'magazine', 'avis weekend'],
	['Illustreret Videnskab', 'Bonnier', 2026, 'magazine', 'videnskab natur'],
	['Boremaskine med slagfunktion', 'Bosch', 2022, 'thing', 'værktøj boremaskine'],
	['Symaskine', 'Husqvarna', 2021, 'thing', 'symaskine håndarbejde'],
	['Stige, 3 meter', 'Zarges', 2020, 'thing', 'værktøj stige'],
	['Højtryksrenser', 'Nilfisk', 2023, 'thing', 'rengøring have'],
	['Projektor', 'Epson', 2022, 'thing', 'projektor film'],
	['Telt til fire personer', 'Nordisk', 2021, 'thing', 'friluftsliv telt camping'],
	['Kikkert 8x42', 'Zeiss', 2019, 'thing', 'natur fugle'],
	['Stegeso', 'Weber', 2020, 'thing', 'have grill']
];

const GIVEN = [
	'Anna',
	'Mads',
	'Ida',
	'Jonas',
	'Freja',
	'Oliver',
	'Karen',
	'Søren',
	'Maja',
	'Emil',
	'Sara',
	'Niels'
];
const FAMILY = [
	'Nielsen',
	'Jensen',
	'Hansen',
	'Pedersen',
	'Andersen',
	'Christensen',
	'Larsen',
	'Sørensen',
	'Rasmussen',
	'Holm'
];
const OPENINGS = [
	'Lyset over',
	'Vinteren i',
	'Huset ved',
	'Stemmer fra',
	'Sommeren på',
	'Vejen til',
	'Stilheden i',
	'Drømmen om',
	'Byen under',
	'Sporene fra'
];
const PLACES = [
	'Limfjorden',
	'Vesterhavet',
	'Søhøj',
	'Torvet',
	'Skagen',
	'Møns Klint',
	'Nørreby',
	'Himmelbjerget',
	'Fanø',
	'Kongeåen',
	'Heden',
	'Havnen',
	'Skoven',
	'Marsken',
	'Bornholm'
];
const SUBJECTS = [
	'roman',
	'krimi',
	'slægtsroman',
	'natur',
	'historie',
	'kærlighed',
	'krig',
	'rejse',
	'børn',
	'ungdom'
];

/** ISBN-13 with a valid check digit, derived from a number. */
function isbn13(n: number): string {
	const body = `978877${String(n).padStart(6, '0')}`;
	const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
	return body + String((10 - (sum % 10)) % 10);
}

/** The 200 demo titles, deterministic so that every demo house is the same. */
export function demoTitles(): DemoTitle[] {
	const titles: DemoTitle[] = KNOWN.map(([title, creator, year, type, subjects], i) => ({
		title,
		creator,
		year,
		language: 'dansk',
		type,
		identifier: type === 'book' || type === 'audiobook' ? isbn13(i + 1) : '',
		subjects,
		description: `${title} af ${creator} (${year}).`
	}));
	for (let i = 0; titles.length < 200; i++) {
		const title = `${OPENINGS[i % OPENINGS.length]} ${PLACES[(i * 7) % PLACES.length]}`;
		const creator = `${GIVEN[(i * 5) % GIVEN.length]} ${FAMILY[(i * 3) % FAMILY.length]}`;
		const suffix = i >= OPENINGS.length * PLACES.length ? ` ${Math.floor(i / 150) + 1}` : '';
		const subject = SUBJECTS[i % SUBJECTS.length] ?? 'roman';
		titles.push({
			title: title + suffix,
			creator,
			year: 1985 + (i % 40),
			language: i % 9 === 0 ? 'engelsk' : 'dansk',
			type: i % 11 === 0 ? 'audiobook' : 'book',
			identifier: isbn13(1000 + i),
			subjects: `${subject} ${PLACES[(i * 7) % PLACES.length]?.toLowerCase() ?? ''}`,
			description: `Om ${subject}, af ${creator}.`
		});
	}
	return titles;
}
