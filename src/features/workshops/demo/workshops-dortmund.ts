import { daysAhead, werkstattSeries, type DemoWorkshop, type WerkstattSetting } from './workshops-dates.js';

const organiser = { name: 'KoSI-Lab Dortmund, Beschäftigungsförderung', email: 'kosi-lab@dortmund.example', phone: '0231 50-00000' };
const place = { name: 'Dietrich-Keuning-Haus', address: 'Leopoldstraße 50–58, 44147 Dortmund' };

const werkstattText: WerkstattSetting['texts'] = {
  Einführung: 'Neue Wege in Arbeit: Was brauchen Schulabgängerinnen, Berufserfahrene und Rückkehrende? Wir stellen das KoSI-Lab vor und sammeln Ideen für Beschäftigungswege in Dortmund.',
  Konzeptentwicklung: 'Gemeinsam mit Schulen, Betrieben und Beschäftigungsträgern entwickeln wir aus den Ideen konkrete Konzepte für Karrieremodelle und Kooperationen.',
  Aufbau: 'Wir bauen die Angebote auf: Partner gewinnen, Abläufe festlegen, erste Teilnehmende begleiten.',
  Verstetigung: 'Wie werden die neuen Beschäftigungswege zum festen Angebot? Finanzierung, Zuständigkeiten und ein Blick zurück.',
};

const werkstattTranslated: WerkstattSetting['translated'] = {
  en: {
    texts: {
      Einführung: 'New pathways into work: what do school leavers, experienced workers and people returning to work need? We introduce the KoSI-Lab and collect ideas for pathways into employment in Dortmund.',
      Konzeptentwicklung: 'Together with schools, employers and employment providers, we turn the ideas into concrete concepts for career models and partnerships.',
      Aufbau: 'We set up the offers: winning partners, agreeing on how things work, supporting the first participants.',
      Verstetigung: 'How do the new pathways into work become a permanent offer? Funding, responsibilities and a look back.',
    },
    targetGroup: 'Schools, employers, employment providers, job centres and anyone interested',
  },
  'de-x-ls': {
    texts: {
      Einführung:
        'Es geht um neue Wege zur Arbeit.\nWir fragen:\nWas brauchen junge Menschen nach der Schule?\nWas brauchen Menschen, die schon lange arbeiten?\nWas brauchen Menschen, die wieder arbeiten wollen?\nWir erklären das KoSI-Lab.\nDann sammeln wir zusammen Ideen für Arbeit in Dortmund.',
      Konzeptentwicklung:
        'Wir machen aus den Ideen einen Plan.\nDabei helfen Schulen und Firmen.\nUnd Stellen, die bei der Arbeits·suche helfen.\nWir planen: Wie kommen Menschen gut in einen Beruf?\nWer arbeitet dabei mit wem zusammen?',
      Aufbau: 'Jetzt machen wir die Angebote fertig.\nWir suchen Partner, die mitmachen.\nWir legen fest: Wer macht was?\nUnd wir helfen den ersten Menschen, die mitmachen.',
      Verstetigung: 'Die neuen Wege zur Arbeit sollen lange bleiben.\nDarüber sprechen wir:\nWoher kommt das Geld?\nWer kümmert sich darum?\nZum Schluss schauen wir zurück:\nWas haben wir geschafft?',
    },
    targetGroup: 'Schulen, Firmen, das Job·center und Stellen, die bei der Arbeits·suche helfen. Und alle, die mitmachen wollen.',
  },
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
    translated: werkstattTranslated,
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
      translations: {
        en: {
          title: 'Info evening: vocational training or a job first?',
          description: 'For school leavers and their parents: routes into vocational training, the entry qualification year (Einstiegsqualifizierung) and first jobs – with employers from Dortmund.',
          targetGroup: 'School leavers and their parents',
        },
        'de-x-ls': {
          title: 'Info·abend: Ausbildung oder gleich arbeiten?',
          description:
            'Du bist bald mit der Schule fertig?\nDann komm mit deinen Eltern zu uns.\nFirmen aus Dortmund erzählen:\nSo geht eine Ausbildung.\nSo kannst du einen Beruf zuerst ausprobieren.\nUnd diese Jobs gibt es für den Anfang.',
          targetGroup: 'Junge Menschen, die bald mit der Schule fertig sind. Und ihre Eltern.',
        },
      },
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
      translations: {
        en: {
          title: 'Application workshop for career changers (online)',
          description: 'CV, cover letter and job interview for everyone starting afresh with work experience – in a small group by video.',
          targetGroup: 'Experienced workers and people returning to work',
        },
        'de-x-ls': {
          title: 'Bewerbung üben für einen neuen Beruf (im Internet)',
          description:
            'Du hast schon gearbeitet.\nJetzt willst du etwas Neues machen.\nWir üben zusammen:\nden Lebens·lauf,\nden Brief für die Bewerbung\nund das Gespräch mit der Firma.\nWir sind eine kleine Gruppe.\nWir treffen uns per Video im Internet.',
          targetGroup: 'Menschen, die schon gearbeitet haben. Menschen, die wieder arbeiten wollen.',
        },
      },
    },
  ];
}
