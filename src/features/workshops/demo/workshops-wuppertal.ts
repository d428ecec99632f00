import { daysAhead, werkstattSeries, type DemoWorkshop, type WerkstattSetting } from './workshops-dates.js';

const organiser = { name: 'KoSI-Lab Wuppertal, Zentrum für gute Taten', email: 'kosi-lab@wuppertal.example', phone: '0202 563-0000' };
const place = { name: 'Zentrum für gute Taten', address: 'Friedrich-Engels-Allee 1, 42103 Wuppertal' };

const werkstattText: WerkstattSetting['texts'] = {
  Einführung: 'Was ist soziale Innovation, was ist das KoSI-Lab, und wie arbeiten Verwaltung, Wirtschaft, Zivilgesellschaft und Forschung darin zusammen? Wir lernen uns kennen und sammeln erste Ideen für gute Taten in Wuppertal.',
  Konzeptentwicklung: 'Aus Ideen werden Konzepte: Wir schärfen die Vorhaben aus Teil 1 mit Methoden aus dem Design Thinking, klären Zielgruppen und Partner und planen erste Schritte.',
  Aufbau: 'Vom Konzept zum Angebot: Wir bauen Prototypen, testen sie mit Ehrenamtlichen und Organisationen und holen Rückmeldungen ein.',
  Verstetigung: 'Was bleibt? Wir sprechen über Finanzierung, Verantwortung und wie ein Angebot dauerhaft weiterläuft – und feiern, was entstanden ist.',
};

const werkstattTranslated: WerkstattSetting['translated'] = {
  en: {
    texts: {
      Einführung: 'What is social innovation, what is the KoSI-Lab, and how do the city administration, business, civil society and research work together in it? We get to know each other and collect first ideas for good deeds in Wuppertal.',
      Konzeptentwicklung: 'Ideas become concepts: we sharpen the projects from part 1 with design thinking methods, clarify target groups and partners, and plan the first steps.',
      Aufbau: 'From concept to offer: we build prototypes, test them with volunteers and organisations, and gather feedback.',
      Verstetigung: 'What will last? We talk about funding, responsibility and how an offer can keep running for good – and celebrate what we have created.',
    },
    targetGroup: 'Volunteers, associations, businesses and the city administration of Wuppertal',
  },
  'de-x-ls': {
    texts: {
      Einführung:
        'Wir lernen uns kennen.\nWir erklären: Was ist das KoSI-Lab?\nIm KoSI-Lab arbeiten viele zusammen.\nZum Beispiel: die Stadt, Firmen, Vereine und Forscher.\nSie suchen neue Ideen.\nDie Ideen sollen Menschen helfen.\nZusammen sammeln wir Ideen für gute Taten in Wuppertal.',
      Konzeptentwicklung:
        'Wir machen aus den Ideen einen Plan.\nWir schauen uns die Ideen aus Teil 1 noch einmal genau an.\nWir fragen: Für wen ist die Idee?\nWer kann mithelfen?\nDann planen wir die ersten Schritte.',
      Aufbau: 'Jetzt wird aus dem Plan ein Angebot.\nWir bauen eine erste Probe·version.\nEhren·amtliche und Vereine probieren sie aus.\nSie sagen uns: Was ist gut?\nWas können wir besser machen?',
      Verstetigung: 'Das Angebot soll lange bleiben.\nDarüber sprechen wir:\nWoher kommt das Geld?\nWer kümmert sich darum?\nZum Schluss feiern wir zusammen.\nWir feiern, was wir geschafft haben.',
    },
    targetGroup: 'Menschen, die helfen wollen. Vereine, Firmen und die Stadt·verwaltung aus Wuppertal.',
  },
};

/** The Werkstattreihe and other events of the Wuppertal demo set. */
export function wuppertalWorkshops(now: Date): DemoWorkshop[] {
  const series = werkstattSeries(now, {
    texts: werkstattText,
    from: '18:00',
    to: '20:30',
    place,
    capacity: 20,
    targetGroup: 'Engagierte, Vereine, Unternehmen und Verwaltung aus Wuppertal',
    translated: werkstattTranslated,
    organiser,
    materialBase: 'https://www.wuppertal.de/kosi-lab/werkstatt',
  });
  return [
    ...series,
    {
      key: 'ehrenamt-sprechstunde',
      title: 'Ehrenamt-Sprechstunde: Welche gute Tat passt zu mir?',
      description: 'Offene Beratung im Zentrum für gute Taten: Wir finden gemeinsam ein Engagement, das zu deinen Interessen und deiner Zeit passt.',
      day: daysAhead(now, 9),
      from: '16:00',
      to: '18:00',
      place,
      capacity: 12,
      language: 'de',
      targetGroup: 'Alle, die sich engagieren möchten',
      organiser,
      translations: {
        en: {
          title: 'Volunteering advice hour: which good deed suits me?',
          description: 'Drop-in advice at the Zentrum für gute Taten: together we find a way to get involved that suits your interests and your time.',
          targetGroup: 'Everyone who would like to volunteer',
        },
        'de-x-ls': {
          title: 'Beratung: Welche gute Tat passt zu mir?',
          description:
            'Ehren·amt heißt: Du hilfst anderen Menschen.\nDafür bekommst du kein Geld.\nDu willst anderen helfen?\nDann komm zu uns ins Zentrum für gute Taten.\nWir beraten dich.\nZusammen finden wir eine Aufgabe für dich.\nDie Aufgabe passt zu dem, was du gerne machst.\nUnd sie passt zu deiner Zeit.',
          targetGroup: 'Alle, die anderen helfen wollen',
        },
      },
    },
    {
      key: 'marktplatz-fruehstueck',
      title: 'Marktplatz-Frühstück: Unternehmen treffen Vereine',
      description: 'Beim Frühstück bringen wir Unternehmen und gemeinnützige Organisationen zusammen: Know-how, Räume und Hilfe gegen gute Geschäfte ohne Geld.',
      day: daysAhead(now, 23),
      from: '08:30',
      to: '10:00',
      place: { name: 'Färberei Wuppertal', address: 'Peter-Hansen-Platz 1, 42275 Wuppertal' },
      capacity: 30,
      language: 'de',
      targetGroup: 'Unternehmen, Vereine und Initiativen',
      organiser,
      translations: {
        en: {
          title: 'Marketplace breakfast: businesses meet associations',
          description: 'Over breakfast we bring businesses and non-profit organisations together: know-how, rooms and a helping hand, exchanged in good deals without money.',
          targetGroup: 'Businesses, associations and local initiatives',
        },
        'de-x-ls': {
          title: 'Frühstück: Firmen treffen Vereine',
          description: 'Wir frühstücken zusammen.\nFirmen und Vereine lernen sich kennen.\nSie können sich gegenseitig helfen.\nZum Beispiel mit Wissen, mit Räumen oder mit Arbeit.\nDafür bezahlt niemand Geld.',
          targetGroup: 'Firmen, Vereine und andere Gruppen',
        },
      },
    },
    {
      key: 'online-einfuehrung-en',
      // Held in English; written in German like all content, with the English as its translation.
      title: 'Ehrenamt in Wuppertal – Online-Einführung (Englisch)',
      description: 'Eine Einführung auf Englisch: Wie kann ich mich in Wuppertal ehrenamtlich engagieren? Für alle, die neu in der Stadt sind, und für internationale Wuppertalerinnen und Wuppertaler.',
      day: daysAhead(now, 16),
      from: '19:00',
      to: '20:00',
      onlineUrl: 'https://meet.wuppertal.example/kosi-volunteering',
      capacity: 50,
      language: 'en',
      targetGroup: 'Neu Zugezogene und internationale Einwohnerinnen und Einwohner',
      organiser,
      translations: {
        en: {
          title: 'Volunteering in Wuppertal – an online introduction',
          description: 'An introduction in English to volunteering opportunities in Wuppertal for newcomers and international residents.',
          targetGroup: 'Newcomers and international residents',
        },
        'de-x-ls': {
          title: 'Ehren·amt: ein Treffen im Internet auf Englisch',
          description:
            'Du bist neu in Wuppertal?\nOder du sprichst besser Englisch als Deutsch?\nDann ist dieses Treffen für dich.\nWir erklären dir: So kannst du in Wuppertal anderen Menschen helfen.\nDas Treffen ist im Internet.\nWir sprechen Englisch.',
          targetGroup: 'Menschen, die neu in Wuppertal sind. Menschen aus anderen Ländern.',
        },
      },
    },
  ];
}
