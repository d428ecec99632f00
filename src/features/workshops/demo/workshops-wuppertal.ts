import { daysAhead, werkstattSeries, type DemoWorkshop, type WerkstattSetting } from './workshops-dates.js';

const organiser = { name: 'KoSI-Lab Wuppertal, Zentrum für gute Taten', email: 'kosi-lab@wuppertal.example', phone: '0202 563-0000' };
const place = { name: 'Zentrum für gute Taten', address: 'Friedrich-Engels-Allee 1, 42103 Wuppertal' };

const werkstattText: WerkstattSetting['texts'] = {
  Einführung: 'Was ist soziale Innovation, was ist das KoSI-Lab, und wie arbeiten Verwaltung, Wirtschaft, Zivilgesellschaft und Forschung darin zusammen? Wir lernen uns kennen und sammeln erste Ideen für gute Taten in Wuppertal.',
  Konzeptentwicklung: 'Aus Ideen werden Konzepte: Wir schärfen die Vorhaben aus Teil 1 mit Methoden aus dem Design Thinking, klären Zielgruppen und Partner und planen erste Schritte.',
  Aufbau: 'Vom Konzept zum Angebot: Wir bauen Prototypen, testen sie mit Ehrenamtlichen und Organisationen und holen Rückmeldungen ein.',
  Verstetigung: 'Was bleibt? Wir sprechen über Finanzierung, Verantwortung und wie ein Angebot dauerhaft weiterläuft – und feiern, was entstanden ist.',
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
    },
    {
      key: 'online-einfuehrung-en',
      title: 'Volunteering in Wuppertal – an online introduction',
      description: 'An introduction in English to volunteering opportunities in Wuppertal for newcomers and international residents.',
      day: daysAhead(now, 16),
      from: '19:00',
      to: '20:00',
      onlineUrl: 'https://meet.wuppertal.example/kosi-volunteering',
      capacity: 50,
      language: 'en',
      targetGroup: 'Newcomers and international residents',
      organiser,
    },
  ];
}
