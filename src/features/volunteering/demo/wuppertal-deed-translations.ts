import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';

/**
 * English and Leichte Sprache of the demo good deeds (title, description, time needed), by their
 * German title: a demo city shows what a translated deed looks like, and Arabic, Turkish and the
 * other languages show the German-only note. Leichte Sprache: short sentences, one line each.
 */
export const WUPPERTAL_DEED_TRANSLATIONS: Readonly<Record<string, ContentTranslations>> = {
  'Müllsammelaktion an der Nordbahntrasse': {
    en: {
      title: 'Litter pick on the Nordbahntrasse',
      description: 'Together we clear the stretch between Mirke station and Ottenbruch station of litter. Gloves, litter grabbers and bags are provided, and afterwards there is coffee and bread rolls.',
      timeNeeded: 'about 3 hours on Saturday morning',
    },
    'de-x-ls': {
      title: 'Müll sammeln an der Nordbahn·trasse',
      description:
        'Die Nordbahn·trasse ist ein langer Weg für Fuß·gänger und Rad·fahrer.\nWir sammeln dort zusammen Müll.\nWir sammeln zwischen dem Mirker Bahnhof und dem Bahnhof Ottenbruch.\nDu bekommst von uns Hand·schuhe, Zangen und Müll·säcke.\nDanach gibt es Kaffee und Brötchen.',
      timeNeeded: 'ungefähr 3 Stunden am Samstag·vormittag',
    },
  },
  'Lesepatin oder Lesepate in der Grundschule': {
    en: {
      title: 'Reading buddy at a primary school',
      description: 'Once a week you read with two or three Year 3 children at the Grundschule am Rott. It is about enjoying reading, not about marks. You get an introduction beforehand.',
      timeNeeded: '1.5 hours a week, in the morning',
    },
    'de-x-ls': {
      title: 'Lese·patin oder Lese·pate in der Grund·schule',
      description:
        'Du liest 1 Mal in der Woche mit Kindern.\nDie Kinder gehen in die 3. Klasse.\nDie Schule heißt: Grund·schule am Rott.\nDu liest mit 2 oder 3 Kindern zusammen.\nDie Kinder sollen Spaß am Lesen haben.\nEs gibt keine Noten.\nVorher erklären wir dir alles.',
      timeNeeded: '90 Minuten in der Woche, am Vormittag',
    },
  },
  'Spielenachmittag im Seniorenzentrum': {
    en: {
      title: 'Games afternoon at the senior centre',
      description: 'Cards, board games and a chat: spend an afternoon with our residents. All you need is time and a good mood.',
      timeNeeded: '2 hours',
    },
    'de-x-ls': {
      title: 'Spiele·nachmittag im Senioren·zentrum',
      description: 'In einem Senioren·zentrum wohnen alte Menschen.\nDu verbringst einen Nachmittag mit ihnen.\nIhr spielt Karten oder Brett·spiele.\nUnd ihr redet miteinander.\nDu brauchst nur Zeit und gute Laune.',
      timeNeeded: '2 Stunden',
    },
  },
  'Sprachcafé für Geflüchtete': {
    en: {
      title: 'Language café for refugees',
      description: 'Every Tuesday evening, people who are new to Wuppertal practise their German in conversation. At one table you talk with three or four participants about everyday life, work and the city.',
      timeNeeded: '2 hours a week, Tuesdays 6–8 pm',
    },
    'de-x-ls': {
      title: 'Sprach·café für Geflüchtete',
      description:
        'Geflüchtete sind Menschen, die aus ihrem Land fliehen mussten.\nJetzt wohnen sie neu in Wuppertal.\nIm Sprach·café üben sie Deutsch.\nDas Sprach·café ist jeden Dienstag am Abend.\nDu sitzt mit 3 oder 4 Menschen an einem Tisch.\nIhr redet zusammen.\nZum Beispiel über den Alltag, die Arbeit und die Stadt.',
      timeNeeded: '2 Stunden in der Woche, am Dienstag von 18 bis 20 Uhr',
    },
  },
  'Online-Hausaufgabenhilfe Mathe': {
    en: {
      title: 'Online maths homework help',
      description: 'By video chat you help pupils in Years 5 to 8 with their maths homework. You can help from home, and you arrange the times yourself.',
      timeNeeded: '1 hour a week, afternoons or evenings',
    },
    'de-x-ls': {
      title: 'Hilfe bei Haus·aufgaben in Mathe, im Internet',
      description:
        'Du hilfst Schul·kindern bei den Haus·aufgaben in Mathe.\nDie Kinder gehen in die Klassen 5 bis 8.\nIhr trefft euch im Internet mit Video.\nDu kannst also von zu Hause helfen.\nDie Termine machst du selbst mit den Kindern aus.',
      timeNeeded: '1 Stunde in der Woche, am Nachmittag oder am Abend',
    },
  },
  'Helfende Hände beim Sommerkonzert im Park': {
    en: {
      title: 'Helping hands at the summer concert in the park',
      description: 'For the open-air concert in the Ronsdorfer Anlagen park we need help at the entrance, at the drinks stand and with clearing up.',
      timeNeeded: 'one 3-hour shift',
    },
    'de-x-ls': {
      title: 'Helfen beim Sommer·konzert im Park',
      description: 'Im Park Ronsdorfer Anlagen gibt es ein Konzert.\nDas Konzert ist draußen.\nWir brauchen Hilfe am Eingang.\nWir brauchen Hilfe beim Verkauf von Getränken.\nUnd wir brauchen Hilfe beim Aufräumen.',
      timeNeeded: '3 Stunden',
    },
  },
  'Streckenposten beim Wuppertaler Stadtlauf': {
    en: {
      title: 'Course marshal at the Wuppertal city run',
      description: 'At the side of the course you make sure the runners find their way, and you hand out water. We give you a high-visibility vest.',
      timeNeeded: 'about 5 hours on Sunday morning',
    },
    'de-x-ls': {
      title: 'Helfen beim Stadt·lauf in Wuppertal',
      description:
        'Beim Stadt·lauf laufen viele Menschen durch Wuppertal.\nDu stehst am Rand von der Lauf·strecke.\nDu zeigst den Läufern den Weg.\nUnd du gibst ihnen Wasser.\nDu bekommst von uns eine Warn·weste.\nDas ist eine Weste in einer hellen Farbe.\nDann sehen dich alle gut.',
      timeNeeded: 'ungefähr 5 Stunden am Sonntag·morgen',
    },
  },
  'Digitalsprechstunde für Ältere': {
    en: {
      title: 'Digital help desk for older people',
      description: 'Older people bring their smartphone or tablet, and you patiently help them with WhatsApp, photos, online banking or the Deutsche Bahn app.',
      timeNeeded: '2 hours every two weeks, Wednesday afternoons',
    },
    'de-x-ls': {
      title: 'Hilfe mit Handy und Tablet für ältere Menschen',
      description: 'Ältere Menschen bringen ihr Handy oder ihr Tablet mit.\nDu hilfst ihnen mit viel Ruhe.\nZum Beispiel bei WhatsApp, bei Fotos, beim Bank·konto im Internet oder bei der App von der Bahn.',
      timeNeeded: '2 Stunden alle 2 Wochen, am Mittwoch·nachmittag',
    },
  },
  'Ausgabe bei der Lebensmittelhilfe': {
    en: {
      title: 'Handing out food at the food bank',
      description: 'You help sort food and hand it out to people who have little money. Friendliness matters more than experience.',
      timeNeeded: '3 hours a week, Thursday mornings',
    },
    'de-x-ls': {
      title: 'Essen verteilen bei der Tafel',
      description:
        'Die Tafel gibt Menschen mit wenig Geld Lebens·mittel.\nLebens·mittel sind zum Beispiel Brot, Obst und Gemüse.\nDu sortierst die Lebens·mittel.\nUnd du gibst sie an die Menschen aus.\nDu musst das nicht schon können.\nWichtig ist: Du bist freundlich.',
      timeNeeded: '3 Stunden in der Woche, am Donnerstag·vormittag',
    },
  },
  'Hecken schneiden im Bürgergarten': {
    en: {
      title: 'Hedge cutting in the community garden',
      description: 'The community garden on Rathausplatz needs a thorough cutting back. Tools are there; gardening experience helps but is not a must.',
      timeNeeded: 'about 4 hours',
    },
    'de-x-ls': {
      title: 'Hecken schneiden im Bürger·garten',
      description: 'Der Bürger·garten ist am Rathaus·platz.\nDort sind die Hecken sehr groß geworden.\nWir schneiden die Hecken zusammen.\nWir haben Werkzeug für dich.\nDu musst dich nicht mit Garten·arbeit auskennen.',
      timeNeeded: 'ungefähr 4 Stunden',
    },
  },
  'Fußballtraining für Mädchen begleiten': {
    en: {
      title: 'Helping at girls’ football training',
      description: 'Support our coach at the under-12 girls’ training: putting out cones, leading drills, driving to matches. You don’t need a coaching licence.',
      timeNeeded: '2 hours a week, Fridays 5–7 pm',
    },
    'de-x-ls': {
      title: 'Helfen beim Fußball·training für Mädchen',
      description:
        'Wir haben eine Fußball·mannschaft für Mädchen unter 12 Jahren.\nDu hilfst unserer Trainerin beim Training.\nDu stellst zum Beispiel Hütchen auf.\nDu zeigst den Mädchen Übungen.\nUnd du fährst mit zu Spielen.\nDu brauchst keinen Trainer·schein.',
      timeNeeded: '2 Stunden in der Woche, am Freitag von 17 bis 19 Uhr',
    },
  },
  'Repair-Café: Elektrogeräte reparieren': {
    en: {
      title: 'Repair café: fixing electrical appliances',
      description: 'Toasters, lamps, radios: together with their owners you repair broken appliances instead of throwing them away. Knowledge of electrics is welcome.',
      timeNeeded: '3 hours',
    },
    'de-x-ls': {
      title: 'Repair-Café: Elektro·geräte reparieren',
      description:
        'Repair ist Englisch und bedeutet: reparieren.\nIm Repair-Café reparieren wir kaputte Sachen.\nMenschen bringen zum Beispiel Toaster, Lampen oder Radios mit.\nDu reparierst die Geräte zusammen mit ihnen.\nDann müssen sie die Geräte nicht weg·werfen.\nKennst du dich mit Strom und Elektrik aus?\nDas ist gut.',
      timeNeeded: '3 Stunden',
    },
  },
  'Besuchsdienst: Zeit für einsame Menschen': {
    en: {
      title: 'Visiting service: time for lonely people',
      description: 'You regularly visit an older person in Elberfeld, have a coffee together, go for a walk or go with them to the doctor. We bring you together and support you along the way.',
      timeNeeded: '2 hours a week, whenever suits you',
    },
    'de-x-ls': {
      title: 'Besuche bei einsamen Menschen',
      description:
        'Manche älteren Menschen sind viel allein.\nDu besuchst 1 ältere Person in Elberfeld.\nDu besuchst sie regelmäßig.\nIhr trinkt zusammen Kaffee.\nOder ihr geht spazieren.\nOder du gehst mit ihr zum Arzt.\nWir bringen euch zusammen.\nUnd wir helfen dir dabei.',
      timeNeeded: '2 Stunden in der Woche, wann du willst',
    },
  },
  'Fahrräder für Geflüchtete herrichten': {
    en: {
      title: 'Fixing up bikes for refugees',
      description: 'Donated bikes are checked over and made roadworthy before they go to refugees. We will show you how to fix them.',
      timeNeeded: '3 hours',
    },
    'de-x-ls': {
      title: 'Fahr·räder für Geflüchtete reparieren',
      description:
        'Geflüchtete sind Menschen, die aus ihrem Land fliehen mussten.\nMenschen schenken uns alte Fahr·räder.\nWir machen die Fahr·räder wieder sicher.\nDann bekommen Geflüchtete die Fahr·räder.\nBei uns lernst du, wie man ein Fahr·rad repariert.',
      timeNeeded: '3 Stunden',
    },
  },
  'Museumsbegleitung für Schulklassen': {
    en: {
      title: 'Accompanying school classes at the museum',
      description: 'You accompany school classes on tours of the current exhibition and help at the hands-on stations.',
      timeNeeded: '3 hours, once or twice a month, in the morning',
    },
    'de-x-ls': {
      title: 'Schul·klassen im Museum begleiten',
      description: 'Schul·klassen besuchen eine Ausstellung im Museum.\nDu gehst mit den Klassen durch die Ausstellung.\nAn manchen Stellen dürfen die Kinder selbst etwas machen.\nDabei hilfst du.',
      timeNeeded: '3 Stunden, 1 oder 2 Mal im Monat, am Vormittag',
    },
  },
  'Website-Pflege für einen Nachbarschaftsverein': {
    en: {
      title: 'Looking after a neighbourhood association’s website',
      description: 'Our association needs someone to put dates and reports on its website. You can do it from home, with WordPress skills or the wish to learn them.',
      timeNeeded: 'about 2 hours a month',
    },
    'de-x-ls': {
      title: 'Die Internet·seite von einem Verein pflegen',
      description:
        'Unser Verein ist für die Menschen im Stadt·teil da.\nWir haben eine Internet·seite.\nDu schreibst Termine und Berichte auf die Internet·seite.\nDas kannst du von zu Hause machen.\nDafür brauchst du das Programm WordPress.\nDu kennst WordPress noch nicht?\nDann kannst du es bei uns lernen.',
      timeNeeded: 'ungefähr 2 Stunden im Monat',
    },
  },
  'Bachpatenschaft am Marscheider Bach': {
    en: {
      title: 'Stream sponsor for the Marscheider Bach',
      description: 'As a stream sponsor you check on the stream once a month, report any damage and help when we look after it together.',
      timeNeeded: 'about 3 hours a month',
    },
    'de-x-ls': {
      title: 'Bach·patin oder Bach·pate am Marscheider Bach',
      description:
        'Als Bach·patin oder Bach·pate kümmerst du dich um einen Bach.\nDu gehst 1 Mal im Monat zum Bach und schaust nach.\nIst etwas kaputt oder schmutzig?\nDann sagst du es uns.\nManchmal machen wir den Bach zusammen sauber.\nDabei hilfst du mit.',
      timeNeeded: 'ungefähr 3 Stunden im Monat',
    },
  },
};
