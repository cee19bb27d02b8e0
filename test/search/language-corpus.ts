import type { PostLanguage } from '../../src/search/language.js';

// Forum posts written for this test, in the voice of the destination's small businesses. The Danish
// posts deliberately retell many of the Swedish ones in near-identical words, because Swedish against
// Danish is the pair a detector gets wrong. Every name and place is made up.
export interface LanguageSample {
  lang: PostLanguage;
  text: string;
}

export const LANGUAGE_CORPUS: readonly LanguageSample[] = [
  // Swedish
  { lang: 'sv', text: 'Tack, det låter jättebra!' },
  { lang: 'sv', text: 'Någon som vet när färjan börjar gå igen?' },
  { lang: 'sv', text: 'Vi har fortfarande två kajaker lediga i helgen.' },
  { lang: 'sv', text: 'Bra fråga, det undrar jag också.' },
  { lang: 'sv', text: 'Kommer ni på träffen på torsdag?' },
  { lang: 'sv', text: 'Hej! Vad kostar det att hyra en båt för en hel dag?' },
  { lang: 'sv', text: 'Absolut, skicka ett meddelande så fixar vi det.' },
  { lang: 'sv', text: 'Vi har sommaröppet från 15 juni, alla dagar 10–18.' },
  { lang: 'sv', text: 'Tack för minnesanteckningarna, Karin!' },
  { lang: 'sv', text: 'Finns det någon som säljer levande bete i Hällby?' },
  { lang: 'sv', text: 'Jag kan tyvärr inte komma, men skicka gärna anteckningarna.' },
  { lang: 'sv', text: 'Är det någon mer som har problem med bokningssystemet idag?' },
  { lang: 'sv', text: 'Ja, vi är med! Två personer från oss.' },
  { lang: 'sv', text: 'Stort grattis till nya caféet på Kvarnö!' },
  { lang: 'sv', text: 'Vilka öppettider har ni i sommar?' },
  { lang: 'sv', text: 'Det stämmer, men bara på helgerna i maj.' },
  { lang: 'sv', text: 'Någon som har tips på en bra leverantör av våtdräkter?' },
  { lang: 'sv', text: 'Vi tar gärna emot grupper, max 12 personer per guide.' },
  { lang: 'sv', text: 'Hur gick det med eventet i lördags?' },
  { lang: 'sv', text: 'Låter klokt. Jag hör av mig efter påsk.' },
  { lang: 'sv', text: 'Vi kör guidade turer varje onsdag kl. 18, samling vid bryggan.' },
  { lang: 'sv', text: '@erik_paddel kan du ta med nyckeln till förrådet?' },
  {
    lang: 'sv',
    text: 'Hej alla! Vi funderar på att erbjuda kvällspaddling med fika ute på Tallskär i juli. Är det någon som har erfarenhet av att ta betalt per person eller per grupp? Vi vill inte prissätta oss för högt, men vi har bara åtta kajaker och guiden kostar ju lika mycket oavsett.',
  },
  {
    lang: 'sv',
    text: 'Vi tar 495 kr per person med minst fyra deltagare. Under fyra blir det för dyrt för oss. Fikat köper vi från Kafé Sjöboden, de gör en riktigt fin korg med kanelbullar och termos för 85 kr per person.',
  },
  {
    lang: 'sv',
    text: '**Erbjudande till nätverket:** vi har tio begagnade flytvästar (50–70 kg) som vi inte behöver längre. Gratis för den som hämtar i Hällby före 1 maj. Svara här eller ring 070-123 45 67.',
  },
  {
    lang: 'sv',
    text: '## Minnesanteckningar, kajaknätverket 12 mars\n\n- Sju företag var med.\n- Gemensam karta över isättningsplatser: Erik tar fram ett förslag till nästa träff.\n- Parkeringen vid Grönviken räcker inte till i juli. Vi pratar med kommunen.\n- Nästa träff: 9 april kl. 17 i Sjöboden.',
  },
  {
    lang: 'sv',
    text: 'Är det någon som vet om man behöver tillstånd från markägaren för att ta betalande grupper till klipporna vid Ekholmen? Vi har klättrat där i flera år med vänner, men nu vill vi börja köra kurser och vill göra rätt från början.',
  },
  {
    lang: 'sv',
    text: 'Allemansrätten räcker inte riktigt när det är kommersiell verksamhet i större omfattning. Prata med markägaren först, det brukar lösa sig med ett enkelt avtal. Här finns en bra sammanfattning: https://www.example.se/allemansratt-for-foretag',
  },
  {
    lang: 'sv',
    text: 'Gäddfisket i Norrfjärden har varit riktigt bra den här veckan. Vi fick tre fiskar över 90 cm i tisdags, alla på jigg. Vattnet är fortfarande kallt, runt sex grader, så fisken står djupt. Alla fiskar släpptes tillbaka förstås.',
  },
  {
    lang: 'sv',
    text: 'Vi på Kafé Sjöboden letar efter en eller två sommarjobbare till juli och augusti. Du behöver inte ha jobbat på café förut, men du ska tycka om människor och klara av att stå i kassan när det är kö ut på bryggan. Skicka ett par rader om dig själv till jobb@sjoboden.example.',
  },
  {
    lang: 'sv',
    text: 'Konsthallen Ljus öppnar säsongen med en utställning om skärgårdens båtbyggare. Vernissage lördag 24 maj kl. 14. Vi bjuder på kaffe och det blir ett kort samtal med två av båtbyggarna. Välkomna, och tipsa gärna era gäster!',
  },
  {
    lang: 'sv',
    text: 'Hej! Jag är 19 år och har precis startat ett litet företag som hyr ut SUP-brädor vid badplatsen i Grönviken. Har ni några tips på hur man når ut till turister utan att lägga massa pengar på annonser? Instagram funkar okej men det är mest mina kompisar som följer.',
  },
  {
    lang: 'sv',
    text: 'Bra jobbat! Prata med turistbyrån, de delar gärna med sig av tips och kan lägga upp dig på kartan över aktiviteter. Och samarbeta med campingen, de har hundratals gäster varje vecka som frågar vad man kan göra.',
  },
  {
    lang: 'sv',
    text: 'Nu är det dags att uppdatera era uppgifter inför sommaren! Vi trycker den nya besöksguiden i slutet av april och behöver era öppettider, priser och en bild senast 10 april. Fyll i formuläret här: [Besöksguiden 2026](https://example.se/guiden)',
  },
  {
    lang: 'sv',
    text: 'Vilket bokningssystem använder ni? Vi har kört med ett gammalt Excel-ark och telefonen, men nu får vi så många förfrågningar via mejl att det inte håller. Vi vill gärna ha något där gästen kan boka och betala direkt, och som inte tar 10 % av varje booking.',
  },
  {
    lang: 'sv',
    text: 'Vi bytte förra året och är väldigt nöjda. Avgiften är 3 % plus moms och det går att koppla till hemsidan. Supporten svarar på svenska också, vilket var viktigt för oss. Säg till om du vill komma förbi och se hur det ser ut.',
  },
  {
    lang: 'sv',
    text: 'Påminnelse inför helgen: det är varning för hårda vindar på lördag, upp till 14 m/s i byarna. Vi ställer in alla turer ut mot havsbandet och kör bara i de skyddade vikarna. Gör gärna likadant och hänvisa gästerna till varandra om ni har lediga platser.',
  },
  {
    lang: 'sv',
    text: 'Vet någon om det finns laddstolpar för elbilar i Hällby? Vi får allt fler frågor från gäster som kommer med elbil och jag vet faktiskt inte vad jag ska svara.',
  },
  {
    lang: 'sv',
    text: 'Det finns två vid matbutiken och en vid hamnen, men den vid hamnen är ofta trasig. Kommunen har lovat fler till sommaren men jag skulle inte räkna med det.',
  },
  {
    lang: 'sv',
    text: 'Vi planerar en gemensam skärgårdsdag den 16 augusti med prova-på-aktiviteter: kajak, klättring, fiske och en guidad tur i gamla lotsstugan. Tanken är att varje företag bjuder på en kort aktivitet och att vi marknadsför dagen tillsammans. Vem vill vara med? Skriv en rad här så samlar vi ihop det till nästa träff.',
  },
  {
    lang: 'sv',
    text: 'Jag håller med om att vi borde samarbeta mer kring paketen. Gästerna vill inte boka tre saker på tre olika ställen, de vill ha ett pris och en bekräftelse. Kanske kan turistbyrån hjälpa till med det?',
  },
  {
    lang: 'sv',
    text: 'Vi har fått in nya hjälmar och selar i barnstorlekar, så nu kan vi ta familjer med barn från sju år. Priset för en familj på fyra är 1 600 kr för tre timmar inklusive all utrustning. Vi klättrar på de låga väggarna vid Stenbrottet, där finns det också plats för picknick.',
  },
  {
    lang: 'sv',
    text: 'Har någon erfarenhet av att sälja fisketurer till tyska gäster? Vi får många förfrågningar men de frågar om fiskekort och regler på ett sätt som gör att jag inte riktigt vet vad de förväntar sig. Finns det någon översatt information om fiskereglerna här?',
  },
  {
    lang: 'sv',
    text: 'Ja, vi har en sida på tyska och engelska som vi uppdaterar varje vår. Du får gärna länka till den. Det viktigaste är att de förstår att gäddan är fredad under våren och att det är fiskeförbud i vissa vikar.',
  },
  {
    lang: 'sv',
    text: 'Tack alla som kom på berättarkvällen i kyrkan! Vi var över 80 personer, vilket är rekord. Nästa gång blir det spökhistorier från ön, den 30 oktober. Biljetter säljs på plats, 120 kr, barn gratis.',
  },
  {
    lang: 'sv',
    text: 'Vi är tre gymnasieelever som driver ett elevföretag och gör smycken av drivved och sjöglas från stränderna här. Finns det någon butik eller något café som skulle vilja sälja dem i sommar? Vi kan lämna på kommission.',
  },
  {
    lang: 'sv',
    text: 'Kul! Kom förbi butiken en förmiddag så tittar vi på dem tillsammans. Vi har en hylla vid kassan som passar bra för lokalt hantverk.',
  },
  {
    lang: 'sv',
    text: 'Statistiken för förra året är klar: antalet gästnätter ökade med 7 % och det var framför allt i maj och september som det hände något. Det tyder på att satsningen på en längre säsong börjar ge resultat. Hela rapporten finns på vår hemsida.',
  },
  {
    lang: 'sv',
    text: 'Hur gör ni med avbokningar? Vi har haft flera grupper som avbokat dagen innan när vädret har varit dåligt, och då står vi där med en guide som vi redan har betalat. Tar ni ut en avgift och i så fall hur stor?',
  },
  {
    lang: 'sv',
    text: 'Vi har full återbetalning om vi ställer in på grund av vädret, men om gästen avbokar själv mindre än 48 timmar innan tar vi 50 %. Det står tydligt i bekräftelsen och folk brukar förstå.',
  },
  {
    lang: 'sv',
    text: 'Några saker vi har lärt oss efter fem somrar med kajakuthyrning:\n\n1. Ha alltid en extra paddel i varje bil.\n2. Skriv ut sjökorten, mobilen dör.\n3. Fråga gästerna om de kan simma – på riktigt.\n4. Ta bild på kajakerna när de lämnas ut.\n\nVad skulle ni lägga till?',
  },
  {
    lang: 'sv',
    text: 'Vi har öppet hus i nya klätterhallen på lördag mellan 11 och 15. Alla i nätverket är välkomna att prova, och ta gärna med familjen. Det blir fika och korv på gården.',
  },
  {
    lang: 'sv',
    text: 'Finns det intresse för en gemensam utbildning i första hjälpen före säsongen? Vi kan få hit en instruktör för en heldag om vi blir minst tio personer. Kostnaden delas, runt 900 kr per person.',
  },
  { lang: 'sv', text: 'Ja tack, vi är två från oss. Helst en vardag i maj, helgerna är redan fulla med bokningar.' },
  {
    lang: 'sv',
    text: 'Vad tycker ni om att ta med hundar på turerna? Vi har fått frågan flera gånger och har hittills sagt nej, men det känns som att vi tappar gäster. Hur gör ni andra?',
  },
  {
    lang: 'sv',
    text: 'Vi har testat att lägga upp våra turer på en stor bokningssajt i ett år nu. Det ger fler bokningar men marginalerna blir sämre och gästerna läser inte infon. Nästa år satsar vi på vår egen webshop och en bättre landningssida. Någon som har gjort samma resa?',
  },
  {
    lang: 'sv',
    text: 'Det blir ingen träff i juni, alla har för mycket att göra. Vi ses istället den 2 september, då går vi igenom hur sommaren har gått och vad vi vill göra annorlunda nästa år.',
  },
  {
    lang: 'sv',
    text: 'Vi har fortfarande platser kvar på höstens svampvandring, söndag 14 september kl. 10. Guiden är biolog och vi avslutar med soppa vid elden. 350 kr för vuxna, barn under tolv går gratis.',
  },
  {
    lang: 'sv',
    text: '@sara_klattrar tack för tipset om repleverantören! Vi beställde i fredags och fick allt redan i tisdags. Bättre pris än förra året också.',
  },
  {
    lang: 'sv',
    text: 'Är det bara jag som tycker att skyltningen till hamnen är dålig? Varje dag kommer det gäster som har kört fel och hamnat vid reningsverket. Kan vi inte skriva ett gemensamt brev till kommunen om det?',
  },
  {
    lang: 'sv',
    text: 'Jag skriver gärna ett utkast till brevet. Skicka mig era exempel, gärna med bilder, så lägger jag upp texten här i tråden innan vi skickar den.',
  },
  {
    lang: 'sv',
    text: 'Sommarens evenemangskalender ligger nu uppe. Saknar ni något av era evenemang, eller är det fel tid eller pris? Hör av er till oss på turistbyrån så rättar vi direkt.',
  },
  {
    lang: 'sv',
    text: 'Vi har öppnat en liten glasskiosk vid badplatsen och undrar om någon vet vad som gäller för tillstånd när man säljer mat utomhus. Räcker det med registreringen hos kommunen eller behövs det något mer?',
  },
  {
    lang: 'sv',
    text: '## Minnesanteckningar, träff för alla i turismen 4 februari\n\nVi var 23 personer från 17 företag, plus två från kommunen. Tack till Sjöboden för lokalen och kaffet!\n\n**1. Hur gick förra säsongen?**\nDe flesta säger att juli var bättre än väntat men att augusti var svagare, särskilt efter skolstarten. Flera märkte att gästerna bokar allt senare, ofta samma dag. Det ställer krav på att man syns på nätet och att bokningen fungerar i mobilen.\n\n**2. Gemensam marknadsföring**\nTuristbyrån föreslår en gemensam kampanj för september med temat "skärgården när det är lugnt". Varje företag tar fram ett erbjudande. Kostnaden delas efter storlek. Beslut tas på nästa träff.\n\n**3. Kompetens**\nÖnskemål om en kort utbildning i hur man skriver bra texter på webben och en om prissättning. Karin kollar med regionen om det finns pengar.\n\n**4. Övrigt**\n- Färjetiderna för sommaren kommer i mars.\n- Någon behöver ta över ansvaret för kartan över vandringsleder.\n\nNästa träff: 11 mars kl. 17.30.',
  },
  {
    lang: 'sv',
    text: 'Jag vill berätta lite om hur vi har jobbat med att få fler gäster under hösten, eftersom flera av er har frågat.\n\nFör tre år sedan var vårt fiskeläger i princip stängt från mitten av augusti. Vi tänkte att ingen ville vara ute på vattnet när det blir kallt. Men sedan började vi få frågor från sportfiskare som ville komma i oktober, när gäddan går upp på grundare vatten och abborren samlas i stora stim. Vi testade med två helger det första året och de blev fullbokade direkt.\n\nDet som har fungerat bäst för oss:\n\n- **Paket** med boende, båt och guide i ett pris. Gästerna vill inte pussla själva.\n- **Bastu och varm mat** på kvällen. Det låter enkelt men det är det folk pratar om efteråt.\n- **Ärliga väderbesked.** Vi ringer alla dagen innan och säger som det är. Hellre flytta en tur än få en besviken gäst.\n- **Samarbete** med caféet och gårdsbutiken, som nu håller öppet på helgerna i oktober.\n\nI år hade vi fler gästnätter i september och oktober än i juni. Det är inte stora pengar än, men det gör att vi kan ha personal anställd längre och att vi inte behöver lära upp nya varje vår. Fråga gärna om ni vill veta mer, jag delar gärna med mig.',
  },
  {
    lang: 'sv',
    text: 'Hej nätverket! Jag är ny här och driver sedan i höstas ett litet bed and breakfast i gamla skolan i Lövsund, med fyra rum och frukost på lokala råvaror. Jag kommer från Göteborg och känner inte så många här ännu, så jag tänkte presentera mig.\n\nJag letar efter samarbeten med er som har aktiviteter: många gäster frågar vad de kan göra under dagen och jag vill gärna kunna rekommendera er. Har ni broschyrer eller en länk jag kan skicka vidare? Jag funderar också på att erbjuda paket med till exempel en guidad kajaktur och middag.\n\nDessutom undrar jag hur ni gör med städning och tvätt på sommaren. Finns det något lokalt tvätteri, eller kör alla till stan? Tack på förhand, och hoppas vi ses på nästa träff!',
  },
  {
    lang: 'sv',
    text: 'Så här lägger ni in vår bokningsknapp på er egen sida, om ni vill sälja paketet med boende och kajaktur. Kopiera koden och byt ut `ert-id` mot det id ni fick i mejlet:\n\n```html\n<script src="https://widget.example.com/booking.js" data-partner="ert-id" data-package="kajak-och-boende"></script>\n```\n\nKnappen visar lediga datum och gästen betalar direkt. Ni får 10 % av varje bokning som kommer via er sida, och pengarna betalas ut en gång i månaden. Om något inte fungerar, skriv här i tråden så hjälper jag till.',
  },
  {
    lang: 'sv',
    text: 'Vi har nu gått igenom alla svar på enkäten om nätverkets framtid. Tack till alla 31 som svarade! Här är det viktigaste:\n\n- Nästan alla vill fortsätta med fysiska träffar, men inte oftare än var sjätte vecka.\n- Många vill ha mer konkreta ämnen, till exempel prissättning, personal och digital marknadsföring.\n- Flera tycker att det är svårt att hinna läsa allt i forumet under högsäsong. Vi ska därför testa ett veckobrev med en sammanfattning.\n- Önskemål om studiebesök hos varandra, särskilt hos de nya företagen.\n\nVi tar upp det här på träffen i mars och bestämmer då hur vi går vidare. Kommentera gärna redan nu om ni tycker att vi har missat något.',
  },
  {
    lang: 'sv',
    text: 'Vi har pratat mycket om klätterleden vid Stenbrottet och jag vill sammanfatta var vi står, eftersom tråden har blivit lång.\n\nMarkägaren är positiv till att vi fortsätter att använda väggarna för kurser, men vill att vi tar ansvar för stigen upp och att vi inte parkerar vid hans lada. Vi har därför kommit överens om att:\n\n1. Vi rustar stigen med trappsteg i trä på de brantaste partierna. Virket betalas av nätverket, arbetet gör vi själva en lördag i april.\n2. All parkering sker på grusplanen vid vägskälet, cirka 400 meter bort. Vi sätter upp en skylt.\n3. Vi betalar 2 000 kr per säsong till markägaren, som delas mellan de tre klätterföretagen.\n4. Fasta bultar sätts bara efter samråd med honom.\n\nDet känns som en rimlig lösning och jag tycker att vi ska säga ja. Invändningar? Annars skriver jag under avtalet nästa vecka.',
  },
  // Danish
  { lang: 'da', text: 'Tak, det lyder rigtig godt!' },
  { lang: 'da', text: 'Er der nogen, der ved hvornår færgen sejler igen?' },
  { lang: 'da', text: 'Vi har stadig to kajakker ledige i weekenden.' },
  { lang: 'da', text: 'Godt spørgsmål, det undrer jeg mig også over.' },
  { lang: 'da', text: 'Kommer I til mødet på torsdag?' },
  { lang: 'da', text: 'Hej! Hvad koster det at leje en båd en hel dag?' },
  { lang: 'da', text: 'Helt sikkert, send en besked, så ordner vi det.' },
  { lang: 'da', text: 'Vi har sommeråbent fra 15. juni, alle dage 10–18.' },
  { lang: 'da', text: 'Tak for referatet, Birthe!' },
  { lang: 'da', text: 'Er der nogen, der sælger levende madding i Tangvig?' },
  { lang: 'da', text: 'Jeg kan desværre ikke komme, men send gerne referatet.' },
  { lang: 'da', text: 'Er der andre, der har problemer med bookingsystemet i dag?' },
  { lang: 'da', text: 'Ja, vi er med! To personer fra os.' },
  { lang: 'da', text: 'Stort tillykke med den nye café på Mølleø!' },
  { lang: 'da', text: 'Hvad er jeres åbningstider i sommer?' },
  { lang: 'da', text: 'Det passer, men kun i weekenderne i maj.' },
  { lang: 'da', text: 'Nogen der har et godt tip til en leverandør af våddragter?' },
  { lang: 'da', text: 'Vi tager gerne imod grupper, højst 12 personer pr. guide.' },
  { lang: 'da', text: 'Hvordan gik det med eventet i lørdags?' },
  { lang: 'da', text: 'Det lyder fornuftigt. Jeg vender tilbage efter påske.' },
  { lang: 'da', text: 'Vi kører guidede ture hver onsdag kl. 18, vi mødes ved broen.' },
  { lang: 'da', text: '@soren_fisk kan du tage nøglen til skuret med?' },
  {
    lang: 'da',
    text: 'Hej allesammen! Vi overvejer at tilbyde aftenpadling med kaffe og kage ude ved Lyngholm i juli. Er der nogen, der har erfaring med at tage betaling per person eller per gruppe? Vi vil ikke prissætte os for højt, men vi har kun otte kajakker, og guiden koster jo det samme uanset hvad.',
  },
  {
    lang: 'da',
    text: 'Vi tager 450 kr. per person med mindst fire deltagere. Under fire bliver det for dyrt for os. Kagen køber vi hos Havnekiosken, de laver en rigtig fin kurv med kanelsnegle og termokande for 60 kr. per person.',
  },
  {
    lang: 'da',
    text: '**Tilbud til netværket:** vi har ti brugte redningsveste (50–70 kg), som vi ikke længere har brug for. Gratis for den, der henter dem i Tangvig før 1. maj. Svar her eller ring på 22 33 44 55.',
  },
  {
    lang: 'da',
    text: '## Referat, kajaknetværket 12. marts\n\n- Syv virksomheder deltog.\n- Fælles kort over isætningssteder: Mads laver et forslag til næste møde.\n- Parkeringen ved Hvidevig slår ikke til i juli. Vi tager det op med kommunen.\n- Næste møde: 9. april kl. 17 i Havnekiosken.',
  },
  {
    lang: 'da',
    text: 'Er der nogen, der ved, om man skal have tilladelse fra lodsejeren for at tage betalende grupper med op på klinten ved Stenklint? Vi har klatret der i flere år med venner, men nu vil vi begynde at holde kurser og vil gerne gøre det rigtigt fra starten.',
  },
  {
    lang: 'da',
    text: 'Adgangsreglerne rækker ikke rigtig, når det er erhverv i større omfang. Snak med lodsejeren først, det plejer at kunne klares med en simpel aftale. Her er en god oversigt: https://www.example.dk/adgang-for-erhverv',
  },
  {
    lang: 'da',
    text: 'Gedderne bider rigtig godt i fjorden i denne uge. Vi fik tre fisk over 90 cm i tirsdags, alle sammen på jig. Vandet er stadig koldt, omkring seks grader, så fiskene står dybt. Alle fisk blev selvfølgelig genudsat.',
  },
  {
    lang: 'da',
    text: 'Vi i Havnekiosken søger en eller to sommerhjælpere til juli og august. Du behøver ikke at have arbejdet på café før, men du skal kunne lide mennesker og kunne klare kassen, når der er kø helt ud på molen. Send et par linjer om dig selv til job@havnekiosken.example.',
  },
  {
    lang: 'da',
    text: 'Kunsthallen Fyrlys åbner sæsonen med en udstilling om egnens bådebyggere. Fernisering lørdag den 24. maj kl. 14. Vi byder på kaffe, og der bliver en kort samtale med to af bådebyggerne. Alle er velkomne, og fortæl det gerne til jeres gæster!',
  },
  {
    lang: 'da',
    text: 'Hej! Jeg er 19 år og har lige startet en lille virksomhed, der udlejer SUP-boards ved stranden i Hvidevig. Har I nogle gode råd til, hvordan man når ud til turister uden at bruge en masse penge på annoncer? Instagram virker okay, men det er mest mine venner, der følger med.',
  },
  {
    lang: 'da',
    text: 'Godt gået! Snak med turistkontoret, de deler gerne ud af deres erfaringer og kan sætte dig på kortet over aktiviteter. Og lav et samarbejde med campingpladsen, de har hundredvis af gæster hver uge, som spørger, hvad man kan lave.',
  },
  {
    lang: 'da',
    text: 'Nu er det tid til at opdatere jeres oplysninger før sommeren! Vi trykker den nye turistguide i slutningen af april og skal bruge jeres åbningstider, priser og et billede senest den 10. april. Udfyld formularen her: [Turistguiden 2026](https://example.dk/guiden)',
  },
  {
    lang: 'da',
    text: 'Hvilket bookingsystem bruger I? Vi har kørt med et gammelt regneark og telefonen, men nu får vi så mange henvendelser på mail, at det ikke holder længere. Vi vil gerne have noget, hvor gæsten kan booke og betale med det samme, og som ikke tager 10 % af hver booking.',
  },
  {
    lang: 'da',
    text: 'Vi skiftede sidste år og er meget tilfredse. Gebyret er 3 % plus moms, og det kan kobles på hjemmesiden. Supporten svarer også på dansk, hvilket var vigtigt for os. Sig til, hvis du vil kigge forbi og se, hvordan det ser ud.',
  },
  {
    lang: 'da',
    text: 'Påmindelse før weekenden: der er varsel om hård vind lørdag, op til 14 m/s i stødene. Vi aflyser alle ture ud mod det åbne hav og sejler kun i de beskyttede vige. Gør gerne det samme, og henvis gæsterne til hinanden, hvis I har ledige pladser.',
  },
  {
    lang: 'da',
    text: 'Ved nogen, om der er ladestandere til elbiler i Tangvig? Vi får flere og flere spørgsmål fra gæster, der kommer i elbil, og jeg ved faktisk ikke, hvad jeg skal svare.',
  },
  {
    lang: 'da',
    text: 'Der er to ved købmanden og en ved havnen, men den ved havnen er tit i stykker. Kommunen har lovet flere til sommer, men jeg ville ikke regne med det.',
  },
  {
    lang: 'da',
    text: 'Vi planlægger en fælles kystdag den 16. august med prøv-selv-aktiviteter: kajak, klatring, fiskeri og en guidet tur i det gamle lodshus. Tanken er, at hver virksomhed byder på en kort aktivitet, og at vi markedsfører dagen sammen. Hvem vil være med? Skriv en linje her, så samler vi det op til næste møde.',
  },
  {
    lang: 'da',
    text: 'Jeg er enig i, at vi burde samarbejde mere om pakkerne. Gæsterne vil ikke booke tre ting tre forskellige steder, de vil have én pris og én bekræftelse. Måske kan turistkontoret hjælpe med det?',
  },
  {
    lang: 'da',
    text: 'Vi har fået nye hjelme og seler i børnestørrelser, så nu kan vi tage familier med børn fra syv år. Prisen for en familie på fire er 1.200 kr. for tre timer inklusive alt udstyr. Vi klatrer på de lave vægge ved det gamle kalkbrud, hvor der også er plads til madpakken.',
  },
  {
    lang: 'da',
    text: 'Har nogen erfaring med at sælge fisketure til tyske gæster? Vi får mange henvendelser, men de spørger til fisketegn og regler på en måde, så jeg ikke helt ved, hvad de forventer. Findes der noget oversat materiale om fiskereglerne her?',
  },
  {
    lang: 'da',
    text: 'Ja, vi har en side på tysk og engelsk, som vi opdaterer hvert forår. Du må gerne linke til den. Det vigtigste er, at de forstår, at gedden er fredet om foråret, og at der er fiskeriforbud i nogle af vigene.',
  },
  {
    lang: 'da',
    text: 'Tak til alle, der kom til fortælleaftenen i kirken! Vi var over 80 mennesker, og det er rekord. Næste gang bliver det spøgelseshistorier fra øen den 30. oktober. Billetter sælges ved døren, 100 kr., børn gratis.',
  },
  {
    lang: 'da',
    text: 'Vi er tre gymnasieelever, der driver en elevvirksomhed og laver smykker af drivtømmer og havglas fra strandene her. Er der en butik eller en café, der kunne tænke sig at sælge dem i sommer? Vi kan levere i kommission.',
  },
  {
    lang: 'da',
    text: 'Hvor sjovt! Kig forbi butikken en formiddag, så ser vi på dem sammen. Vi har en hylde ved kassen, som passer godt til lokalt kunsthåndværk.',
  },
  {
    lang: 'da',
    text: 'Statistikken for sidste år er klar: antallet af overnatninger steg med 7 %, og det var især i maj og september, der skete noget. Det tyder på, at satsningen på en længere sæson begynder at virke. Hele rapporten ligger på vores hjemmeside.',
  },
  {
    lang: 'da',
    text: 'Hvordan håndterer I afbestillinger? Vi har haft flere grupper, der har aflyst dagen før, når vejret var dårligt, og så står vi med en guide, vi allerede har betalt. Tager I et gebyr, og hvor stort er det i så fald?',
  },
  {
    lang: 'da',
    text: 'Vi giver pengene tilbage, hvis vi aflyser på grund af vejret, men hvis gæsten selv afbestiller mindre end 48 timer før, tager vi 50 %. Det står tydeligt i bekræftelsen, og folk plejer at forstå det.',
  },
  {
    lang: 'da',
    text: 'Nogle ting, vi har lært efter fem somre med kajakudlejning:\n\n1. Hav altid en ekstra pagaj i hver bil.\n2. Print søkortene, mobilen løber tør for strøm.\n3. Spørg gæsterne, om de kan svømme – helt ærligt.\n4. Tag et billede af kajakkerne, når de bliver udleveret.\n\nHvad ville I tilføje?',
  },
  {
    lang: 'da',
    text: 'Vi holder åbent hus i den nye klatrehal på lørdag mellem 11 og 15. Alle i netværket er velkomne til at prøve, og tag endelig familien med. Der bliver kaffe og pølser i gården.',
  },
  {
    lang: 'da',
    text: 'Er der interesse for et fælles førstehjælpskursus før sæsonen? Vi kan få en instruktør herud en hel dag, hvis vi er mindst ti personer. Udgiften deles, omkring 700 kr. per person.',
  },
  { lang: 'da', text: 'Ja tak, vi er to fra os. Helst en hverdag i maj, weekenderne er allerede fyldt op med bookinger.' },
  {
    lang: 'da',
    text: 'Hvad synes I om at tage hunde med på turene? Vi har fået spørgsmålet flere gange og har indtil nu sagt nej, men det føles, som om vi mister gæster. Hvordan gør I andre?',
  },
  {
    lang: 'da',
    text: 'Vi har prøvet at lægge vores ture op på en stor bookingside i et år nu. Det giver flere bookinger, men avancen bliver mindre, og gæsterne læser ikke informationen. Næste år satser vi på vores egen webshop og en bedre landingsside. Er der nogen, der har gjort det samme?',
  },
  {
    lang: 'da',
    text: 'Der bliver ikke noget møde i juni, alle har for travlt. Vi ses i stedet den 2. september, hvor vi gennemgår, hvordan sommeren er gået, og hvad vi vil gøre anderledes næste år.',
  },
  {
    lang: 'da',
    text: 'Vi har stadig pladser tilbage på efterårets svampetur søndag den 14. september kl. 10. Guiden er biolog, og vi slutter af med suppe ved bålet. 250 kr. for voksne, børn under tolv går gratis med.',
  },
  {
    lang: 'da',
    text: '@line_klatrer tak for tippet om rebleverandøren! Vi bestilte i fredags og fik det hele allerede i tirsdags. Bedre pris end sidste år også.',
  },
  {
    lang: 'da',
    text: 'Er det kun mig, der synes, at skiltningen til havnen er dårlig? Hver dag kommer der gæster, der er kørt forkert og er endt ved rensningsanlægget. Kan vi ikke skrive et fælles brev til kommunen om det?',
  },
  {
    lang: 'da',
    text: 'Jeg skriver gerne et udkast til brevet. Send mig jeres eksempler, gerne med billeder, så lægger jeg teksten op her i tråden, før vi sender den.',
  },
  {
    lang: 'da',
    text: 'Sommerens eventkalender er nu online. Mangler I et af jeres arrangementer, eller er tidspunktet eller prisen forkert? Skriv til os på turistkontoret, så retter vi det med det samme.',
  },
  {
    lang: 'da',
    text: 'Vi har åbnet en lille iskiosk ved stranden og vil gerne vide, hvad der gælder for tilladelser, når man sælger mad udendørs. Er det nok at være registreret hos Fødevarestyrelsen, eller skal der mere til?',
  },
  {
    lang: 'da',
    text: '## Referat af fællesmødet for alle i turismen, 4. februar\n\nVi var 23 personer fra 17 virksomheder plus to fra kommunen. Tak til Havnekiosken for lokalet og kaffen!\n\n**1. Hvordan gik sidste sæson?**\nDe fleste siger, at juli var bedre end forventet, men at august var svagere, især efter skolestart. Flere har mærket, at gæsterne booker senere og senere, tit samme dag. Det kræver, at man er synlig på nettet, og at bookingen virker på mobilen.\n\n**2. Fælles markedsføring**\nTuristkontoret foreslår en fælles kampagne i september med temaet "kysten, når der er ro". Hver virksomhed laver et tilbud. Udgiften deles efter størrelse. Der træffes beslutning på næste møde.\n\n**3. Kompetencer**\nDer er ønske om et kort kursus i at skrive gode tekster til nettet og et om prissætning. Birthe undersøger, om regionen har penge til det.\n\n**4. Eventuelt**\n- Færgens sommerfartplan kommer i marts.\n- Der mangler nogen til at tage over ansvaret for kortet over vandreruter.\n\nNæste møde: 11. marts kl. 17.30.',
  },
  {
    lang: 'da',
    text: 'Jeg vil fortælle lidt om, hvordan vi har arbejdet med at få flere gæster om efteråret, fordi flere af jer har spurgt.\n\nFor tre år siden var vores fiskelejr stort set lukket fra midten af august. Vi troede, at ingen ville være ude på vandet, når det bliver koldt. Men så begyndte vi at få henvendelser fra lystfiskere, der ville komme i oktober, når gedderne går op på lavere vand, og aborrerne samles i store stimer. Vi prøvede med to weekender det første år, og de blev udsolgt med det samme.\n\nDet, der har virket bedst for os:\n\n- **Pakker** med overnatning, båd og guide til én pris. Gæsterne vil ikke selv lægge puslespil.\n- **Sauna og varm mad** om aftenen. Det lyder enkelt, men det er det, folk snakker om bagefter.\n- **Ærlige vejrmeldinger.** Vi ringer til alle dagen før og siger, som det er. Hellere flytte en tur end få en skuffet gæst.\n- **Samarbejde** med caféen og gårdbutikken, som nu holder åbent i weekenderne i oktober.\n\nI år havde vi flere overnatninger i september og oktober end i juni. Det er ikke store penge endnu, men det betyder, at vi kan have folk ansat længere og ikke skal lære nye op hvert forår. Spørg endelig, hvis I vil vide mere, jeg deler gerne ud.',
  },
  {
    lang: 'da',
    text: 'Hej netværk! Jeg er ny her og har siden efteråret drevet et lille bed and breakfast i den gamle skole i Rævsnæs med fire værelser og morgenmad af lokale råvarer. Jeg kommer fra Aarhus og kender ikke så mange her endnu, så jeg tænkte, jeg ville præsentere mig.\n\nJeg leder efter samarbejder med jer, der har aktiviteter: mange gæster spørger, hvad de kan lave i løbet af dagen, og jeg vil gerne kunne anbefale jer. Har I brochurer eller et link, jeg kan sende videre? Jeg overvejer også at tilbyde pakker med for eksempel en guidet kajaktur og middag.\n\nDesuden vil jeg gerne høre, hvordan I klarer rengøring og vasketøj om sommeren. Er der et lokalt vaskeri, eller kører alle ind til byen? Tak på forhånd, og jeg håber, vi ses til næste møde!',
  },
  {
    lang: 'da',
    text: 'Sådan sætter I vores bookingknap ind på jeres egen side, hvis I vil sælge pakken med overnatning og kajaktur. Kopiér koden, og skift `jeres-id` ud med det id, I fik på mail:\n\n```html\n<script src="https://widget.example.com/booking.js" data-partner="jeres-id" data-package="kayak-and-stay"></script>\n```\n\nKnappen viser ledige datoer, og gæsten betaler med det samme. I får 10 % af hver booking, der kommer via jeres side, og pengene bliver udbetalt en gang om måneden. Hvis noget ikke virker, så skriv her i tråden, så hjælper jeg.',
  },
  {
    lang: 'da',
    text: 'Vi har nu været alle svarene på spørgeskemaet om netværkets fremtid igennem. Tak til alle 31, der svarede! Her er det vigtigste:\n\n- Næsten alle vil fortsætte med fysiske møder, men ikke oftere end hver sjette uge.\n- Mange ønsker mere konkrete emner, for eksempel prissætning, personale og digital markedsføring.\n- Flere synes, det er svært at nå at læse alt i forummet i højsæsonen. Vi vil derfor prøve med et ugebrev med et resumé.\n- Ønske om at besøge hinanden, især de nye virksomheder.\n\nVi tager det op på mødet i marts og beslutter der, hvordan vi kommer videre. Kommentér gerne allerede nu, hvis I synes, vi har overset noget.',
  },
  {
    lang: 'da',
    text: 'Vi har talt meget om klatreruten ved kalkbruddet, og jeg vil gerne opsummere, hvor vi står, for tråden er blevet lang.\n\nLodsejeren er positiv over for, at vi fortsætter med at bruge væggene til kurser, men han vil have, at vi tager ansvar for stien derop, og at vi ikke parkerer ved hans lade. Vi er derfor blevet enige om, at:\n\n1. Vi sætter stien i stand med trappetrin af træ på de stejleste stykker. Træet betales af netværket, arbejdet gør vi selv en lørdag i april.\n2. Al parkering foregår på grusarealet ved vejgaflen, cirka 400 meter væk. Vi sætter et skilt op.\n3. Vi betaler 1.500 kr. om året til lodsejeren, som deles mellem de tre klatrevirksomheder.\n4. Faste bolte sættes kun op efter aftale med ham.\n\nDet virker som en rimelig løsning, og jeg synes, vi skal sige ja. Indvendinger? Ellers skriver jeg under på aftalen i næste uge.',
  },
  // English
  { lang: 'en', text: 'Thanks, that sounds great!' },
  { lang: 'en', text: 'Does anyone know when the ferry starts running again?' },
  { lang: 'en', text: 'We still have two kayaks free this weekend.' },
  { lang: 'en', text: 'Good question, I was wondering the same.' },
  { lang: 'en', text: 'Are you coming to the meeting on Thursday?' },
  { lang: 'en', text: 'Hi! What does it cost to rent a boat for a whole day?' },
  { lang: 'en', text: "Sure, send me a message and we'll sort it out." },
  { lang: 'en', text: 'Summer hours from 15 June: every day 10–18.' },
  { lang: 'en', text: 'Thanks for the minutes, Tom!' },
  { lang: 'en', text: 'Anyone selling live bait near the harbour?' },
  { lang: 'en', text: "Can't make it, sorry, but please share the notes afterwards." },
  { lang: 'en', text: 'Is anyone else having trouble with the booking system today?' },
  { lang: 'en', text: 'Yes, count us in! Two people from our side.' },
  { lang: 'en', text: 'Congratulations on the new café on Kvarnö!' },
  { lang: 'en', text: 'What are your opening hours this summer?' },
  { lang: 'en', text: 'Correct, but only at weekends in May.' },
  { lang: 'en', text: 'Any tips on a good wetsuit supplier?' },
  { lang: 'en', text: 'We happily take groups, max 12 people per guide.' },
  { lang: 'en', text: 'How did the event go on Saturday?' },
  { lang: 'en', text: "Makes sense. I'll get back to you after Easter." },
  { lang: 'en', text: 'Guided tours every Wednesday at 6 pm, meet at the jetty.' },
  { lang: 'en', text: '@hannah_climbs could you bring the key to the shed?' },
  {
    lang: 'en',
    text: "Hi everyone, I run the climbing school up at the old quarry and we're thinking about adding evening sessions in July. Do you charge per person or per group for short sessions? I don't want to price myself out, but I only have two instructors and they cost the same either way.",
  },
  {
    lang: 'en',
    text: 'We charge 450 SEK per person with a minimum of four. Below four it just does not pay. We buy the picnic from the café on the pier, they do a lovely basket with cinnamon buns and a flask of coffee.',
  },
  {
    lang: 'en',
    text: '**Offer to the network:** ten used buoyancy aids (50–70 kg) that we no longer need. Free to whoever collects them in Hällby before 1 May. Reply here or call +46 70 123 45 67.',
  },
  {
    lang: 'en',
    text: '## Minutes, climbing network, 12 March\n\n- Six businesses attended.\n- Shared map of routes and access points: Ben will draft one for the next meeting.\n- Parking at the quarry is not enough in July. We will raise it with the council.\n- Next meeting: 9 April at 5 pm at the climbing hall.',
  },
  {
    lang: 'en',
    text: 'Does anyone know whether we need the landowner’s permission to take paying groups to the cliffs at Ekholmen? We have climbed there for years with friends, but now we want to start running courses and would like to get it right from the start.',
  },
  {
    lang: 'en',
    text: 'The right of public access does not really cover commercial activity on a larger scale. Talk to the landowner first; it usually ends with a simple written agreement. There is a good summary here: https://www.example.com/public-access-for-businesses',
  },
  {
    lang: 'en',
    text: 'Pike fishing in the northern bay has been excellent this week. We had three fish over 90 cm on Tuesday, all on jigs. The water is still cold, around six degrees, so the fish are holding deep. All released, of course.',
  },
  {
    lang: 'en',
    text: 'We are looking for one or two people to help out at the café in July and August. No experience needed, but you should enjoy meeting people and stay calm when the queue reaches the end of the pier. Send a few lines about yourself to jobs@piercafe.example.',
  },
  {
    lang: 'en',
    text: 'The art hall opens the season with an exhibition about the boatbuilders of the archipelago. Opening on Saturday 24 May at 2 pm, with coffee and a short conversation with two of the builders. Everyone welcome, please tell your guests!',
  },
  {
    lang: 'en',
    text: "Hi! I'm 19 and I've just started a small business renting out paddleboards at the beach in Grönviken. Any advice on reaching tourists without spending a fortune on ads? Instagram works okay, but it's mostly my friends who follow me.",
  },
  {
    lang: 'en',
    text: 'Well done! Talk to the visitor centre, they are happy to share what works and can put you on the activity map. And team up with the campsite: hundreds of guests a week ask them what there is to do.',
  },
  {
    lang: 'en',
    text: 'Time to update your listings before the summer! We print the new visitor guide at the end of April and need your opening hours, prices and one photo by 10 April. Fill in the form here: [Visitor guide 2026](https://example.com/guide)',
  },
  {
    lang: 'en',
    text: 'Which booking system do you use? We have been running on an old spreadsheet and the phone, but we now get so many enquiries by email that it no longer works. We want guests to book and pay online, without the platform taking 10 % of every booking.',
  },
  {
    lang: 'en',
    text: 'We switched last year and are very happy with it. The fee is 3 % plus VAT and it plugs straight into the website. Their support also answers in Swedish, which mattered to us. Let me know if you want to drop by and have a look.',
  },
  {
    lang: 'en',
    text: 'Reminder for the weekend: strong winds forecast on Saturday, gusts up to 14 m/s. We are cancelling all trips towards the open sea and only paddling in the sheltered bays. Please do the same, and send guests to each other if you have free places.',
  },
  {
    lang: 'en',
    text: 'Does anyone know if there are EV chargers in Hällby? More and more guests arrive by electric car and ask me, and I honestly have no idea what to tell them.',
  },
  {
    lang: 'en',
    text: "There are two at the grocery shop and one at the harbour, but the harbour one is often broken. The council has promised more by summer, but I wouldn't count on it.",
  },
  {
    lang: 'en',
    text: 'We are planning a shared open day on 16 August with taster sessions: kayaking, climbing, fishing and a guided tour of the old pilot station. Each business offers one short activity and we market the day together. Who is in? Leave a line here and we will collect everything for the next meeting.',
  },
  {
    lang: 'en',
    text: 'I agree we should work together more on packages. Guests do not want to book three things in three places; they want one price and one confirmation. Maybe the destination office could help with that?',
  },
  {
    lang: 'en',
    text: 'We now have helmets and harnesses in children’s sizes, so families with kids from seven can join. A family of four pays 1,600 SEK for three hours including all gear. We climb on the low walls by the quarry, where there is also room for a picnic.',
  },
  {
    lang: 'en',
    text: 'Has anyone sold fishing trips to German visitors? We get lots of enquiries, but they ask about licences and rules in a way that makes me unsure what they expect. Is there any translated information about the local fishing regulations?',
  },
  {
    lang: 'en',
    text: 'Yes, we keep a page in German and English that we update every spring. Feel free to link to it. The key thing is that pike are protected in spring and that some bays are closed to fishing altogether.',
  },
  {
    lang: 'en',
    text: 'Thank you to everyone who came to the storytelling evening at the church! Over 80 people, a new record. Next time it will be ghost stories from the island, on 30 October. Tickets at the door, 120 SEK, children free.',
  },
  {
    lang: 'en',
    text: 'We are three students running a school company that makes jewellery from driftwood and sea glass found on the beaches here. Would any shop or café like to sell them this summer? We can leave them on commission.',
  },
  {
    lang: 'en',
    text: 'Lovely! Come by the shop one morning and we can look at them together. We have a shelf by the till that works well for local crafts.',
  },
  {
    lang: 'en',
    text: 'Last year’s figures are in: guest nights rose by 7 %, mostly in May and September. That suggests the push for a longer season is starting to pay off. The full report is on our website.',
  },
  {
    lang: 'en',
    text: 'How do you handle cancellations? Several groups have cancelled the day before when the weather looked bad, and we are left with a guide we have already paid. Do you charge a fee, and if so how much?',
  },
  {
    lang: 'en',
    text: 'We refund in full if we cancel because of the weather, but if the guest cancels less than 48 hours before, we keep 50 %. It is clearly stated in the confirmation and people generally understand.',
  },
  {
    lang: 'en',
    text: 'A few things we have learned after five summers of kayak rental:\n\n1. Always keep a spare paddle in every van.\n2. Print the charts, phones die.\n3. Ask guests if they can swim – and mean it.\n4. Photograph the kayaks when they go out.\n\nWhat would you add?',
  },
  {
    lang: 'en',
    text: 'Open house at the new climbing hall on Saturday between 11 and 3. Everyone in the network is welcome to have a go, bring the family. Coffee and hot dogs in the yard.',
  },
  {
    lang: 'en',
    text: 'Would people be interested in a joint first aid course before the season? We can bring an instructor out for a full day if at least ten of us sign up. The cost would be shared, roughly 900 SEK each.',
  },
  { lang: 'en', text: 'Yes please, two of us. Ideally a weekday in May, our weekends are already fully booked.' },
  {
    lang: 'en',
    text: 'What do you think about dogs on tours? We have been asked several times and so far said no, but it feels like we are losing guests. How do the rest of you handle it?',
  },
  {
    lang: 'en',
    text: 'We have listed our tours on one of the big booking sites for a year now. It brings more bookings, but the margins are thinner and guests never read the details. Next year we will focus on our own web shop and a better landing page. Anyone been down that road?',
  },
  {
    lang: 'en',
    text: 'No meeting in June, everyone is too busy. We will meet again on 2 September to go through how the summer went and what we want to do differently next year.',
  },
  {
    lang: 'en',
    text: 'A few places left on the autumn mushroom walk, Sunday 14 September at 10. The guide is a biologist and we finish with soup by the fire. 350 SEK for adults, under twelves free.',
  },
  {
    lang: 'en',
    text: 'Is it just me, or is the signage to the harbour really poor? Every day guests turn up who took a wrong turn and ended up at the water treatment plant. Could we write a joint letter to the council?',
  },
  {
    lang: 'en',
    text: 'Quick note from the destination office: the summer events calendar is live. If one of your events is missing or the time or price is wrong, email us and we will fix it straight away.',
  },
  {
    lang: 'en',
    text: 'We have opened a small ice cream kiosk by the beach. Does anyone know what permits apply to selling food outdoors? Is registering with the council enough, or is there more to it?',
  },
  {
    lang: 'en',
    text: 'Our guides speak Swedish, English and German, and one of them is learning Danish, so feel free to send us mixed groups. Minimum age on the sea kayak tours is twelve.',
  },
  {
    lang: 'en',
    text: '## Minutes: meeting for everyone in tourism, 4 February\n\nTwenty-three people from 17 businesses, plus two from the council. Thanks to the pier café for the room and the coffee!\n\n**1. How did last season go?**\nMost said July beat expectations but August was weaker, especially after schools went back. Several have noticed that guests book later and later, often on the same day. That means being visible online and having a booking flow that works on a phone.\n\n**2. Joint marketing**\nThe destination office proposes a joint campaign in September on the theme "the coast when it is quiet". Each business puts together one offer, and the cost is shared by size. Decision at the next meeting.\n\n**3. Skills**\nPeople asked for a short course on writing good web copy and one on pricing. Tom will check whether the region has funding.\n\n**4. Any other business**\n- The summer ferry timetable is due in March.\n- Someone needs to take over the map of walking trails.\n\nNext meeting: 11 March at 5.30 pm.',
  },
  {
    lang: 'en',
    text: 'I wanted to share how we have brought in more guests in the autumn, since a few of you asked.\n\nThree years ago our fishing camp was basically closed from mid-August. We assumed nobody wanted to be out on the water once it got cold. Then anglers started asking to come in October, when the pike move into shallower water and the perch gather in big shoals. We tried two weekends the first year and both sold out immediately.\n\nWhat has worked best for us:\n\n- **Packages** with accommodation, boat and guide at one price. Guests do not want to piece it together themselves.\n- **Sauna and a hot meal** in the evening. It sounds simple, but it is what people talk about afterwards.\n- **Honest weather calls.** We ring everyone the day before and tell it like it is. Better to move a trip than to disappoint a guest.\n- **Working with** the café and the farm shop, which now open at weekends in October.\n\nThis year we had more guest nights in September and October than in June. It is not big money yet, but it lets us keep staff on longer and we do not have to train new people every spring. Ask away if you want to know more.',
  },
  {
    lang: 'en',
    text: 'Hello network! I am new here: since last autumn I have been running a small bed and breakfast in the old school house in Lövsund, four rooms and breakfast made from local produce. I moved here from Manchester and do not know many people yet, so I thought I would introduce myself.\n\nI am looking to work with those of you who run activities. Guests constantly ask what they can do during the day and I would love to recommend you. Do you have leaflets or a link I can pass on? I am also thinking about packages, for example a guided kayak trip plus dinner.\n\nAlso, how do you deal with cleaning and laundry in the summer? Is there a local laundry, or does everyone drive into town? Thanks in advance, and I hope to see you at the next meeting!',
  },
  {
    lang: 'en',
    text: 'Here is how to add our booking button to your own site if you want to sell the kayak-and-stay package. Copy the snippet and replace `your-id` with the id from your email:\n\n```html\n<script src="https://widget.example.com/booking.js" data-partner="your-id" data-package="kayak-and-stay"></script>\n```\n\nThe button shows available dates and the guest pays straight away. You get 10 % of every booking made through your site, paid out once a month. If anything breaks, post here and I will help.',
  },
  {
    lang: 'en',
    text: 'We have gone through all the answers to the survey about the future of the network. Thanks to all 31 of you who replied! The main points:\n\n- Nearly everyone wants to keep meeting in person, but no more often than every six weeks.\n- Many want more concrete topics, such as pricing, staffing and digital marketing.\n- Several find it hard to keep up with the forum in high season, so we will try a weekly summary email.\n- People would like to visit each other’s businesses, especially the new ones.\n\nWe will discuss this at the March meeting and decide how to move forward. Comment now if you think we have missed anything.',
  },
  {
    lang: 'en',
    text: 'We have talked a lot about the climbing area at the quarry, so let me sum up where we stand, since the thread has grown long.\n\nThe landowner is happy for us to keep using the walls for courses, but he wants us to take care of the path up and not to park by his barn. So we have agreed that:\n\n1. We repair the path with timber steps on the steepest sections. The network pays for the wood; we do the work ourselves on a Saturday in April.\n2. All parking is on the gravel area at the fork, about 400 metres away. We will put up a sign.\n3. We pay the landowner 2,000 SEK per season, split between the three climbing businesses.\n4. Fixed bolts only go in after agreeing with him.\n\nThis feels like a fair deal and I think we should say yes. Any objections? Otherwise I will sign the agreement next week.',
  },
];
