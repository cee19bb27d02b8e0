// The strings of conveners in the open: inviting a co-convener, the invitee's answer, the log's line for
// it, and the convener's guide (/guide/conveners), in every locale (index.ts merges them into the catalogs).
import type { AreaStrings } from './area.js';

export const convenersStrings: AreaStrings = {
  sv: {
    'conveners.add.heading': 'Bjud in en sammankallande',
    'conveners.add.hint': 'Medlemmens användarnamn, utan @. Hen tackar ja eller nej bland sina notiser.',
    'conveners.add.adminHint': 'Medlemmens användarnamn, utan @. En inbjudan väntar på medlemmens svar; som administratör kan du också utse direkt.',
    'conveners.add.invite': 'Bjud in',
    'conveners.add.appoint': 'Utse direkt',
    'conveners.invite.alreadyConvener': 'Medlemmen är redan sammankallande för nätverket',
    'conveners.invite.noInvitation': 'Ingen inbjudan väntar på svar från medlemmen',
    'conveners.invitations.waiting': 'Inbjudningar som väntar på svar',
    'conveners.invitations.invitedBy': 'inbjuden av {name}',
    'conveners.invitations.withdraw': 'Dra tillbaka inbjudan till {name}',
    'conveners.invitation.heading': 'Inbjudningar att vara sammankallande',
    'conveners.invitation.from': '{name} bjuder in dig att vara sammankallande för {network} tillsammans.',
    'conveners.invitation.toYou': 'Du är inbjuden att vara sammankallande för {network}.',
    'conveners.invitation.accept': 'Tacka ja',
    'conveners.invitation.decline': 'Tacka nej',
    'conveners.invitation.readGuide': 'Vad gör en sammankallande? Läs guiden',
    'notice.conveners.invited': '{name} är inbjuden att vara sammankallande för {network}.',
    'notice.conveners.withdrawn': 'Inbjudan till {name} är tillbakadragen.',
    'notice.conveners.joined': 'Du är nu sammankallande för {network}. Välkommen – här är guiden.',
    'notice.conveners.declined': 'Du tackade nej till att vara sammankallande för {network}.',
    'log.action.accept-convener': 'tackade ja till att vara sammankallande, inbjuden av',
    'guide.conveners.link': 'Guide för sammankallande',
    'guide.conveners.title': 'Guide för sammankallande',
    'guide.conveners.intro':
      'De flesta sammankallande här har aldrig lett ett nätverk förut, och allra minst på nätet. Det behövs inte heller. Guiden är kort: läs den en gång och kom tillbaka när något händer som du är osäker på.',
    'guide.conveners.contents': 'Innehåll',
    'guide.conveners.what.title': 'Vad en sammankallande är här',
    'guide.conveners.what.1':
      'Ett nätverk på Bryggan är en grupp av ortens företag med ett gemensamt intresse – kajak, fiske, mat, kultur. Den sammankallande håller det levande och användbart: sätter igång samtal, får folk att känna sig välkomna och håller samtalet kring det som nätverket är till för.',
    'guide.conveners.what.2':
      'Du är inte nätverkets ägare, chef eller polis. Nätverket tillhör sina medlemmar. Din uppgift är att göra det lätt för dem att hjälpa varandra – och att kliva in, lugnt och öppet, när något står i vägen.',
    'guide.conveners.what.3':
      'Var sammankallande tillsammans med någon. Två eller tre delar på arbetet, täcker upp för varandra under semestern och ser saker från mer än ett håll. På nätverkets sida för sammankallande bjuder du in någon att dela uppdraget; hen tackar ja eller nej bland sina notiser.',
    'guide.conveners.sharing.title': 'Led genom att dela',
    'guide.conveners.sharing.1':
      'Folk delar när de ser andra dela. Ställ frågorna du verkligen har, berätta vad som fungerade den här säsongen och vad som inte gjorde det, tipsa om en leverantör eller ett tillstånd.',
    'guide.conveners.sharing.2':
      'Skriv som en kollega, inte som ett kontor. Ett kort, ärligt inlägg om ett verkligt problem gör mer för ett nätverk än ett putsat meddelande.',
    'guide.conveners.sharing.3': 'När någon delar något användbart: tacka och säg varför. Det tar en minut och visar alla vad nätverket är till för.',
    'guide.conveners.welcome.title': 'Välkomna nya medlemmar',
    'guide.conveners.welcome.1':
      'Det första svaret en ny medlem får avgör om hen skriver ett andra inlägg. Se till att varje ny medlems första tråd får ett svar inom en dag eller två – från dig, eller från någon du ber hjälpa till.',
    'guide.conveners.welcome.2':
      'Presentera folk för varandra: ”Anna på hamncaféet hade samma fråga i våras.” Ett namn och en anledning att prata är ofta allt som behövs.',
    'guide.conveners.welcome.3':
      'Nya medlemmar kan inte de oskrivna reglerna än. Om ett första inlägg hamnar fel, förklara vänligt i ett svar, eller prata med personen, innan du tar till något verktyg.',
    'guide.conveners.meet.title': 'Träffas på riktigt',
    'guide.conveners.meet.1':
      'Ett nätverk lever längre när medlemmarna har träffats. En fika i hamnen, en promenad längs den nya leden före säsongen, ett besök hos en medlems företag – en tråd på anslagstavlan räcker för att ordna det.',
    'guide.conveners.meet.2':
      'Håll det enkelt och regelbundet hellre än stort och sällan. Skriv korta minnesanteckningar efteråt, så att de som inte kunde komma ändå är med.',
    'guide.conveners.relevant.title': 'Håll samtalet relevant – tillsammans',
    'guide.conveners.relevant.1':
      'Varje nätverk säger vad det är till för och vad det inte är till för, och kan ha några regler. Skriv dem tillsammans med medlemmarna, med enkla ord, och håll dem få. Regler som folk har varit med och skrivit är regler som folk följer.',
    'guide.conveners.relevant.2':
      'När en tråd glider iväg räcker oftast en vänlig knuff: ”Bra fråga – den får nog fler svar i matnätverket.” Du kan också flytta en tråd till det nätverk där den hör hemma; flytten syns i loggen, med din kommentar.',
    'guide.conveners.relevant.3':
      'Medlemmar kan flagga ett inlägg som inte hör hemma. En flagga är en signal, inte en dom: läs inlägget, tänk på personen som skrev det, och bestäm dig sedan.',
    'guide.conveners.hide.title': 'När du döljer och när du pratar',
    'guide.conveners.hide.1':
      'Prata först. De flesta problem är missförstånd, och ett svar eller några ord direkt till personen löser dem utan att någon tappar ansiktet. Prata när ett inlägg är klumpigt, hetsigt eller lite vid sidan av ämnet.',
    'guide.conveners.hide.2':
      'Dölj när ett inlägg skadar nätverket: skräppost, personangrepp, någons privata uppgifter, eller något som tydligt bryter mot en regel sedan du bett om annat. Att dölja är aldrig att radera: författaren ser fortfarande inlägget, med ditt skäl, och du kan visa det igen.',
    'guide.conveners.hide.3':
      'Ange alltid ett skäl – en regel, fel ämne, skräppost eller en kommentar med egna ord. Allt som döljs, flyttas, låses och stängs av syns i nätverkets öppna modereringslogg, så att alla ser att reglerna gäller lika för alla.',
    'guide.conveners.hide.4':
      'Titta i granskningskön då och då: där finns inläggen som medlemmar har flaggat. När tillräckligt många flaggar ett inlägg döljs det tills en sammankallande har tittat på det; håll med, eller visa det igen om flaggorna var fel.',
    'guide.conveners.admin.title': 'När du ska fråga en administratör',
    'guide.conveners.admin.1':
      'Fråga destinationens administratörer när något är större än ett samtal: hot, sådant som kan vara olagligt, en medlem som kommer tillbaka gång på gång trots avstängning, eller en konflikt där du själv är part.',
    'guide.conveners.admin.2':
      'Fråga också när du behöver en hand: när du vill lämna uppdraget, hitta en ny sammankallande att dela det med, eller bara prata igenom ett svårt fall. Att vara sammankallande är ett delat ansvar – du är inte ensam om det.',
    'guide.conveners.tools.title': 'Var verktygen finns',
    'guide.conveners.tools.1':
      'Menyn Verktyg på nätverkets anslagstavla leder till granskningskön, sidan för sammankallande och till att stänga av ett konto från nätverket; reglerna och modereringsloggen finns i samma meny. Varje inlägg kan döljas från sin meny, och varje tråd kan flyttas, låsas och fästas. Menyn högst upp på varje sida listar nätverken du är sammankallande för.',
  },
  da: {
    'conveners.add.heading': 'Invitér en tovholder',
    'conveners.add.hint': 'Medlemmets brugernavn, uden @. Vedkommende siger ja eller nej blandt sine notifikationer.',
    'conveners.add.adminHint': 'Medlemmets brugernavn, uden @. En invitation venter på medlemmets svar; som administrator kan du også udpege direkte.',
    'conveners.add.invite': 'Invitér',
    'conveners.add.appoint': 'Udpeg direkte',
    'conveners.invite.alreadyConvener': 'Medlemmet er allerede tovholder for netværket',
    'conveners.invite.noInvitation': 'Ingen invitation venter på svar fra medlemmet',
    'conveners.invitations.waiting': 'Invitationer, der venter på svar',
    'conveners.invitations.invitedBy': 'inviteret af {name}',
    'conveners.invitations.withdraw': 'Træk invitationen til {name} tilbage',
    'conveners.invitation.heading': 'Invitationer til at være tovholder',
    'conveners.invitation.from': '{name} inviterer dig til at være tovholder for {network} sammen.',
    'conveners.invitation.toYou': 'Du er inviteret til at være tovholder for {network}.',
    'conveners.invitation.accept': 'Sig ja tak',
    'conveners.invitation.decline': 'Sig nej tak',
    'conveners.invitation.readGuide': 'Hvad gør en tovholder? Læs guiden',
    'notice.conveners.invited': '{name} er inviteret til at være tovholder for {network}.',
    'notice.conveners.withdrawn': 'Invitationen til {name} er trukket tilbage.',
    'notice.conveners.joined': 'Du er nu tovholder for {network}. Velkommen – her er guiden.',
    'notice.conveners.declined': 'Du sagde nej tak til at være tovholder for {network}.',
    'log.action.accept-convener': 'sagde ja til at være tovholder, inviteret af',
    'guide.conveners.link': 'Guide for tovholdere',
    'guide.conveners.title': 'Guide for tovholdere',
    'guide.conveners.intro':
      'De fleste tovholdere her har aldrig ledet et netværk før, og slet ikke online. Det behøver man heller ikke. Guiden er kort: læs den én gang, og kom tilbage, når der sker noget, du er i tvivl om.',
    'guide.conveners.contents': 'Indhold',
    'guide.conveners.what.title': 'Hvad en tovholder er her',
    'guide.conveners.what.1':
      'Et netværk på Bryggan er en gruppe af destinationens virksomheder med en fælles interesse – kajak, fiskeri, mad, kultur. Tovholderen holder det levende og nyttigt: sætter samtaler i gang, får folk til at føle sig velkomne og holder snakken om det, netværket er til for.',
    'guide.conveners.what.2':
      'Du er ikke netværkets ejer, chef eller politi. Netværket tilhører medlemmerne. Din opgave er at gøre det let for dem at hjælpe hinanden – og at træde til, roligt og åbent, når noget står i vejen.',
    'guide.conveners.what.3':
      'Vær tovholder sammen med nogen. To eller tre deler arbejdet, dækker for hinanden i ferien og ser tingene fra mere end én side. På netværkets side for tovholdere inviterer du en medtovholder; vedkommende siger ja eller nej blandt sine notifikationer.',
    'guide.conveners.sharing.title': 'Led ved at dele',
    'guide.conveners.sharing.1':
      'Folk deler, når de ser andre dele. Stil de spørgsmål, du faktisk har, fortæl, hvad der virkede i denne sæson, og hvad der ikke gjorde, og giv et tip om en leverandør eller en tilladelse.',
    'guide.conveners.sharing.2':
      'Skriv som en kollega, ikke som et kontor. Et kort, ærligt indlæg om et rigtigt problem gør mere for et netværk end en poleret meddelelse.',
    'guide.conveners.sharing.3': 'Når nogen deler noget nyttigt, så sig tak, og sig hvorfor. Det tager et minut og viser alle, hvad netværket er til for.',
    'guide.conveners.welcome.title': 'Byd nye medlemmer velkommen',
    'guide.conveners.welcome.1':
      'Det første svar, et nyt medlem får, afgør, om vedkommende skriver et indlæg nummer to. Sørg for, at hvert nyt medlems første tråd får et svar inden for en dag eller to – fra dig eller fra en, du beder om at hjælpe.',
    'guide.conveners.welcome.2':
      'Præsentér folk for hinanden: »Anna fra havnecaféen havde det samme spørgsmål sidste forår.« Et navn og en grund til at tale sammen er ofte alt, der skal til.',
    'guide.conveners.welcome.3':
      'Nye medlemmer kender ikke de uskrevne regler endnu. Hvis et første indlæg rammer ved siden af, så forklar venligt i et svar, eller tal med personen, før du griber til et værktøj.',
    'guide.conveners.meet.title': 'Mød hinanden i virkeligheden',
    'guide.conveners.meet.1':
      'Et netværk lever længere, når medlemmerne har mødt hinanden. En kop kaffe på havnen, en tur ad den nye sti før sæsonen, et besøg hos et medlems virksomhed – en tråd på opslagstavlen er nok til at sætte det i gang.',
    'guide.conveners.meet.2':
      'Hold det enkelt og jævnligt frem for stort og sjældent. Skriv et kort referat bagefter, så dem, der ikke kunne komme, stadig er med.',
    'guide.conveners.relevant.title': 'Hold snakken relevant – sammen',
    'guide.conveners.relevant.1':
      'Hvert netværk siger, hvad det er til for, og hvad det ikke er til for, og kan have nogle få regler. Skriv dem sammen med medlemmerne, i et enkelt sprog, og hold dem få. Regler, folk har været med til at skrive, er regler, folk holder.',
    'guide.conveners.relevant.2':
      'Når en tråd glider ud, er et venligt puf som regel nok: »Godt spørgsmål – det får nok flere svar i madnetværket.« Du kan også flytte en tråd til det netværk, hvor den hører hjemme; flytningen står i loggen med din bemærkning.',
    'guide.conveners.relevant.3':
      'Medlemmer kan markere et indlæg, der ikke hører hjemme. En markering er et signal, ikke en dom: læs indlægget, tænk på personen, der skrev det, og beslut dig så.',
    'guide.conveners.hide.title': 'Hvornår du skjuler, og hvornår du taler',
    'guide.conveners.hide.1':
      'Tal først. De fleste problemer er misforståelser, og et svar eller et par ord direkte til personen løser dem, uden at nogen taber ansigt. Tal, når et indlæg er klodset, ophedet eller lidt ved siden af emnet.',
    'guide.conveners.hide.2':
      'Skjul, når et indlæg skader netværket: spam, personangreb, andres private oplysninger eller noget, der tydeligt bryder en regel, efter at du har bedt om andet. At skjule er aldrig at slette: forfatteren ser stadig indlægget med din begrundelse, og du kan vise det igen.',
    'guide.conveners.hide.3':
      'Giv altid en begrundelse – en regel, uden for emnet, spam eller en bemærkning med dine egne ord. Alt, hvad der skjules, flyttes, låses og udelukkes, står i netværkets offentlige modereringslog, så alle kan se, at reglerne gælder ens for alle.',
    'guide.conveners.hide.4':
      'Kig i gennemgangskøen en gang imellem: den viser de indlæg, medlemmer har markeret. Når nok medlemmer markerer et indlæg, skjules det, indtil en tovholder har set på det; giv dem ret, eller vis det igen, hvis markeringerne var forkerte.',
    'guide.conveners.admin.title': 'Hvornår du spørger en administrator',
    'guide.conveners.admin.1':
      'Spørg destinationens administratorer, når noget er større end en samtale: trusler, noget, der kan være ulovligt, et medlem, der bliver ved med at komme tilbage trods udelukkelse, eller en konflikt, du selv er part i.',
    'guide.conveners.admin.2':
      'Spørg også, når du har brug for en hånd: når du vil træde tilbage, finde en ny medtovholder eller bare tale en svær sag igennem. At være tovholder er et fælles ansvar – du står ikke alene med det.',
    'guide.conveners.tools.title': 'Hvor værktøjerne er',
    'guide.conveners.tools.1':
      'Menuen Værktøjer på netværkets opslagstavle fører til gennemgangskøen, siden for tovholdere og til at udelukke en konto fra netværket; reglerne og modereringsloggen er i samme menu. Hvert indlæg kan skjules fra sin menu, og hver tråd kan flyttes, låses og fastgøres. Menuen øverst på hver side viser de netværk, du er tovholder for.',
  },
  en: {
    'conveners.add.heading': 'Invite a convener',
    'conveners.add.hint': 'The member’s username, without @. They accept or decline from their notifications.',
    'conveners.add.adminHint':
      'The member’s username, without @. An invitation waits for the member’s answer; as an administrator you may also appoint at once.',
    'conveners.add.invite': 'Invite',
    'conveners.add.appoint': 'Appoint at once',
    'conveners.invite.alreadyConvener': 'This member already convenes the network',
    'conveners.invite.noInvitation': 'No invitation waits for this member’s answer',
    'conveners.invitations.waiting': 'Invitations waiting for an answer',
    'conveners.invitations.invitedBy': 'invited by {name}',
    'conveners.invitations.withdraw': 'Withdraw the invitation to {name}',
    'conveners.invitation.heading': 'Invitations to convene',
    'conveners.invitation.from': '{name} invites you to convene {network} together.',
    'conveners.invitation.toYou': 'You are invited to convene {network}.',
    'conveners.invitation.accept': 'Accept',
    'conveners.invitation.decline': 'Decline',
    'conveners.invitation.readGuide': 'What does a convener do? Read the guide',
    'notice.conveners.invited': '{name} is invited to convene {network}.',
    'notice.conveners.withdrawn': 'The invitation to {name} is withdrawn.',
    'notice.conveners.joined': 'You now convene {network}. Welcome – here is the guide.',
    'notice.conveners.declined': 'You declined to convene {network}.',
    'log.action.accept-convener': 'accepted an invitation to convene, from',
    'guide.conveners.link': 'Convener’s guide',
    'guide.conveners.title': 'A convener’s guide',
    'guide.conveners.intro':
      'Most conveners here have never led a network before, online least of all. You don’t need to have. This guide is short: read it once, and come back when something happens that you are unsure about.',
    'guide.conveners.contents': 'Contents',
    'guide.conveners.what.title': 'What a convener is here',
    'guide.conveners.what.1':
      'A network on Bryggan is a group of the destination’s businesses who share an interest – kayaking, fishing, food, culture. A convener keeps it alive and useful: starts conversations, makes people feel welcome, and keeps the talk on what the network is for.',
    'guide.conveners.what.2':
      'You are not its owner, its boss or its police. The network belongs to its members. Your job is to make it easy for them to help each other – and to step in, calmly and openly, when something gets in the way.',
    'guide.conveners.what.3':
      'Convene with someone. Two or three conveners share the work, cover for each other during the holidays and see things from more than one side. On the network’s conveners page you invite a co-convener; they accept or decline from their notifications.',
    'guide.conveners.sharing.title': 'Lead by sharing',
    'guide.conveners.sharing.1':
      'People share when they see others share. Ask the questions you really have, tell the network what worked this season and what didn’t, pass on a tip about a supplier or a permit.',
    'guide.conveners.sharing.2':
      'Write like a colleague, not like an office. A short, honest post about a real problem does more for a network than a polished announcement.',
    'guide.conveners.sharing.3': 'When someone shares something useful, say thanks and say why. It takes a minute and shows everyone what the network is for.',
    'guide.conveners.welcome.title': 'Welcome newcomers',
    'guide.conveners.welcome.1':
      'The first reply a newcomer gets decides whether they write a second post. See that every new member’s first thread gets an answer within a day or two – from you, or from someone you ask to chip in.',
    'guide.conveners.welcome.2':
      'Introduce people to each other: “Anna at the harbour café had the same question last spring.” A name and a reason to talk is often all it takes.',
    'guide.conveners.welcome.3':
      'Newcomers don’t know the unwritten rules yet. If a first post misses the mark, explain kindly in a reply, or have a word with the person, before you reach for any tool.',
    'guide.conveners.meet.title': 'Meet in person',
    'guide.conveners.meet.1':
      'A network lives longer when its members have met. A coffee at the harbour, a walk along the new trail before the season, a visit to a member’s business – a thread on the board is enough to set it up.',
    'guide.conveners.meet.2':
      'Keep it simple and regular rather than grand and rare. Write short minutes afterwards, so that those who could not come still take part.',
    'guide.conveners.relevant.title': 'Keep the talk relevant, together',
    'guide.conveners.relevant.1':
      'Every network says what it is for and what it is not for, and may have a few rules. Write them together with the members, in plain words, and keep them few. Rules people helped write are rules people keep.',
    'guide.conveners.relevant.2':
      'When a thread drifts, a friendly nudge usually does it: “Good question – it might get more answers in the food network.” You can also move a thread to the network where it belongs; the move is in the log, with your note.',
    'guide.conveners.relevant.3':
      'Members can flag a post that does not belong. A flag is a signal, not a verdict: read the post, think of the person who wrote it, and then decide.',
    'guide.conveners.hide.title': 'When to hide and when to talk',
    'guide.conveners.hide.1':
      'Talk first. Most problems are misunderstandings, and a reply or a word with the person solves them without anyone losing face. Talk when a post is clumsy, heated or a little off-topic.',
    'guide.conveners.hide.2':
      'Hide when a post harms the network: spam, personal attacks, someone’s private details, or something that plainly breaks a rule after you have asked otherwise. Hiding is never deleting: the author still sees the post, with your reason, and you can show it again.',
    'guide.conveners.hide.3':
      'Always give a reason – a rule, off-topic, spam, or a note in your own words. Everything hidden, moved, locked and barred is in the network’s public moderation log, so everyone can see that the rules apply to all alike.',
    'guide.conveners.hide.4':
      'Look at the review queue now and then: it lists the posts members have flagged. When enough members flag a post, it is hidden until a convener has looked at it; agree, or show it again if the flags were wrong.',
    'guide.conveners.admin.title': 'When to ask an administrator',
    'guide.conveners.admin.1':
      'Ask the destination’s administrators when something is bigger than a conversation: threats, anything that may be illegal, a member who keeps coming back after being barred, or a conflict you are part of yourself.',
    'guide.conveners.admin.2':
      'Ask, too, when you need a hand: when you want to step down, find a new co-convener, or just talk a difficult case through. Convening is a shared responsibility – you are not alone with it.',
    'guide.conveners.tools.title': 'Where the tools are',
    'guide.conveners.tools.1':
      'The Tools menu on the network’s board leads to the review queue, the conveners page and barring an account from the network; the rules and the moderation log are in the same menu. Every post can be hidden from its menu, and every thread moved, locked and pinned. The menu at the top of every page lists the networks you convene.',
  },
};
