import { daysAhead, werkstattSeries, type DemoWorkshop, type WerkstattSetting } from './workshops-dates.js';

const organiser = { name: 'KoSI-Lab Dortmund, Beschäftigungsförderung', email: 'kosi-lab@dortmund.example', phone: '0231 50-00000' };
const place = { name: 'Dietrich-Keuning-Haus', address: 'Leopoldstraße 50–58, 44147 Dortmund' };

const werkstattText: WerkstattSetting['texts'] = {
  Einführung: 'Neue Wege in Arbeit: Was brauchen Schulabgängerinnen, Berufserfahrene und Rückkehrende? Wir stellen das KoSI-Lab vor und sammeln Ideen für Beschäftigungswege in Dortmund.',
  Konzeptentwicklung: 'Gemeinsam mit Schulen, Betrieben und Beschäftigungsträgern entwickeln wir aus den Ideen konkrete Konzepte für Karrieremodelle und Kooperationen.',
  Aufbau: 'Wir bauen die Angebote auf: Partner gewinnen, Abläufe festlegen, erste Teilnehmende begleiten.',
  Verstetigung: 'Wie werden die neuen Beschäftigungswege zum festen Angebot? Finanzierung, Zuständigkeiten und ein Blick zurück.',
};

/** The Werkstattreihe and other events of the Dortmund demo set. */
export function dortmundWorkshops(now: Date): DemoWorkshop[] {
  const series = werkstattSeries(now, {
    texts: werkstattText,
    from: '17:00',
    to: '19:30',
    place,
    capacity: 25,
    targetGroup: 'Schulen, Betriebe, Beschäftigungsträger, Jobcenter und Interessierte',
    organiser,
    materialBase: 'https://www.dortmund.de/kosi-lab/werkstatt',
  });
  return [
    ...series,
    {
      key: 'infoabend-ausbildung',
      title: 'Infoabend: Ausbildung oder erst mal jobben?',
      description: 'Für Schulabgängerinnen und Schulabgänger und ihre Eltern: Ausbildungswege, Einstiegsqualifizierung und Jobs für den Anfang – mit Betrieben aus Dortmund.',
      day: daysAhead(now, 11),
      from: '18:00',
      to: '19:30',
      place: { name: 'Berufsinformationszentrum Dortmund', address: 'Steinstraße 39, 44147 Dortmund' },
      capacity: 40,
      language: 'de',
      targetGroup: 'Schulabgängerinnen und Schulabgänger, Eltern',
      organiser,
    },
    {
      key: 'bewerbungswerkstatt-online',
      title: 'Bewerbungswerkstatt für Quereinsteigende (online)',
      description: 'Lebenslauf, Anschreiben und Vorstellungsgespräch für alle, die mit Berufserfahrung neu starten – in kleiner Runde per Video.',
      day: daysAhead(now, 18),
      from: '10:00',
      to: '12:00',
      onlineUrl: 'https://meet.dortmund.example/bewerbungswerkstatt',
      capacity: 10,
      language: 'de',
      targetGroup: 'Berufserfahrene und Rückkehrende',
      organiser,
    },
  ];
}
