// Made-up forum text for the benchmark: Markdown bodies in Swedish, Danish and English (about a third
// each), thread titles and people, all from a seeded generator so two runs at one scale build the same
// forum. The three lexicons say the same things, as a destination's businesses on both sides of the
// Sound would, so the search scenarios run the same kind of query in each language's configuration.

export type Random = () => number;

/** mulberry32: small, fast and good enough to shape test data; not for anything secret. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const SV = {
  link: 'länken',
  code: 'kod',
  subjects: [
    'Vi',
    'Kajakuthyrningen',
    'Fiskeguiden',
    'Stugbyn',
    'Kommunen',
    'Turistbyrån',
    'Vandrarhemmet',
    'Caféet i hamnen',
    'Föreningen',
    'Min granne',
    'Gästerna',
    'Ingen av oss',
    'Konstnärerna på ön',
    'Skärgårdsbåten',
  ],
  verbs: [
    'har provat',
    'planerar',
    'behöver',
    'letar efter',
    'rekommenderar',
    'har bokat',
    'diskuterar',
    'saknar',
    'har byggt om',
    'tänker sälja',
    'vill samarbeta kring',
    'har äntligen fått',
  ],
  objects: [
    'en ny brygga',
    'fler dubbelkajaker',
    'bättre skyltning längs leden',
    'ett gemensamt bokningssystem',
    'guidade turer i maj',
    'en karta över fiskeplatserna',
    'el till husbilsplatserna',
    'en större båt till turerna',
    'sommarpersonal',
    'paketpriser för skolklasser',
    'en hemsida på tyska',
    'vinteröppet',
  ],
  endings: [
    'innan säsongen börjar',
    'till midsommar',
    'i år',
    'om vädret tillåter',
    'tillsammans med grannarna',
    'utan att höja priserna',
    'för första gången',
    'som förra sommaren',
    'trots regnet',
    'efter mötet i tisdags',
  ],
  questions: [
    'Har någon erfarenhet av detta?',
    'Vad tycker ni?',
    'Finns det bidrag att söka?',
    'Hur löser ni det hos er?',
    'Någon som vet vem man ska kontakta?',
    'Är det värt pengarna?',
  ],
  headings: ['Bakgrund', 'Vad vi har provat', 'Priser', 'Förslag', 'Tider', 'Erfarenheter', 'Nästa steg'],
  listItems: [
    'boka i god tid',
    'ta med flytväst',
    'fråga efter gruppris',
    'kolla tidvattnet',
    'parkering vid kyrkan',
    'lunch ingår',
    'max tolv personer',
    'hundar är välkomna',
    'kontant eller Swish',
    'samling kl. 9 vid bryggan',
  ],
  titleTopics: [
    'Säsongsstart på Kajakön',
    'Samarbete kring bokningar',
    'Fisketurer för nybörjare',
    'Nya regler för fritidsfiske',
    'Gemensam marknadsföring',
    'Höstlovsaktiviteter',
    'Vem hyr ut cyklar?',
    'Erfarenheter av Airbnb',
    'Skyltning vid riksvägen',
    'Personal till sommaren',
    'Midsommarfirande i hamnen',
    'Kulturnatten i oktober',
    'Båttrafiken efter september',
    'Avgifter för gästhamnen',
  ],
};

const DA = {
  link: 'linket',
  code: 'kode',
  subjects: [
    'Vi',
    'Kajakudlejningen',
    'Fiskeguiden',
    'Feriehusbyen',
    'Kommunen',
    'Turistkontoret',
    'Vandrerhjemmet',
    'Caféen ved havnen',
    'Foreningen',
    'Min nabo',
    'Gæsterne',
    'Ingen af os',
    'Kunstnerne på øen',
    'Øfærgen',
  ],
  verbs: [
    'har prøvet',
    'planlægger',
    'har brug for',
    'leder efter',
    'anbefaler',
    'har booket',
    'diskuterer',
    'mangler',
    'har bygget om',
    'overvejer at sælge',
    'vil samarbejde om',
    'har endelig fået',
  ],
  objects: [
    'en ny badebro',
    'flere dobbeltkajakker',
    'bedre skiltning langs ruten',
    'et fælles bookingsystem',
    'guidede ture i maj',
    'et kort over fiskepladserne',
    'strøm til autocamperpladserne',
    'en større båd til turene',
    'sommerpersonale',
    'pakkepriser for skoleklasser',
    'en hjemmeside på tysk',
    'vinteråbent',
  ],
  endings: [
    'inden sæsonen starter',
    'til sankthans',
    'i år',
    'hvis vejret tillader det',
    'sammen med naboerne',
    'uden at hæve priserne',
    'for første gang',
    'ligesom sidste sommer',
    'trods regnen',
    'efter mødet i tirsdags',
  ],
  questions: [
    'Er der nogen, der har erfaring med det?',
    'Hvad synes I?',
    'Kan man søge tilskud?',
    'Hvordan klarer I det hos jer?',
    'Ved nogen, hvem man skal kontakte?',
    'Er det pengene værd?',
  ],
  headings: ['Baggrund', 'Hvad vi har prøvet', 'Priser', 'Forslag', 'Tider', 'Erfaringer', 'Næste skridt'],
  listItems: [
    'book i god tid',
    'tag redningsvest med',
    'spørg efter grupperabat',
    'tjek tidevandet',
    'parkering ved kirken',
    'frokost er inkluderet',
    'højst tolv personer',
    'hunde er velkomne',
    'kontant eller MobilePay',
    'mødested kl. 9 ved broen',
  ],
  titleTopics: [
    'Sæsonstart på Kajakøen',
    'Samarbejde om bookinger',
    'Fisketure for begyndere',
    'Nye regler for fritidsfiskeri',
    'Fælles markedsføring',
    'Aktiviteter i efterårsferien',
    'Hvem udlejer cykler?',
    'Erfaringer med Airbnb',
    'Skiltning ved hovedvejen',
    'Personale til sommeren',
    'Sankthans på havnen',
    'Kulturnat i oktober',
    'Færgesejlads efter september',
    'Gebyrer i gæstehavnen',
  ],
};

const EN = {
  link: 'the link',
  code: 'code',
  subjects: [
    'We',
    'The kayak rental',
    'Our fishing guide',
    'The cabin village',
    'The council',
    'The visitor centre',
    'The hostel',
    'The harbour café',
    'Our association',
    'My neighbour',
    'Our guests',
    'None of us',
    'The island artists',
    'The ferry company',
  ],
  verbs: [
    'have tried',
    'are planning',
    'need',
    'are looking for',
    'recommend',
    'have booked',
    'are discussing',
    'miss',
    'have rebuilt',
    'plan to sell',
    'want to work together on',
    'finally got',
  ],
  objects: [
    'a new jetty',
    'more double kayaks',
    'better signs along the trail',
    'a shared booking system',
    'guided tours in May',
    'a map of the fishing spots',
    'power for the camper pitches',
    'a bigger boat for the tours',
    'summer staff',
    'package prices for school classes',
    'a website in German',
    'winter opening hours',
  ],
  endings: [
    'before the season starts',
    'by midsummer',
    'this year',
    'weather permitting',
    'together with the neighbours',
    'without raising prices',
    'for the first time',
    'like last summer',
    'despite the rain',
    "after Tuesday's meeting",
  ],
  questions: [
    'Does anyone have experience with this?',
    'What do you think?',
    'Are there grants to apply for?',
    'How do you handle it?',
    'Does anyone know whom to contact?',
    'Is it worth the money?',
  ],
  headings: ['Background', 'What we tried', 'Prices', 'Proposal', 'Times', 'Experience', 'Next steps'],
  listItems: [
    'book early',
    'bring a life jacket',
    'ask for group rates',
    'check the tides',
    'parking by the church',
    'lunch included',
    'twelve people at most',
    'dogs welcome',
    'cash or card',
    'meet at 9 by the jetty',
  ],
  titleTopics: [
    'Season opening on Kayak Island',
    'Working together on bookings',
    'Fishing trips for beginners',
    'New rules for recreational fishing',
    'Joint marketing',
    'Autumn half-term activities',
    'Who rents out bikes?',
    'Experiences with Airbnb',
    'Signs by the main road',
    'Staff for the summer',
    'Midsummer in the harbour',
    'Culture night in October',
    'Ferries after September',
    'Guest harbour fees',
  ],
};

type Lexicon = typeof SV;

/** The languages the bench writes in, as posts.lang names them. */
export type BenchLanguage = 'sv' | 'da' | 'en';
export const BENCH_LANGUAGES: readonly BenchLanguage[] = ['sv', 'da', 'en'];
const LEXICONS: Record<BenchLanguage, Lexicon> = { sv: SV, da: DA, en: EN };

function sentence(random: Random, lex: Lexicon): string {
  const roll = random();
  if (roll < 0.15) return pick(random, lex.questions);
  let text = `${pick(random, lex.subjects)} ${pick(random, lex.verbs)} ${pick(random, lex.objects)} ${pick(random, lex.endings)}`;
  if (roll < 0.3) text = text.replace(pick(random, lex.objects), (object) => `**${object}**`);
  else if (roll < 0.4) text += ` (${lex === EN ? 'see' : 'se'} [${lex.link}](https://example.se/${Math.floor(random() * 900) + 100}))`;
  else if (roll < 0.45) text += `, ${lex.code} \`${pick(random, ['BRYGGA24', 'KAJAK-10', 'SOMMAR'])}\``;
  else if (roll < 0.55) text = text.replace(pick(random, lex.endings), (ending) => `*${ending}*`);
  return `${text}.`;
}

function block(random: Random, lex: Lexicon): string {
  const roll = random();
  if (roll < 0.1) return `## ${pick(random, lex.headings)}`;
  if (roll < 0.22) {
    const numbered = random() < 0.4;
    const count = 2 + Math.floor(random() * 4);
    return Array.from({ length: count }, (_, i) => `${numbered ? `${i + 1}.` : '-'} ${pick(random, lex.listItems)}`).join('\n');
  }
  if (roll < 0.3) return `> ${sentence(random, lex)}`;
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => sentence(random, lex)).join(' ');
}

/** A Markdown body in `language` of `length` characters give or take a sentence, always 100 to 2,000. */
export function markdownBody(random: Random, length: number, language: BenchLanguage): string {
  const lex = LEXICONS[language];
  const target = Math.min(2000, Math.max(100, length));
  let body = '';
  while (body.length < target) body += (body ? '\n\n' : '') + block(random, lex);
  if (body.length > 2000) body = body.slice(0, 2000).replace(/\s+\S*$/, '');
  return body;
}

/**
 * `count` bodies whose lengths follow a long-tailed shape: most posts are a few sentences
 * (median about 350 characters), some run to the full 2,000. Every third is Swedish, Danish and
 * English in turn, so each language has every length.
 */
export function bodyPool(random: Random, count: number): Array<{ markdown: string; writtenIn: BenchLanguage }> {
  return Array.from({ length: count }, (_, i) => {
    // Quantiles of a log-normal (median 350, sigma 0.75), spread evenly over the pool, so a uniform
    // pick from the pool follows the distribution.
    const q = (i + 0.5) / count;
    const z = Math.sqrt(2) * inverseErf(2 * q - 1);
    const writtenIn = BENCH_LANGUAGES[i % BENCH_LANGUAGES.length]!;
    return { markdown: markdownBody(random, Math.round(350 * Math.exp(0.75 * z)), writtenIn), writtenIn };
  }).sort(() => random() - 0.5);
}

/** Winitzki's approximation; plenty for shaping lengths. */
function inverseErf(x: number): number {
  const a = 0.147;
  const ln = Math.log(1 - x * x);
  const first = 2 / (Math.PI * a) + ln / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(first * first - ln / a) - first);
}

export function threadTitle(random: Random, n: number, language: BenchLanguage): string {
  const lex = LEXICONS[language];
  const topic = pick(random, lex.titleTopics);
  const roll = random();
  if (roll < 0.3) return `${topic} ${2020 + (n % 7)}`;
  if (roll < 0.5) return `${topic}: ${pick(random, lex.questions)}`;
  if (roll < 0.6) return `${topic} (${pick(random, lex.objects)})`;
  return `${topic} #${n}`;
}

const FIRST_NAMES = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Per',
  'Emma',
  'Anders',
  'Linnéa',
  'Mikael',
  'Åsa',
  'Björn',
  'Ingrid',
  'Oskar',
  'Sofia',
  'Gustav',
  'Maja',
  'Nils',
  'Helena',
  'Tobias',
  'Elin',
  'Jonas',
  'Ida',
  'Mette',
  'Rasmus',
  'Sophie',
  'James',
  'Olivia',
];
const LAST_NAMES = [
  'Lindqvist',
  'Andersson',
  'Öberg',
  'Nilsson',
  'Karlsson',
  'Berg',
  'Holm',
  'Sjöberg',
  'Lund',
  'Ek',
  'Strand',
  'Wallin',
  'Hansen',
  'Jensen',
  'Dahl',
  'Forsberg',
  'Åkesson',
  'Nyström',
  'Brown',
  'Wilson',
];

export function person(random: Random, n: number): { username: string; displayName: string } {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  // The number keeps usernames unique; the letters keep them readable (and some non-ASCII).
  return { username: `${first.toLowerCase()}_${last.toLowerCase()}${n}`.slice(0, 30), displayName: `${first} ${last}` };
}

export const NETWORK_THEMES = [
  ['Kajak och kanot', 'Uthyrning, guidning och leder längs kusten.'],
  ['Fiske', 'Fiskecamper, guider och fiskekort.'],
  ['Kultur', 'Gallerier, hantverk, musik och kulturnätter.'],
  ['Boende', 'Stugbyar, vandrarhem, B&B och campingar.'],
  ['Mat och café', 'Caféer, restauranger och gårdsbutiker.'],
  ['Cykel', 'Cykeluthyrning och cykelleder.'],
  ['Skärgårdstrafik', 'Båtar, turlistor och bryggor.'],
  ['Vandring', 'Leder, guidning och kartor.'],
  ['Vinter', 'Skidor, skridskor och vinteröppet.'],
  ['Evenemang', 'Marknader, festivaler och idrott.'],
] as const;

// ---- Names few posts mention --------------------------------------------------------------------
// A pool of bodies repeats every sentence in thousands of posts; real posts also name a business, a
// village or an event that only a handful of others do. One post in twenty ends with a postscript
// naming one of each, so searches for rare words have something to find (each name is in well under
// 0.05 % of posts at any scale).

const BUSINESS_FIRST = [
  'Strand',
  'Sjö',
  'Ek',
  'Björk',
  'Lind',
  'Havs',
  'Fyr',
  'Klint',
  'Sand',
  'Tall',
  'Ljung',
  'Ros',
  'Sol',
  'Måsa',
  'Tärn',
  'Gran',
  'Hassel',
  'Rönn',
  'Al',
  'Sälg',
  'Lärk',
  'Tång',
  'Snäck',
  'Kobb',
  'Skär',
  'Grund',
  'Bränn',
  'Udd',
  'Kvarn',
  'Ler',
];
const BUSINESS_LAST = [
  'gården',
  'viken',
  'näset',
  'torpet',
  'holmen',
  'backen',
  'lyckan',
  'hyddan',
  'boden',
  'udden',
  'sundet',
  'ängen',
  'hagen',
  'stugan',
  'kroken',
  'berget',
  'dalen',
  'källan',
  'logen',
  'magasinet',
];
const VILLAGE_FIRST = ['Norr', 'Söder', 'Väster', 'Öster', 'Lill', 'Stor', 'Ny', 'Gammel', 'Brede', 'Kalv', 'Häst', 'Ox', 'Get', 'Sten', 'Hjort'];
const VILLAGE_LAST = ['by', 'köping', 'hamn', 'vik', 'näs', 'lösa', 'inge', 'hult', 'stad', 'tofta', 'arp', 'rum', 'løse', 'sted', 'bølle'];
const EVENT_FIRST = [
  'Sill',
  'Krabb',
  'Hummer',
  'Äpple',
  'Ost',
  'Honungs',
  'Lamm',
  'Blåbärs',
  'Svamp',
  'Ostron',
  'Kräft',
  'Rabarber',
  'Jordgubbs',
  'Potatis',
  'Hamn',
  'Segel',
];
const EVENT_LAST = ['dagen', 'marknaden', 'regattan', 'loppet', 'festen', 'veckan', 'natten', 'rundan', 'mässan', 'helgen'];

const compound = (first: readonly string[], last: readonly string[], n: number) =>
  `${first[Math.floor(n / last.length) % first.length]!}${last[n % last.length]!}`;

/** How many postscripts there are to choose from: an event, a village and a business each. */
export const POSTSCRIPTS = BUSINESS_FIRST.length * BUSINESS_LAST.length * VILLAGE_FIRST.length * VILLAGE_LAST.length * EVENT_FIRST.length * EVENT_LAST.length;

export interface Postscript {
  event: string;
  village: string;
  business: string;
  /** The line added to the post's Markdown. */
  markdown: string;
}

/** Postscript number `n` (0 ≤ n < POSTSCRIPTS) in the post's language. */
export function postscript(n: number, language: BenchLanguage): Postscript {
  const businesses = BUSINESS_FIRST.length * BUSINESS_LAST.length;
  const villages = VILLAGE_FIRST.length * VILLAGE_LAST.length;
  const business = compound(BUSINESS_FIRST, BUSINESS_LAST, n % businesses);
  const village = compound(VILLAGE_FIRST, VILLAGE_LAST, Math.floor(n / businesses) % villages);
  const event = compound(EVENT_FIRST, EVENT_LAST, Math.floor(n / businesses / villages));
  const markdown = {
    sv: `P.S. Vi ses på ${event} i ${village}, hälsningar från ${business}.`,
    da: `P.S. Vi ses til ${event} i ${village}, hilsen fra ${business}.`,
    en: `P.S. See you at ${event} in ${village}, regards from ${business}.`,
  }[language];
  return { event, village, business, markdown };
}
