// The demo forum's content: Skärvik, a fictional Swedish coastal destination (archipelago, harbour, a
// small town) and the small businesses in its tourism networks. Every name, business and address here
// is invented; emails use the reserved example.se / example.dk domains. Read by scripts/demo.ts.

export const DEMO_PASSWORD = 'skarvik-demo-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  email: string;
}

export interface DemoReply {
  /** A username from DEMO_ACCOUNTS. */
  by: string;
  /** Markdown. */
  body: string;
  replies?: DemoReply[];
}

export interface DemoThread {
  /** A slug from DEMO_NETWORKS. */
  network: string;
  by: string;
  title: string;
  body: string;
  replies?: DemoReply[];
}

/** The first account becomes the administrator: the destination organisation's tourism coordinator. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'skarvik_turism', displayName: 'Maja Lindqvist', email: 'maja.lindqvist@example.se' },
  { username: 'kajakboden', displayName: 'Jonas Ek', email: 'kajakboden@example.se' },
  { username: 'fiskecampen', displayName: 'Pieter van Dijk', email: 'fiskecampen@example.se' },
  { username: 'klippguiden', displayName: 'Ahmed Nasser', email: 'klippguiden@example.se' },
  { username: 'vindrosen_bb', displayName: 'Karin Sjöberg', email: 'vindrosen@example.se' },
  { username: 'hamncafeet', displayName: 'Per Nyström', email: 'hamncafeet@example.se' },
  { username: 'galleri_tang', displayName: 'Sofia Berg', email: 'galleri.tang@example.se' },
  { username: 'battaxi_olle', displayName: 'Olle Grahn', email: 'battaxi@example.se' },
  { username: 'lotsen', displayName: 'Emma Karlsson', email: 'lotsens.vandrarhem@example.se' },
  { username: 'elin_event', displayName: 'Elin Åkesson', email: 'elin.akesson@example.se' },
  { username: 'mette_havn', displayName: 'Mette Sørensen', email: 'mette.sorensen@example.dk' },
  { username: 'saltsmak', displayName: 'Nora Lind', email: 'nora.saltsmak@example.se' },
  { username: 'lisa_paddlar', displayName: 'Lisa Holm', email: 'lisa.holm@example.se' },
  { username: 'amir_kock', displayName: 'Amir Haddad', email: 'amir.haddad@example.se' },
];

/** The open board for everyone in tourism: the forum's default network, first in every list of networks. */
export const DEMO_DEFAULT_NETWORK = 'alla';

export const DEMO_NETWORKS: Array<{ slug: string; name: string; description: string }> = [
  {
    slug: 'alla',
    name: 'Alla i turismen',
    description: `Den öppna anslagstavlan för alla som jobbar med besöksnäringen i Skärvik.

Här hör frågor hemma som berör fler än en bransch: säsongen, gemensam marknadsföring, turistinformationen, kryssningsdagar, personal och boende. Alla kan starta en tråd och svara på andras. Vi har ett gemensamt ansvar för att det som delas är relevant och att tonen är vänlig – precis som när vi ses på kajen.`,
  },
  {
    slug: 'kajak',
    name: 'Kajaknätverket',
    description: `För alla som hyr ut, guidar eller på annat sätt lever av paddling i Skärviks skärgård.

Här pratar vi säsongsstart, leder och rastplatser, utrustning som kan lånas mellan företag och gemensam marknadsföring. Nätverket är mest aktivt när det finns en aktuell fråga, så skriv hellre en rad för mycket. Sammankallande är Kajakboden. Alla medlemmar delar ansvaret för ett relevant och vänligt samtal.`,
  },
  {
    slug: 'fiske',
    name: 'Fiskenätverket',
    description: `För fiskecamper, fiskeguider, båtuthyrare och alla andra som tar emot fiskande gäster i Skärvik.

Här hör fiskekort, regler och fredningstider, fångst och återutsättning, produktutveckling och gemensam marknadsföring av fisket hemma. Dela gärna det du vet – men kolla mot myndigheternas egna sidor innan du lovar en gäst något. Alla medlemmar delar ansvaret för ett relevant och vänligt samtal.`,
  },
  {
    slug: 'klattring',
    name: 'Klätternätverket',
    description: `För klätterguider, klätterväggen i Magasinet och alla som tar med gäster upp på Skärviks klippor.

Här hör säkerhet och besiktningar, försäkringar, hänsyn till naturen och markägare, nybörjarpaket och samarbeten med boende och aktiviteter. Skriv gärna på engelska om det går lättare. Alla medlemmar delar ansvaret för ett relevant och vänligt samtal.`,
  },
  {
    slug: 'kultur',
    name: 'Kulturnätverket',
    description: `Det nya nätverket för gallerier, musiker, hembygdsliv, scener och alla som gör kultur för besökare i Skärvik.

Här planerar vi kulturnatten, delar lokaler och kontakter och hittar sätt att synas tillsammans. Nätverket startade för att många önskade det, så forma det gärna med oss. Alla medlemmar delar ansvaret för ett relevant och vänligt samtal.`,
  },
  {
    slug: 'unga-foretagare',
    name: 'Unga företagare',
    description: `För dig upp till 30 år som är företagare, blivande företagare eller bara nyfiken på hur det är att vara ung och driva företag i Skärvik.

Här kan du ställa de frågor du tycker är för enkla att ställa någon annanstans, hitta en mentor och dela det du själv har lärt dig. Äldre och erfarna är välkomna att svara. Alla medlemmar delar ansvaret för ett relevant och vänligt samtal.`,
  },
];

/** Each network's conveners (usernames from DEMO_ACCOUNTS), appointed by the administrator. */
/**
 * Networks proposed and not yet decided: who proposed each, what they wrote and the colleagues who said
 * they would join. The administrator approves or declines from the proposal's page.
 */
export const DEMO_PROPOSALS: Array<{
  by: string;
  name: string;
  slug: string;
  audience: string;
  purpose: string;
  notFor: string;
  wantsHelp: boolean;
  supporters: string[];
}> = [
  {
    by: 'saltsmak',
    name: 'Matnätverket',
    slug: 'mat',
    audience: 'matproducenter, kaféer, restauranger och foodtrucks',
    purpose:
      'Lokala råvaror och vem som har vad när. Samordnade leveranser från gårdarna, så att inte alla kör var sin bil. Menyer för säsongen som lyfter Skärviks smaker, och tips till varandra när gästerna frågar var de kan äta.',
    notFor: 'Annonser till gäster, och jobbannonser: dem har Alla i turismen.',
    wantsHelp: true,
    supporters: ['amir_kock', 'hamncafeet', 'vindrosen_bb'],
  },
];

export const DEMO_CONVENERS: Record<string, string[]> = {
  alla: ['skarvik_turism'],
  kajak: ['kajakboden'],
  fiske: ['fiskecampen', 'mette_havn'],
  klattring: ['klippguiden'],
  kultur: ['galleri_tang'],
  'unga-foretagare': ['saltsmak'],
};

/** The rules of some networks, which the hide and flag forms offer to choose from. */
export const DEMO_RULES: Record<string, Array<{ title: string; body: string }>> = {
  alla: [
    { title: 'Håll dig till besöksnäringen i Skärvik', body: 'Trådar handlar om det som berör flera av oss som tar emot besökare här.' },
    { title: 'Ingen reklam', body: 'Erbjudanden till kollegor är välkomna; annonser riktade till gäster hör hemma någon annanstans.' },
    { title: 'Var vänlig', body: 'Skriv som när vi ses på kajen: sakligt, vänligt och utan påhopp.' },
  ],
  kajak: [
    { title: 'Paddling och det som hör till', body: 'Leder, utrustning, säkerhet, säsong och samarbeten kring kajak.' },
    { title: 'Säkerhetsfrågor med källa', body: 'Råd om väder och säkerhet länkar gärna till SMHI eller Sjöräddningssällskapet.' },
  ],
  fiske: [
    { title: 'Följ reglerna för fiske', body: 'Råd som strider mot fredningstider eller fiskeregler tas bort.' },
    { title: 'Ingen reklam', body: 'Tipsa gärna om varandras tjänster, men inga annonser.' },
  ],
};

export const DEMO_THREADS: DemoThread[] = [
  // ─── Alla i turismen ───────────────────────────────────────────────────────────────────────────
  {
    network: 'alla',
    by: 'skarvik_turism',
    title: 'Gemensam sommarbroschyr 2026 – anmälan senast 15 mars',
    body: `Hej alla!

Vi gör en **gemensam sommarbroschyr** för Skärvik igen: 20 000 tryckta ex och en pdf på https://example.se/sommar2026. Den delas ut på turistinformationen, i gästhamnen, på färjan och hos er som vill ha en bunt på disken.

Det här behöver jag från er som vill vara med:

- en text på högst 300 tecken (svenska, gärna också engelska)
- en liggande bild som ni har rätt att använda
- öppettider, adress och hur man bokar

Grundplatsen är gratis för alla i nätverken, en helsida kostar 2 500 kr. **Sista dag är 15 mars.** Ställ frågorna här i tråden, så får alla samma svar.`,
    replies: [
      {
        by: 'vindrosen_bb',
        body: 'Vi är med! Räcker det med svenska och engelska? Ingen av oss skriver tyska.',
        replies: [
          {
            by: 'skarvik_turism',
            body: 'Absolut. Skicka svenska så ordnar vi översättningen till tyska och danska samlat för alla.',
            replies: [
              {
                by: 'mette_havn',
                body: 'Jeg læser gerne korrektur på de danske tekster, hvis I vil. Det er bedre end en maskinoversættelse 😊',
                replies: [{ by: 'skarvik_turism', body: 'Tack Mette, det tar vi gärna emot!' }],
              },
            ],
          },
        ],
      },
      {
        by: 'kajakboden',
        body: 'Kan vi göra ett **gemensamt uppslag för allt på vattnet** i stället för att köpa varsin halvsida? Kajak, båttaxi, fiske och gästhamnen hänger ju ihop för gästen.',
        replies: [
          {
            by: 'battaxi_olle',
            body: 'Bra idé. Jag delar gärna kostnaden för ett uppslag.',
            replies: [
              {
                by: 'fiskecampen',
                body: 'Count me in. Maybe a small map showing where each of us is? Guests always ask how far the camp is from the harbour.',
                replies: [
                  {
                    by: 'kajakboden',
                    body: 'Karta vore toppen. Jag kan skissa ett utkast med ilandstigningsplatserna.',
                    replies: [{ by: 'skarvik_turism', body: 'Vi har en baskarta som ni får använda fritt. Jag mejlar den till er fyra i eftermiddag.' }],
                  },
                ],
              },
            ],
          },
          { by: 'mette_havn', body: 'Gæstehavnen er også med. Vi deler gerne udgiften.' },
        ],
      },
      {
        by: 'galleri_tang',
        body: 'Blir det en sida för kultur också? Galleriet, hembygdsgården och sommarkonserterna skulle passa fint ihop.',
        replies: [{ by: 'skarvik_turism', body: 'Ja, ett kulturuppslag! Samla gärna ihop texterna i Kulturnätverket så tar jag dem därifrån.' }],
      },
      {
        by: 'hamncafeet',
        body: 'Vilket format ska bilden ha? Jag har bara mobilbilder.',
        replies: [
          { by: 'klippguiden', body: 'A modern phone is usually fine for print – just send the original file, not a screenshot.' },
          { by: 'skarvik_turism', body: 'Minst 3 000 pixlar på bredden. Skicka det du har så säger vi till om det inte håller.' },
        ],
      },
      {
        by: 'saltsmak',
        body: 'Gäller grundplatsen även oss som inte har en fast adress? Foodtrucken flyttar ju runt.',
        replies: [
          {
            by: 'skarvik_turism',
            body: 'Självklart. Skriv var du brukar stå och hänvisa till ditt Instagramkonto för dagens plats.',
            replies: [{ by: 'saltsmak', body: 'Toppen, tack!' }],
          },
        ],
      },
      {
        by: 'lotsen',
        body: 'Vi renoverar och hinner nog inte till 15 mars. Går det att anmäla sig lite senare?',
        replies: [
          { by: 'skarvik_turism', body: 'Jag kan vänta till 20 mars, sedan går den till tryck. Skicka namn och kontaktuppgifter redan nu så har vi platsen.' },
        ],
      },
    ],
  },
  {
    network: 'alla',
    by: 'skarvik_turism',
    title: 'Kryssningsfartyg på redden tisdag 14 juli – hur tar vi emot 1 200 gäster?',
    body: `Nu är det bekräftat: ett kryssningsfartyg ankrar på redden **tisdag 14 juli kl. 08–17** med runt 1 200 passagerare. De kör in med tendrar till gästbryggan. Ungefär hälften bokar utflykter via rederiet, resten går i land på egen hand.

Hur gör vi det bästa av dagen? Några tankar:

- öppna tidigare än vanligt
- en gemensam karta: *allt inom tio minuters promenad*
- någon som står vid bryggan och hälsar välkommen

Skriv vad ni kan ställa upp med. Tidtabell och bakgrund: https://example.se/kryssning-14-juli`,
    replies: [
      {
        by: 'hamncafeet',
        body: 'Vi öppnar 07.30 och tar in extra personal. Vet vi ungefär när tendrarna börjar gå?',
        replies: [{ by: 'skarvik_turism', body: 'Första tendern runt 08.15, sedan var tjugonde minut till kl. 16.' }],
      },
      {
        by: 'mette_havn',
        body: 'Tendrene lægger til ved gæstebroen, så jeg spærrer de yderste pladser den dag. Vi skal huske at sige det til sejlerne i god tid.',
        replies: [
          {
            by: 'battaxi_olle',
            body: 'Jag kan köra korta turer ut till fyren för dem som vill se skärgården. Tio personer per tur, jag lägger mig vid inre bryggan så jag inte står i vägen.',
          },
        ],
      },
      {
        by: 'galleri_tang',
        body: 'Galleriet öppnar kl. 9 i stället för 11. Kan vi ha en gemensam skylt vid bryggan?',
        replies: [
          {
            by: 'elin_event',
            body: 'Jag har beachflaggor och ett partytält och kan ordna en **välkomstpunkt** med kartor och tips. Mot ett litet arvode, men billigt!',
            replies: [{ by: 'skarvik_turism', body: 'Låter perfekt, Elin. Ring mig nästa vecka så gör vi upp detaljerna.' }],
          },
        ],
      },
      {
        by: 'kajakboden',
        body: 'Tänk på att många kryssningsgäster är äldre. Korta guidade paddlingar i lugna vikar kan funka, men räkna inte med stora volymer. Jag ställer ändå upp med två guider.',
      },
      { by: 'saltsmak', body: 'Får jag ställa foodtrucken vid torget den dagen? Annars står jag vid badplatsen och det är för långt för dem.' },
    ],
  },
  {
    network: 'alla',
    by: 'hamncafeet',
    title: 'Personalboende i sommar – någon med ett rum över?',
    body: `Jag har fått ihop personal till sommaren, men två av dem kommer från andra sidan landet och har **ingenstans att bo 15 juni–15 augusti**. Förra året hyrde de en husvagn på campingen, men den platsen är borta.

Har någon ett rum, en stuga eller ens en sjöbod som kan hyras ut? Vi betalar marknadshyra och de är skötsamma, lovar.

Och mer generellt: är det fler än jag som har det här problemet? Det kanske är något vi borde lyfta tillsammans.`,
    replies: [
      {
        by: 'lotsen',
        body: 'Jag kan erbjuda ett fyrbäddsrum på vandrarhemmet till personalpris, men bara till och med midsommar. Efter det är vi fullbokade.',
        replies: [
          {
            by: 'hamncafeet',
            body: 'Tack! Det löser juni i alla fall. Vad är personalpris?',
            replies: [
              {
                by: 'lotsen',
                body: '4 500 kr i månaden per person med tillgång till köket. Vi kan gå ner om de hjälper till med städningen på söndagar.',
                replies: [
                  {
                    by: 'hamncafeet',
                    body: 'Det låter rimligt. Jag frågar dem om söndagarna, men de lär säga ja.',
                    replies: [
                      {
                        by: 'vindrosen_bb',
                        body: 'Om ni löser juni har jag kanske något för juli–augusti: vår gamla bryggstuga. Ingen dusch, men de kan duscha i huset.',
                        replies: [
                          {
                            by: 'hamncafeet',
                            body: 'Karin, du är en klippa. Kan vi komma och titta på lördag?',
                            replies: [{ by: 'vindrosen_bb', body: 'Lördag efter frukosten, runt elva. Ta med kaffe från caféet så är vi kvitt 😄' }],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        by: 'klippguiden',
        body: 'Same problem here. My two summer guides lived in tents on my plot last year – that will not work another season.',
        replies: [
          {
            by: 'skarvik_turism',
            body: 'Ni är inte ensamma. Jag samlar ihop behoven och tar upp det med kommunen och bostadsbolaget. Skriv **hur många platser och vilka veckor** ni behöver här under.',
            replies: [
              { by: 'kajakboden', body: 'Kajakboden: 2 personer, vecka 25–33.' },
              { by: 'klippguiden', body: 'Klippguiden: 2 people, weeks 26–32.' },
              { by: 'fiskecampen', body: 'Fishing camp: 1 person, weeks 22–38. We have a caravan but need a spot with electricity.' },
              { by: 'hamncafeet', body: 'Hamncaféet: 2 personer, vecka 25–33 (om Karins stuga inte funkar).' },
            ],
          },
        ],
      },
      {
        by: 'saltsmak',
        body: 'Tips: de gamla lotsbostäderna på Östra udden stod tomma hela förra sommaren. Vet inte vem som äger dem.',
        replies: [{ by: 'skarvik_turism', body: 'Kommunen, tror jag. Jag kollar och återkommer!' }],
      },
    ],
  },
  {
    network: 'alla',
    by: 'vindrosen_bb',
    title: 'Gemensamt bokningssystem för boende och aktiviteter?',
    body: `Gästerna frågar ofta om de kan boka kajak, fisketur eller båttaxi hos oss, och jag skickar vidare en telefonlista. Har någon tittat på ett **gemensamt bokningssystem** där gästen kan boka boende och aktiviteter i samma korg?

Det jag undrar:

1. Vad kostar det, och vem tar avgiften?
2. Hur funkar det om jag redan har ett eget system?
3. Vem ansvarar om något ställs in på grund av väder?

Jag har läst lite på https://example.se/bokning men blir inte klokare.`,
    replies: [
      {
        by: 'skarvik_turism',
        body: 'Vi undersöker en gemensam lösning inför 2027. Det vanliga är en provision på 8–12 % på det som bokas via plattformen. Era egna bokningar påverkas inte.',
        replies: [
          {
            by: 'vindrosen_bb',
            body: 'Hur synkar man tillgängligheten då? Jag vill inte dubbelboka rummen.',
            replies: [
              {
                by: 'skarvik_turism',
                body: 'De flesta system kopplar mot ert eget via en kanalhanterare. Jag bjuder in till ett digitalt möte i april där en leverantör visar hur det går till.',
              },
            ],
          },
        ],
      },
      { by: 'kajakboden', body: 'Intresserad, men 12 % är mycket på en kajak för 450 kr. Kan provisionen bli olika för olika slags produkter?' },
      {
        by: 'battaxi_olle',
        body: 'Jag har inget bokningssystem alls, bara telefonen. Skulle gärna slippa svara mitt ute på fjärden.',
        replies: [
          {
            by: 'elin_event',
            body: 'Olle, det finns enkla gratisverktyg att börja med. Jag visar gärna hur jag gör, det tar en halvtimme.',
            replies: [{ by: 'battaxi_olle', body: 'Gärna! Kom förbi bryggan någon förmiddag.' }],
          },
        ],
      },
      { by: 'mette_havn', body: 'Vi bruger allerede et system til bådpladserne. Det vigtigste for mig er, at et fælles system kan tale sammen med det.' },
    ],
  },

  // ─── Kajaknätverket ────────────────────────────────────────────────────────────────────────────
  {
    network: 'kajak',
    by: 'kajakboden',
    title: 'Säsongsstart 2026 – när öppnar ni?',
    body: `Hej paddlare!

Vi på Kajakboden tänker öppna uthyrningen **lördag 2 maj** om isen och vädret vill, med helgöppet fram till midsommar och sedan alla dagar.

Vore bra om vi kunde säga samma sak till turistinformationen, så gästerna slipper ringa runt. När öppnar ni andra? Och tar någon guidade turer redan i maj, när vattnet fortfarande är kallt?`,
    replies: [
      {
        by: 'fiskecampen',
        body: 'We open the camp on 1 May, but kayaks only from June. Water is around 8 degrees in early May – I would not rent to beginners then.',
        replies: [
          {
            by: 'kajakboden',
            body: 'Håller med. I maj hyr vi bara ut till dem som visar paddelvana, och alla får torrdräkt.',
            replies: [{ by: 'klippguiden', body: 'Good policy. Could you share your checklist for that? I get the same question for the sea cliffs.' }],
          },
        ],
      },
      {
        by: 'lotsen',
        body: 'Vi har några kajaker för våra gäster och öppnar vandrarhemmet 24 april. Jag hänvisar gärna till er för allt som är längre än en tur runt viken.',
      },
      {
        by: 'skarvik_turism',
        body: 'Tack! Jag lägger in **2 maj** för Kajakboden och **juni** för fiskecampen på https://example.se/paddla. Säg till om något ändras.',
        replies: [{ by: 'kajakboden', body: 'Perfekt, tack Maja.' }],
      },
    ],
  },
  {
    network: 'kajak',
    by: 'elin_event',
    title: 'Företagsevent för 40 personer – kan jag hyra kajaker och flytvästar av flera av er?',
    body: `Hej! Jag har fått en förfrågan om en kickoff i slutet av augusti: **40 personer**, paddling på förmiddagen och middag på kvällen.

Ingen av er verkar ha 40 kajaker själv, så jag undrar om vi kan lösa det tillsammans:

- ca 20 dubbelkajaker (eller fler enkel)
- 40 flytvästar i blandade storlekar
- en släpvagn för att köra allt till Sandbukten
- två eller tre guider

Jag betalar såklart ordinarie hyra och ser till att allt kommer tillbaka rengjort. Hör av er här eller i DM!`,
    replies: [
      {
        by: 'kajakboden',
        body: 'Vi kan ta 12 dubbelkajaker och två guider. Släpvagnen rymmer tolv, så vi behöver köra två vändor eller låna en till.',
        replies: [
          {
            by: 'lotsen',
            body: 'Vi har sex dubbelkajaker och 15 flytvästar som står still i slutet av augusti. Ni får gärna låna dem.',
            replies: [
              {
                by: 'elin_event',
                body: 'Så snällt! Räcker det om jag hämtar på fredagen och lämnar på söndagen?',
                replies: [{ by: 'lotsen', body: 'Absolut. Spola av dem med sötvatten bara, så är vi nöjda.' }],
              },
            ],
          },
          {
            by: 'fiskecampen',
            body: 'I have a boat trailer that can carry kayaks with a simple rack. You can borrow it if someone brings it back the same evening.',
          },
        ],
      },
      {
        by: 'battaxi_olle',
        body: 'Om det blåser för mycket för paddling kan jag köra gruppen ut till Lilla Skarvholmen i två omgångar som plan B.',
        replies: [{ by: 'elin_event', body: 'Det är guld värt att ha en plan B. Jag lägger in det i offerten!' }],
      },
      {
        by: 'kajakboden',
        body: 'PS: kolla att alla flytvästar är godkända för rätt vikt. Vi märker våra med färgad tejp per storlek, det sparar mycket tid vid utdelningen.',
      },
    ],
  },
  {
    network: 'kajak',
    by: 'lotsen',
    title: 'Öppettider för turistinformationen i sommar?',
    body: `Jag vet inte riktigt var jag ska fråga, men ni paddlare får många gäster som kommer via turistinformationen.

Våra gäster frågar ofta var de kan få kartor och tips när infon är stängd. Vet någon **öppettiderna i sommar**, och finns det något ställe man kan hänvisa till på kvällarna?`,
    replies: [
      {
        by: 'skarvik_turism',
        body: `Bra fråga! Turistinformationen i hamnmagasinet har öppet **10–18 alla dagar från midsommar till 16 augusti**, annars vardagar 10–16. På kvällarna finns en infotavla och kartor i ett ställ utanför dörren, och allt finns på https://example.se/info.

Nästa gång passar frågan bättre i **Alla i turismen**, så ser alla svaret. Jag lägger en kopia där.`,
        replies: [
          { by: 'lotsen', body: 'Tack, och förlåt för fel ställe! Jag hittade inte direkt var jag skulle skriva.' },
          {
            by: 'hamncafeet',
            body: 'Vi har öppet till 21 på sommaren och kan gärna ha en bunt kartor på disken.',
            replies: [{ by: 'skarvik_turism', body: 'Toppen, jag lämnar en kartong på måndag.' }],
          },
        ],
      },
    ],
  },

  // ─── Fiskenätverket ────────────────────────────────────────────────────────────────────────────
  {
    network: 'fiske',
    by: 'fiskecampen',
    title: 'Fishing permits 2026 – where do guests buy them this year?',
    body: `Hi all, sorry for writing in English – my Swedish is fine for the harbour but not for rules.

Every spring guests ask me which waters need a **fishing permit** and where to buy it. Last year some were told at the petrol station that they needed one for the open sea, which is not right as far as I know.

Could we agree on one short answer we all give? Something like:

- where fishing is free with hand tools
- which inner bays and lakes need a permit, and where to buy it online
- where to read the rules (size limits, closed seasons)

I started a draft at https://example.se/fiske/fiskekort – please correct me.`,
    replies: [
      {
        by: 'battaxi_olle',
        body: 'Bra initiativ. Fiskevårdsområdet i innerfjärden säljer kort digitalt nu, inte längre på macken. Jag ser att du har med det.',
        replies: [{ by: 'fiskecampen', body: 'Thanks Olle, I will remove the petrol station from the draft.' }],
      },
      {
        by: 'skarvik_turism',
        body: 'Vi lägger gärna in den slutliga texten på turistinformationen och i broschyren. Skriv bara **"kontrollera alltid aktuella regler"** och länka till myndighetens sida, så är vi på den säkra sidan.',
      },
      {
        by: 'mette_havn',
        body: 'Mange danske sejlere spørger også. Kan I lave en kort version på dansk eller engelsk, som jeg kan hænge op ved havnekontoret?',
      },
    ],
  },
  {
    network: 'fiske',
    by: 'battaxi_olle',
    title: 'Catch & release för gädda – gemensamma riktlinjer?',
    body: `Jag kör fiskegäster ut till skären varje vecka och märker att vi säger olika saker om **catch & release**. Vissa gäster tar upp stora gäddor för fotografering i flera minuter, andra vet inte att det finns storleksgränser alls.

Förslag: vi gör en gemensam lapp med några enkla råd som vi delar ut, till exempel

1. håll fisken i vattnet så mycket som möjligt
2. använd hullingfria krokar och en gummerad håv
3. **ta bilden snabbt**, eller inte alls
4. behåll bara det ni äter, och håll er till reglerna

Vad tycker ni, och vad har jag glömt?`,
    replies: [
      {
        by: 'fiskecampen',
        body: 'Great idea. We already give every guest long pliers and a rubber net. I would add: no fishing for pike in shallow bays during spawning in spring.',
        replies: [
          {
            by: 'battaxi_olle',
            body: 'Ja, lekperioden måste med. Vet du vilka vikar som är fredade i år?',
            replies: [
              {
                by: 'fiskecampen',
                body: 'They are marked on the map from the fisheries area. I will link it in the draft, better than copying dates that change.',
                replies: [{ by: 'battaxi_olle', body: 'Klokt. Då slipper vi sprida gamla datum.' }],
              },
            ],
          },
        ],
      },
      {
        by: 'kajakboden',
        body: 'Fler och fler fiskar från kajak hos oss. Kan lappen ha en rad om att inte lyfta stor fisk ombord i en kajak?',
        replies: [
          { by: 'fiskecampen', body: 'Good point – release beside the kayak, not on your lap.' },
          { by: 'battaxi_olle', body: 'Det tar vi med. Gärna en bild också, det säger mer än text.' },
        ],
      },
      {
        by: 'galleri_tang',
        body: 'Om ni vill ha en liten illustration till lappen kan jag rita en gädda som hålls rätt. Gratis, det är för en god sak.',
        replies: [
          {
            by: 'battaxi_olle',
            body: 'Sofia, det vore fantastiskt!',
            replies: [{ by: 'galleri_tang', body: 'Jag skickar en skiss nästa vecka. Säg till om gäddan ser för glad ut 🐟' }],
          },
        ],
      },
      {
        by: 'mette_havn',
        body: 'Må jeg dele den i gæstehavnen, når den er færdig? Vi har mange lystfiskere fra Danmark og Tyskland.',
        replies: [{ by: 'battaxi_olle', body: 'Självklart! Den är till för alla.' }],
      },
      {
        by: 'skarvik_turism',
        body: 'Jag kan trycka den i A5 på vattentåligt papper om ni skickar färdig text. Hur många behöver ni?',
        replies: [
          { by: 'fiskecampen', body: '300 for the camp, please.' },
          { by: 'battaxi_olle', body: '100 till båten räcker.' },
          { by: 'mette_havn', body: '150 til havnen, tak.' },
        ],
      },
    ],
  },
  {
    network: 'fiske',
    by: 'mette_havn',
    title: 'Faste tider for fiskeguider ved gæstebroen?',
    body: `Hej alle sammen – jeg skriver på dansk, men svar endelig på svensk.

Sidste sommer havde vi tit tre eller fire fiskeguider, som ville hente gæster ved gæstebroen **på samme tid om morgenen**, mens sejlerne skulle ud. Det gav lidt trængsel og et par sure miner.

Kunne vi aftale nogle faste tider, fx:

- fiskeguider henter gæster mellem 05.30 og 07.00 ved den inderste del af broen
- efter kl. 07.00 holdes broen fri til sejlerne

Det er gratis at lægge til for at hente gæster. Hvad siger I?`,
    replies: [
      { by: 'battaxi_olle', body: 'Funkar för mig. Jag brukar ändå vara ute före sex.' },
      {
        by: 'fiskecampen',
        body: 'Fine by me. Could we have one evening slot too? Many guests want the sunset fishing, around 19–20.',
        replies: [
          {
            by: 'mette_havn',
            body: 'God idé. Om aftenen er der roligere, så 19–20.30 går fint.',
            replies: [{ by: 'fiskecampen', body: 'Tak, Mette!' }],
          },
        ],
      },
      { by: 'kajakboden', body: 'Kan kajakgrupper också lägga i vid inre bryggan? Vi behöver bara tio minuter.' },
    ],
  },

  // ─── Klätternätverket ──────────────────────────────────────────────────────────────────────────
  {
    network: 'klattring',
    by: 'skarvik_turism',
    title: 'Klätterväggen i Magasinet – årlig säkerhetsbesiktning 2 maj',
    body: `Klätterväggen i hamnmagasinet ska **besiktigas lördag 2 maj kl. 9–13**. Besiktningsmannen går igenom greppen, bultarna, toppankarna och mattorna, och väggen är stängd under tiden.

Några frågor till er som använder väggen:

- Har ni sett något som bör kollas extra? Lösa grepp, slitna rep, sprickor?
- Vill någon vara med och lära sig vad som kontrolleras?
- Vem kan hjälpa till att skruva om lederna efteråt?

Protokollet från i fjol finns på https://example.se/magasinet/besiktning.`,
    replies: [
      {
        by: 'klippguiden',
        body: 'Thanks Maja. Two things: the top anchor on route 6 makes a strange noise under load, and the mat under the overhang is getting thin. I would love to join the inspection.',
        replies: [
          {
            by: 'skarvik_turism',
            body: 'Noterat, jag skickar det till besiktningsmannen i förväg. Välkommen att vara med!',
            replies: [
              {
                by: 'klippguiden',
                body: 'Great. I can also bring two volunteers to re-set routes in the afternoon.',
                replies: [{ by: 'elin_event', body: 'Jag kan komma! Har aldrig skruvat leder, men lär mig gärna.' }],
              },
            ],
          },
        ],
      },
      {
        by: 'lotsen',
        body: 'Många av våra gäster använder väggen på regniga dagar. Kan vi få en skylt om att den är stängd den dagen, så ingen går förgäves?',
      },
      {
        by: 'hamncafeet',
        body: 'Fika till besiktningsgänget bjuder vi på. Säg bara hur många ni blir.',
        replies: [{ by: 'klippguiden', body: 'Five or six, thank you Per!' }],
      },
    ],
  },
  {
    network: 'klattring',
    by: 'klippguiden',
    title: 'Insurance for guided tours – what do you have?',
    body: `I'm writing in English because insurance terms in Swedish are still hard for me.

I'm renewing the insurance for Skärviks Klippguide and the offers differ a lot. What I think I need:

- **liability insurance** that clearly covers guided climbing outdoors
- cover for rented-out equipment (ropes, harnesses, helmets)
- something for when I hire a freelance guide for a day

What do you others have, kayak and fishing too? Did anyone get help from an industry organisation, and is it worth joining one for the insurance alone? I know the kayak people have the same question, so I posted here where most of us guides are.`,
    replies: [
      {
        by: 'kajakboden',
        body: 'Vi har en ansvarsförsäkring via en branschorganisation för guider. **Läs villkoren om "farlig sport"** – vissa bolag undantar klättring och havspaddling helt.',
        replies: [
          {
            by: 'klippguiden',
            body: 'That is exactly what I saw in one offer. Did they ask for guide certificates?',
            replies: [
              {
                by: 'kajakboden',
                body: 'Ja, de ville se utbildningsintyg för alla guider, även de som jobbar en dag.',
                replies: [{ by: 'klippguiden', body: 'Good to know, I will collect the certificates from my freelancers before summer.' }],
              },
            ],
          },
        ],
      },
      {
        by: 'fiskecampen',
        body: 'For the camp we have a combined policy that covers boats and guests. Happy to show you the terms over coffee – they were not easy to read in Dutch either.',
      },
      { by: 'elin_event', body: 'Jag undrar samma sak för mina event där jag hyr in guider. Vem har ansvaret då – jag eller guiden?' },
      {
        by: 'skarvik_turism',
        body: 'Vi kan bjuda in en försäkringsrådgivare till en frukost för alla som guidar. Skriv här om ni vill vara med så ser jag om det blir tillräckligt många.',
      },
    ],
  },

  // ─── Kulturnätverket ───────────────────────────────────────────────────────────────────────────
  {
    network: 'kultur',
    by: 'galleri_tang',
    title: 'Kulturnatt i Skärvik lördag 26 september – vem är med?',
    body: `Hej allihop!

Nu kör vi: **Skärviks första kulturnatt, lördag 26 september kl. 17–23.** Tanken är att så många som möjligt håller öppet samma kväll, med något extra – en utställning, en konsert, en berättelse, en verkstad för barn.

Det vi behöver bestämma tillsammans:

- ett gemensamt program (deadline 1 september)
- en karta och skyltning mellan platserna
- ljus längs kajen när det mörknar
- om vi tar entré eller har allt gratis

Skriv vad ni vill bidra med, stort som litet. Utkast till programmet: https://example.se/kulturnatt`,
    replies: [
      {
        by: 'hamncafeet',
        body: 'Caféet håller öppet till midnatt och vi kan ha **visor på altanen** om någon känner en trubadur.',
        replies: [
          {
            by: 'elin_event',
            body: 'Jag känner två! Och jag har ljudanläggning.',
            replies: [
              {
                by: 'hamncafeet',
                body: 'Då är det bestämt. Vi bjuder musikerna på middag.',
                replies: [{ by: 'elin_event', body: 'De kommer att älska dig 😄' }],
              },
            ],
          },
        ],
      },
      {
        by: 'mette_havn',
        body: 'Vi kan pynte gæstehavnen med lanterner og have åbent i havnekontoret med fortællinger om havnens historie. Måske en lille udstilling med gamle fotos?',
        replies: [
          { by: 'galleri_tang', body: 'Mette, gamla foton vore fint! Jag hjälper gärna till att hänga.' },
          { by: 'skarvik_turism', body: 'Hembygdsföreningen har ett bildarkiv. Jag kan förmedla kontakten.' },
        ],
      },
      {
        by: 'battaxi_olle',
        body: 'Jag kan köra **kvällsturer till fyren** i skymningen. Kanske med någon som berättar om fyrvaktarna?',
        replies: [
          {
            by: 'galleri_tang',
            body: 'Åh, det blir säkert kvällens höjdpunkt. Tar du betalt per person?',
            replies: [{ by: 'battaxi_olle', body: 'Halva priset den kvällen. Det är ju kulturnatt.' }],
          },
        ],
      },
      {
        by: 'lotsen',
        body: 'Vandrarhemmets samlingssal kan användas för barnverkstad. Plats för ca 25 barn.',
        replies: [{ by: 'galleri_tang', body: 'Perfekt! Jag tar hand om material till en tångtryckverkstad.' }],
      },
      {
        by: 'saltsmak',
        body: 'Får jag stå med foodtrucken på kajen? Jag gör fisksoppa hela kvällen.',
        replies: [{ by: 'mette_havn', body: 'Du kan stå ved havnekontoret, der er strøm. Velkommen!' }],
      },
      { by: 'klippguiden', body: 'I can keep the climbing wall in Magasinet open for families until 21 – with lights and music it could be fun.' },
      {
        by: 'vindrosen_bb',
        body: 'Gratis är bäst, tycker jag. Då kommer fler, och vi tjänar på att folk stannar och äter och sover här.',
        replies: [{ by: 'galleri_tang', body: 'Jag lutar åt samma håll. Vi bestämmer på träffen i augusti.' }],
      },
    ],
  },
  {
    network: 'kultur',
    by: 'skarvik_turism',
    title: 'Första träffen för Kulturnätverket – vem kan låna ut en lokal?',
    body: `Flera av er har efterfrågat ett **kulturnätverk**, så nu startar vi! Första träffen blir **torsdag 12 februari kl. 18**, ungefär två timmar.

Vi behöver en lokal för 15–20 personer, gärna med en skärm eller vit vägg. Kan någon av er låna ut en lokal den kvällen? Vi står för fika och lämnar lokalen som vi fann den.

Förslag på dagordning:

1. vad vill vi med nätverket, och vad ska det *inte* göra?
2. vad finns redan i närheten som vi kan samarbeta med?
3. vem vill vara sammankallande framöver?`,
    replies: [
      {
        by: 'hamncafeet',
        body: 'Vårt bakre rum rymmer 20 om vi flyttar ihop borden. Ingen projektor, men en stor vit vägg.',
        replies: [{ by: 'skarvik_turism', body: 'Tack Per, det låter perfekt. Jag tar med en projektor.' }],
      },
      { by: 'lotsen', body: 'Annars finns samlingssalen på vandrarhemmet, där finns skärm. Den är ledig hela februari.' },
      {
        by: 'galleri_tang',
        body: 'Jag ställer gärna upp som sammankallande tillsammans med någon mer. Det är lättare att vara två.',
        replies: [
          {
            by: 'mette_havn',
            body: 'Jeg vil gerne være med, hvis det ikke gør noget, at jeg skriver dansk 😊',
            replies: [{ by: 'galleri_tang', body: 'Inte alls! Det passar fint i en hamn som vår.' }],
          },
        ],
      },
    ],
  },
  {
    network: 'kultur',
    by: 'mette_havn',
    title: 'Hvem kender en lokal musiker til aftenkoncerter i gæstehavnen?',
    body: `Hej!

Vi vil gerne prøve med **små aftenkoncerter i gæstehavnen** om torsdagen i juli – akustisk, en time, ved grillpladsen. Sejlerne elsker det, og det trækker også folk fra byen ned til havnen.

Kender I lokale musikere, som kunne have lyst? Vi betaler et honorar og aftensmad. Skriv gerne her eller ring til havnekontoret.`,
    replies: [
      {
        by: 'galleri_tang',
        body: 'Det finns en duo som spelade på vernissagen i höstas, folkmusik med fiol och dragspel. Jag frågar dem!',
        replies: [{ by: 'mette_havn', body: 'Tusind tak, Sofia!' }],
      },
      {
        by: 'elin_event',
        body: 'Jag har en lista med unga musiker från trakten som söker spelningar. Jag skickar den till dig.',
        replies: [
          {
            by: 'mette_havn',
            body: 'Super. Har du også en lille højttaler, vi kan leje?',
            replies: [{ by: 'elin_event', body: 'Ja, det löser vi. Jag ger dig kompispris.' }],
          },
        ],
      },
      { by: 'hamncafeet', body: 'Om det regnar får ni vara inne hos oss. Kaffe och kanelbullar till publiken ordnar vi gärna.' },
    ],
  },

  // ─── Unga företagare ───────────────────────────────────────────────────────────────────────────
  {
    network: 'unga-foretagare',
    by: 'saltsmak',
    title: 'Söker mentor – första säsongen med foodtruck',
    body: `Hej! Jag heter Nora, är 24 och startade **Saltsmak** i höstas: en foodtruck med fisk och skaldjur från skärgården.

Nu inför första riktiga sommaren känner jag att jag behöver någon att bolla med. Mest:

- prissättning (tar jag för lite betalt?)
- hur mycket ska jag köpa in när vädret är osäkert
- personal – vågar jag anställa någon?

Finns det någon som har drivit restaurang eller café och som kan tänka sig att ses en gång i månaden över en kaffe? Jag bjuder på fisksoppa 😊`,
    replies: [
      {
        by: 'hamncafeet',
        body: 'Jag har drivit caféet i elva somrar och gjort de flesta misstagen. Gärna kaffe en gång i månaden!',
        replies: [
          {
            by: 'saltsmak',
            body: 'Åh, tack Per! Passar måndagar? Då är trucken stängd.',
            replies: [
              {
                by: 'hamncafeet',
                body: 'Måndagar är bra. Ta med dina siffror från i höstas så börjar vi där.',
                replies: [{ by: 'saltsmak', body: 'Jag tar med dem. Lite nervös, men mest glad!' }],
              },
            ],
          },
        ],
      },
      {
        by: 'elin_event',
        body: 'Jag är 27 och i samma sits med mitt eventbolag. Ska vi starta en liten grupp för oss som är nya? Vi kan lära av varandra också.',
        replies: [{ by: 'saltsmak', body: 'Ja! Kanske en frukost en gång i månaden?' }],
      },
      {
        by: 'skarvik_turism',
        body: 'Det finns också ett mentorprogram för unga företagare i regionen, se https://example.se/mentor. Jag hjälper gärna till med ansökan.',
      },
      { by: 'vindrosen_bb', body: 'Om prissättning: räkna på vad en dålig dag kostar, inte en bra. Det lärde jag mig den hårda vägen.' },
    ],
  },
  {
    network: 'unga-foretagare',
    by: 'elin_event',
    title: 'Vad önskar ni att ni visste första året som företagare?',
    body: `Jag har drivit **Kvällsljus Event** i ett år nu och har lärt mig mycket, oftast för sent 😅

Så jag tänkte att vi samlar tips här, för oss som är nya och för de som funderar på att starta. Mina tre:

1. Lägg undan pengar till skatten *direkt* varje månad
2. Skriv avtal även med kompisar
3. Säg nej till uppdrag som inte passar – det är okej

Vad önskar ni att någon hade sagt till er?`,
    replies: [
      { by: 'saltsmak', body: 'Att man behöver tillstånd för nästan allt, och att det tar tid. Sök tidigt!' },
      {
        by: 'kajakboden',
        body: 'Inte ung längre, men: **var med i nätverk från början**. Halva mina kunder har kommit via tips från andra företag i Skärvik.',
        replies: [{ by: 'elin_event', body: 'Så sant. Den här tråden är väl ett bevis på det!' }],
      },
      {
        by: 'klippguiden',
        body: 'Ask for help earlier. I spent my first winter alone with spreadsheets when the person next door knew everything about bookkeeping.',
        replies: [
          {
            by: 'vindrosen_bb',
            body: 'Det var nog jag som var grannen 😄 Dörren står fortfarande öppen.',
            replies: [{ by: 'klippguiden', body: 'I know, Karin – and I am using it this year!' }],
          },
        ],
      },
      { by: 'galleri_tang', body: 'Ta betalt för din tid, även när du gör något du älskar. Särskilt då, faktiskt.' },
    ],
  },
];

export interface DemoBusiness {
  name: string;
  place: string;
  website: string;
  /** Markdown, in Swedish. */
  description: string;
  /** Network slugs from DEMO_NETWORKS. */
  networks: string[];
  /** The first starts the business and is its staff admin; the others are invited and accept. */
  staff: Array<{ username: string; role: string; admin?: boolean }>;
}

/** The demo people's businesses, every one invented, with their staff. */
export const DEMO_BUSINESSES: DemoBusiness[] = [
  {
    name: 'Destination Skärvik',
    place: 'Turistbyrån, Torget 1',
    website: 'https://destination-skarvik.example',
    description:
      'Den ideella föreningen som marknadsför Skärvik som resmål. Vi driver turistbyrån, samordnar kryssningsdagarna och håller i de gemensamma nätverken.',
    networks: ['alla', 'unga-foretagare'],
    staff: [{ username: 'skarvik_turism', role: 'turismsamordnare' }],
  },
  {
    name: 'Kajakboden',
    place: 'Norra kajen, Skärvik',
    website: 'https://kajakboden.example',
    description: 'Uthyrning av havskajaker och SUP-brädor, guidade dagsturer i ytterskärgården och nybörjarkurser varje lördag under säsongen.',
    networks: ['kajak', 'alla'],
    staff: [
      { username: 'kajakboden', role: 'ägare' },
      { username: 'lisa_paddlar', role: 'kajakguide', admin: true },
    ],
  },
  {
    name: 'Ytterfjärdens fiskecamp',
    place: 'Ytterfjärden',
    website: 'https://ytterfjarden-fiske.example',
    description: 'Stugor, båtar och guidat fiske efter gädda och abborre. Vi säljer fiskekort för fjärden och lär gärna ut fånga och släpp.',
    networks: ['fiske'],
    staff: [{ username: 'fiskecampen', role: 'ägare och fiskeguide' }],
  },
  {
    name: 'Skärviks Klippguide',
    place: 'Magasinet, Hamngatan 4',
    website: 'https://klippguiden.example',
    description: 'Klätterkurser på klipporna vid Västra udden och i klätterväggen i Magasinet, för nybörjare och vana klättrare.',
    networks: ['klattring'],
    staff: [{ username: 'klippguiden', role: 'klätterinstruktör' }],
  },
  {
    name: 'B&B Vindrosen',
    place: 'Lotsbacken 7',
    website: 'https://vindrosen.example',
    description: 'Sex rum i en gammal lotsvilla med frukost på verandan. Vi tipsar gärna om paddling, fiske och kultur runt knuten.',
    networks: ['alla'],
    staff: [{ username: 'vindrosen_bb', role: 'värd' }],
  },
  {
    name: 'Hamncaféet',
    place: 'Södra kajen',
    website: 'https://hamncafeet.example',
    description: 'Kaffe, räksmörgåsar och hembakat vid gästhamnen. Vi packar matsäck till paddlare och fiskare som beställer dagen innan.',
    networks: ['alla', 'kultur'],
    staff: [
      { username: 'hamncafeet', role: 'ägare' },
      { username: 'amir_kock', role: 'kock' },
    ],
  },
  {
    name: 'Galleri Tång',
    place: 'Strandvägen 12',
    website: 'https://galleri-tang.example',
    description: 'Ett litet galleri för konst och hantverk från kusten, med utställningar från midsommar till kulturnatten.',
    networks: ['kultur'],
    staff: [{ username: 'galleri_tang', role: 'galleriägare' }],
  },
  {
    name: 'Skärviks Båttaxi',
    place: 'Gästhamnen',
    website: 'https://battaxi-skarvik.example',
    description: 'Båttaxi till öarna året runt, för gäster, kajaker och cyklar. Ring eller boka på webben.',
    networks: ['alla', 'kajak', 'fiske'],
    staff: [{ username: 'battaxi_olle', role: 'skeppare' }],
  },
  {
    name: 'Lotsens vandrarhem',
    place: 'Lotsudden',
    website: 'https://lotsens-vandrarhem.example',
    description: 'Vandrarhem med 40 bäddar, självhushåll och bastu vid vattnet. Grupper och skolresor är välkomna.',
    networks: ['alla', 'unga-foretagare'],
    staff: [{ username: 'lotsen', role: 'föreståndare' }],
  },
  {
    name: 'Kvällsljus Event',
    place: 'Skärvik',
    website: 'https://kvallsljus.example',
    description: 'Vi ordnar bröllop, konferenser och kvällar på bryggan, med musik, ljus och mat från lokala leverantörer.',
    networks: ['kultur', 'unga-foretagare'],
    staff: [{ username: 'elin_event', role: 'projektledare' }],
  },
  {
    name: 'Skärviks gästhamn',
    place: 'Gästhamnen',
    website: 'https://gasthamn-skarvik.example',
    description: 'Gästhamn med 80 platser, el, dusch och bastu. Hamnkontoret svarar på danska, svenska och engelska.',
    networks: ['fiske', 'alla'],
    staff: [{ username: 'mette_havn', role: 'hamnkapten' }],
  },
  {
    name: 'Saltsmak foodtruck',
    place: 'Torget och kajen',
    website: 'https://saltsmak.example',
    description: 'Fisk- och skaldjursmat från en foodtruck som står på torget och vid kajen på kryssningsdagarna.',
    networks: ['unga-foretagare', 'alla'],
    staff: [
      { username: 'saltsmak', role: 'grundare' },
      { username: 'amir_kock', role: 'kock' },
    ],
  },
];

/** What the demo people tell about themselves on their pages (the profiles table). */
export const DEMO_PROFILES: Record<string, { presentation: string; website?: string }> = {
  skarvik_turism: {
    presentation: 'Turismsamordnare på Destination Skärvik sedan 2019. Hör av dig om kryssningsdagar, gemensam marknadsföring eller turistbyrån.',
    website: 'https://destination-skarvik.example',
  },
  kajakboden: { presentation: 'Har paddlat i Skärviks skärgård i tjugo år och driver Kajakboden på norra kajen. Fråga gärna om leder och rastplatser.' },
  fiskecampen: { presentation: 'Född i Holland, fiskeguide i Ytterfjärden sedan 2012. Gädda på fluga är min grej.' },
  klippguiden: { presentation: 'Certifierad klätterinstruktör. I write in English when it is easier – svenska går också bra.' },
  vindrosen_bb: { presentation: 'Värd på B&B Vindrosen i den gamla lotsvillan.' },
  hamncafeet: { presentation: 'Driver Hamncaféet sedan 2015. Bakar kanelbullar varje morgon klockan sex.' },
  galleri_tang: { presentation: 'Konstnär och galleriägare. Samordnar kulturnatten tillsammans med kulturnätverket.', website: 'https://galleri-tang.example' },
  battaxi_olle: { presentation: 'Skeppare på båttaxin året runt. Ring hellre än mejla under säsongen.' },
  lotsen: { presentation: 'Föreståndare på Lotsens vandrarhem. Tar gärna emot grupper som vill paddla eller klättra.' },
  elin_event: { presentation: 'Projektledare för event och bröllop i skärgården.', website: 'https://kvallsljus.example' },
  mette_havn: { presentation: 'Hamnkapten i gæstehavnen. Jeg skriver på dansk – spørg endelig, hvis noget er uklart.' },
  saltsmak: { presentation: 'Startade Saltsmak 2023. Med i Unga företagare och gärna med på samarbeten kring mat.' },
  lisa_paddlar: { presentation: 'Kajakguide på Kajakboden om somrarna, idrottslärare resten av året.' },
  amir_kock: { presentation: 'Kock på Hamncaféet och i Saltsmaks foodtruck på kryssningsdagarna.' },
};
