import type { TranslatedPathwayField } from '../domain/pathway.js';

/**
 * The Dortmund demo pathways in Leichte Sprache: one statement per sentence, each on its own line,
 * hard words explained, long words split with the Mediopunkt like the bot's own texts. Duration,
 * pay and the catch-up and support texts stand inside a sentence of the bot ("Geld: …",
 * "dabei hilft dir: …"), so they stay short phrases.
 */
export const DORTMUND_PATHWAYS_EASY: Record<string, Partial<Record<TranslatedPathwayField, string>>> = {
  'do-azubi-elektro': {
    title: 'Ausbildung: Elektroniker oder Elektronikerin für Energie- und Gebäude·technik',
    summary:
      'Du lernst im Betrieb und in der Berufs·schule.\nDu verlegst Kabel für Strom.\nDu baust Schalt·schränke.\nDu baust Technik für Licht und Heizung im Haus.\nDu baust Solar·anlagen.\nSolar·anlagen machen Strom aus Sonne.\nVorher machst du 2 Wochen ein Praktikum im Betrieb.\nPraktikum bedeutet: Du arbeitest eine kurze Zeit mit.\nSo lernst du den Betrieb kennen.\nDeine Schule hilft dir dabei.',
    duration: 'etwa 3 Jahre und 6 Monate, manchmal kürzer',
    pay: 'im 1. Jahr etwa 900 Euro im Monat, im 4. Jahr etwa 1.150 Euro im Monat',
    nextStep:
      'Frag nach einem Praktikum.\nSchick dafür eine kurze Bewerbung per E-Mail an Frau Brüggemann.\nIn die Bewerbung gehören dein Lebens·lauf und dein letztes Zeugnis.\nDie Schul·sozial·arbeit an der Hauptschule Eving hilft dir beim Schreiben.',
    degreeCatchUp: 'ein Abend·kurs an der Volks·hoch·schule Dortmund (Hansastraße), 2 Abende in der Woche, kostenlos',
    germanSupport: 'Hilfe in der Ausbildung von der Agentur für Arbeit (AsA flex), auch für Deutsch',
  },
  'do-azubi-fachlager': {
    title: 'Ausbildung: Fach·lagerist oder Fach·lageristin',
    summary:
      'Die Ausbildung dauert 2 Jahre.\nDu arbeitest im Lager von einem großen Versand·zentrum.\nDu nimmst Waren an.\nDu räumst Waren ins Lager ein.\nDu stellst Waren für Bestellungen zusammen.\nDu machst auch den Führer·schein für den Stapler.\nEin Stapler ist ein kleines Fahrzeug.\nDamit hebst du schwere Waren.\nDanach kannst du noch mehr lernen.\nDann bist du Fach·kraft für Lager·logistik.',
    duration: '2 Jahre',
    pay: 'im 1. Jahr 1.000 Euro im Monat, im 2. Jahr 1.100 Euro im Monat',
    nextStep: 'Komm zum Bewerber·tag.\nDer Bewerber·tag ist immer am 1. Mittwoch im Monat um 10 Uhr.\nBring deinen Lebens·lauf mit.\nDu kannst ohne Termin kommen.',
    degreeCatchUp: 'Hauptschul·abschluss im Abend·kurs an der Volks·hoch·schule Dortmund (Kampstraße), neben der Ausbildung',
    germanSupport: 'Deutsch·training im Betrieb, 1 Mal in der Woche',
  },
  'do-eq-handel': {
    title: 'Einstiegs·qualifizierung im Einzel·handel: Praktikum im Supermarkt',
    summary:
      'Du machst ein langes Praktikum im Supermarkt.\nDas Praktikum dauert 6 bis 12 Monate.\nDu bekommst Geld dafür.\nDanach kannst du eine Ausbildung machen.\nDer Beruf heißt dann: Verkäufer oder Verkäuferin.\nDie Zeit im Praktikum kann schon für die Ausbildung zählen.',
    duration: '6 bis 12 Monate',
    pay: 'etwa 290 Euro im Monat vom Betrieb (die Agentur für Arbeit gibt dem Betrieb das Geld zurück)',
    nextStep: 'Mach einen Termin bei der Berufs·beratung von der Agentur für Arbeit.\nSag dort: „EQ Einzelhandel“.',
    germanSupport: 'ein Deutsch·kurs für den Beruf, neben dem Praktikum',
  },
  'do-eq-gastro': {
    title: 'Einstiegs·qualifizierung: Praktikum in Küche und Service',
    summary:
      'Du arbeitest 6 bis 12 Monate in einer Hotel·küche.\nOder du arbeitest im Service in einem Restaurant.\nService bedeutet: Du bringst den Gästen das Essen.\n1 Tag in der Woche gehst du in die Berufs·schule.\nDu machst deine Arbeit gut?\nDann bekommst du einen Ausbildungs·platz.\nDer Beruf heißt dann: Koch oder Köchin.\nOder: Fach·kraft für Gastronomie.',
    duration: '6 bis 12 Monate',
    pay: 'etwa 290 Euro im Monat, dazu Essen bei der Arbeit',
    nextStep: 'Ruf kurz an oder schreib eine Nachricht.\nDann bekommst du gleich einen Termin für einen Probe·tag.\nProbe·tag bedeutet: Du arbeitest 1 Tag zur Probe mit.',
  },
  'do-helfer-lager': {
    title: 'Helfer oder Helferin im Lager: Waren für Bestellungen zusammen·stellen',
    summary:
      'Du kannst sofort anfangen.\nDu arbeitest als Helfer oder Helferin im Lager.\nDie Lager sind im Dortmunder Hafen und in Ellinghausen.\nAm 1. Tag zeigt dir jemand die Arbeit.\nDu arbeitest in Schichten: früh oder spät.\nNach 6 Monaten bekommst du vielleicht einen festen Arbeits·vertrag.',
    duration: 'eine feste Stelle nach der Probe·zeit',
    pay: '14,50 Euro pro Stunde, dazu extra Geld für die Schichten',
    nextStep: 'Komm ins Büro.\nDu kannst ohne Termin kommen.\nDas Büro ist offen: Montag bis Donnerstag von 9 bis 15 Uhr.\nBring deinen Ausweis mit.\nDann sprichst du noch am selben Tag mit jemandem.',
  },
  'do-helfer-kueche': {
    title: 'Küchen·hilfe in einer Kantine (auch in Teil·zeit)',
    summary:
      'Du arbeitest in der Kantine von einem Büro·haus.\nKantine bedeutet: Dort essen die Menschen aus dem Büro zu Mittag.\nDu bereitest das Essen vor.\nDu spülst.\nDu gibst das Essen aus.\nDu arbeitest nur am Vormittag: von 7 bis 13 Uhr.\nAm Wochen·ende hast du frei.\nDas passt gut zu den Zeiten von Kita und Schule.',
    duration: 'eine feste Stelle',
    pay: '13,90 Euro pro Stunde, 20 bis 30 Stunden in der Woche',
    nextStep:
      'Ruf an.\nDann machst du einen Termin für einen Probe·tag.\nEin Gesundheits·zeugnis hilft.\nDas Gesundheits·zeugnis bekommst du beim Gesundheits·amt.\nDer Betrieb bezahlt das Gesundheits·zeugnis für dich.',
    germanSupport: 'Deutsch lernen bei der Arbeit, mit einer Sprach·patin',
  },
  'do-gruenbau-garten': {
    title: 'Arbeit in Parks und Gärten (geförderte Arbeit)',
    summary:
      'Das Jobcenter bezahlt diese Arbeit.\nDu pflegst Parks und Grün·flächen.\nDu machst kleine Bau·projekte in deinem Stadt·teil.\nJemand zeigt dir die Arbeit.\nDu hast feste Arbeits·zeiten.\nDu bekommst Hilfe für den nächsten Schritt.\nDer nächste Schritt ist eine normale Arbeits·stelle.',
    duration: '6 bis 12 Monate',
    pay: 'das Jobcenter bezahlt die Stelle (nach § 16i SGB II: mit Tarif·lohn und Sozial·versicherung)',
    nextStep:
      'Sprich mit deiner Ansprech·person im Jobcenter.\nSag: „GrünBau“.\nOder komm direkt in die offene Sprech·stunde.\nDie Sprech·stunde ist am Dienstag von 10 bis 12 Uhr.',
  },
  'do-diakonie-pflegehilfe': {
    title: 'Kurs: Pflege·hilfe lernen (Basis·kurs Pflege·assistenz)',
    summary:
      'In diesem Kurs lernst du die Pflege von alten Menschen.\nDu übst in einem Senioren·zentrum.\nDu lernst: Menschen beim Waschen und Anziehen helfen.\nDu lernst: Menschen im Alltag begleiten.\nDu lernst: Hygiene.\nHygiene bedeutet: Alles ist sauber.\nSo bleiben die Menschen gesund.\nNach dem Kurs kannst du als Pflege·helfer oder Pflege·helferin arbeiten.\nOder du machst danach eine Ausbildung.\nDie Ausbildung dauert 1 Jahr.\nDer Beruf heißt dann: Pflege·fach·assistenz.',
    duration: '4 Monate (in Teil·zeit: 6 Monate)',
    pay: 'kostenlos mit einem Bildungs·gutschein vom Jobcenter oder von der Agentur für Arbeit',
    nextStep:
      'Komm zur Info·veranstaltung.\nDie Info·veranstaltung ist jeden 2. Donnerstag um 14 Uhr.\nDanach beantragst du den Bildungs·gutschein.\nBildungs·gutschein bedeutet: Das Amt bezahlt den Kurs für dich.',
    germanSupport: 'ein Deutsch·kurs für die Pflege vor dem Kurs (4 Wochen)',
  },
  'do-teilzeitausbildung-kauf': {
    title: 'Ausbildung in Teil·zeit: Kauf·frau oder Kauf·mann für Büro·management',
    summary:
      'Diese Ausbildung ist für Mütter und Väter.\nDu arbeitest 25 bis 30 Stunden in der Woche.\nDu bekommst Hilfe bei der Suche nach einem Platz für dein Kind.\nZum Beispiel in einer Kita.\nEin Coach unterstützt dich.\nCoach bedeutet: Eine Person begleitet dich und hilft dir.\nDie Betriebe sind in der Verwaltung, im Handwerk und im Handel.',
    duration: '3 Jahre in Teil·zeit, manchmal kürzer',
    pay: 'ein Teil vom Ausbildungs·geld (etwa 800 bis 900 Euro im Monat), vielleicht dazu Geld von der Agentur für Arbeit (Berufs·ausbildungs·beihilfe)',
    nextStep: 'Mach einen Termin bei der Koordinatorin von TEP.\nSie berät dich.\nDu kannst dein Kind im Kinder·wagen mitbringen.',
    degreeCatchUp: 'Realschul·abschluss am Weiter·bildungs·kolleg Dortmund, am Abend oder im Internet',
    germanSupport: 'vorher ein Deutsch·kurs für den Beruf bis B2 (DeuFöV)',
  },
  'do-umschulung-lagerlogistik': {
    title: 'Umschulung: Fach·kraft für Lager·logistik',
    summary:
      'Du lernst einen Beruf mit Abschluss von der IHK.\nDas dauert 24 Monate.\nSonst dauert die Ausbildung 36 Monate.\nDu machst auch ein Praktikum in einem Betrieb.\nDiese Umschulung ist für Erwachsene mit Berufs·erfahrung.\nDanach hast du einen anerkannten Abschluss.',
    duration: '24 Monate (in Voll·zeit)',
    pay: 'kostenlos mit Bildungs·gutschein, bis zu 2.500 Euro extra nach der bestandenen Prüfung',
    nextStep:
      'Mach einen Termin für ein Beratungs·gespräch.\nSprich mit der Agentur für Arbeit oder mit dem Jobcenter über den Bildungs·gutschein.\nBildungs·gutschein bedeutet: Das Amt bezahlt die Umschulung für dich.',
    degreeCatchUp: 'ohne Abschluss: ein Test beim Bildungswerk Ruhr statt Zeugnis',
    germanSupport: 'Hilfe mit Deutsch für den Beruf im Kurs',
  },
  'do-umschulung-it': {
    title: 'Umschulung: Fach·informatiker oder Fach·informatikerin für System·integration',
    summary:
      'Du lernst einen Beruf mit Computern.\nDer Abschluss ist von der IHK.\nDie Umschulung dauert 28 Monate.\nDu lernst viel über Netz·werke und Server.\nDu hilfst Menschen bei Problemen mit dem Computer.\n2 Tage in der Woche lernst du vor Ort am Phoenix-See.\n3 Tage in der Woche lernst du im Internet.',
    duration: '28 Monate',
    pay: 'kostenlos mit Bildungs·gutschein',
    nextStep: 'Mach den Test im Internet.\nDer Test dauert 45 Minuten.\nDanach hast du ein Beratungs·gespräch.',
  },
  'do-deutsch-beruf-b1': {
    title: 'Deutsch für den Beruf (Deutsch·kurs bis B2)',
    summary:
      'Du lernst Deutsch für die Arbeit.\nZum Beispiel: eine Bewerbung schreiben.\nZum Beispiel: am Telefon sprechen.\nDu lernst Deutsch für den Alltag bei der Arbeit.\nDer Kurs ist am Vormittag oder am Abend.\nAm Ende machst du eine Prüfung.\nDu kannst den Kurs auch neben deiner Arbeit machen.',
    duration: '4 bis 6 Monate',
    pay: 'kostenlos mit einer Erlaubnis vom Jobcenter, von der Agentur für Arbeit oder vom BAMF',
    nextStep:
      'Komm zur Beratung für Sprach·kurse in der Volks·hoch·schule.\nDie Beratung ist am Montag und am Mittwoch von 9 bis 12 Uhr.\nBring dein Aufenthalts·dokument mit.\nDas ist dein Papier von der Ausländer·behörde.',
  },
  'do-deutsch-einstieg': {
    title: 'Deutsch lernen mit Kinder·betreuung (A1 bis B1)',
    summary:
      'Das ist ein Integrations·kurs am Vormittag.\nIm Integrations·kurs lernst du Deutsch.\nDu lernst auch viel über das Leben in Deutschland.\nIm selben Haus passt jemand auf deine Kinder auf.\nDie Gruppen sind klein.\nIhr sprecht über viele Themen aus dem Alltag.\nDu machst auch erste Schritte in Richtung Arbeit.',
    duration: '7 bis 9 Monate',
    pay: 'kostenlos oder 2,29 Euro pro Stunde (Integrations·kurs vom BAMF)',
    nextStep:
      'Komm im Mütter·zentrum vorbei.\nDas geht am Dienstag und am Donnerstag von 9 bis 12 Uhr.\nEine Mitarbeiterin macht mit dir einen Test.\nDer Test zeigt: So gut sprichst du schon Deutsch.',
  },
  'do-orientierung-jugend': {
    title: 'Berufe kennenlernen: „Check deinen Weg“ in der Jugend·berufs·agentur',
    summary:
      'Es gibt 3 Termine.\nDu findest heraus: Das kann ich gut.\nDu probierst Berufe aus.\nDas machst du an Werkstatt·tagen.\nDu bereitest deine Bewerbung vor.\nDas Angebot ist für alle unter 25 Jahren.\nDu kannst auch ohne Schul·abschluss mitmachen.',
    duration: '3 Termine in 4 Wochen',
    pay: 'kostenlos',
    nextStep:
      'Komm in die offene Sprech·stunde.\nDu kannst ohne Termin kommen.\nDie Sprech·stunde ist Montag bis Freitag von 8 bis 12 Uhr.\nOder hol dir einen Termin über WhatsApp.',
  },
  'do-orientierung-wiedereinstieg': {
    title: 'Zurück in den Beruf nach der Familien·zeit: Begleitung durch einen Coach',
    summary:
      'Du warst eine Zeit lang zu Hause?\nZum Beispiel für deine Kinder.\nOder du hast Angehörige gepflegt.\nJetzt möchtest du wieder arbeiten?\nDann hilft dir dieses Angebot.\nCoach bedeutet: Eine Person begleitet dich und hilft dir.\nDu sprichst allein mit dem Coach.\nDu triffst dich auch mit einer Gruppe.\nDu lernst: So findest du eine Stelle in Teil·zeit.\nDu lernst: So erklärst du Lücken im Lebens·lauf.\nDu planst eine Weiter·bildung.',
    duration: '8 Wochen, 1 Treffen in der Woche',
    pay: 'kostenlos',
    nextStep: 'Melde dich für das nächste Info·treffen an.\nDas Treffen ist im Internet oder in der Steinstraße.',
  },
  'do-azubi-pflege-hombruch': {
    title: 'Ausbildung: Pflege·fach·frau oder Pflege·fach·mann',
    summary:
      'Du lernst die Pflege im Kranken·haus.\nDu lernst die Pflege von alten Menschen.\nDu lernst die Pflege bei Menschen zu Hause.\nNach der Ausbildung kannst du sehr wahrscheinlich dort weiter·arbeiten.\nEltern können die Ausbildung auch in Teil·zeit machen.',
    duration: '3 Jahre (in Teil·zeit bis zu 5 Jahre)',
    pay: 'im 1. Jahr etwa 1.340 Euro im Monat, im 3. Jahr etwa 1.500 Euro im Monat (Tarif TVAöD)',
    nextStep:
      'Bewirb dich im Internet.\nSchick deinen Lebens·lauf und deine letzten 2 Zeugnisse.\nOder melde dich für einen Schnupper·tag auf einer Station an.\nSchnupper·tag bedeutet: Du schaust dir 1 Tag lang die Arbeit an.',
    degreeCatchUp: 'mit Hauptschul·abschluss: zuerst 1 Jahr Ausbildung in der Pflege·fach·assistenz, danach direkt in diese Ausbildung',
    germanSupport: 'ein Deutsch·kurs für die Pflege bis B2 an der Pflege·schule',
  },
  'do-reinigung-lue': {
    title: 'Arbeit in der Gebäude·reinigung, später Weiter·bildung zur Vor·arbeiterin oder zum Vor·arbeiter',
    summary:
      'Du bekommst eine feste Stelle.\nDu putzt Büros und Schulen.\nDu arbeitest früh am Morgen oder spät am Tag.\nNach 1 Jahr kannst du eine Weiter·bildung machen.\nDie Weiter·bildung ist im Betrieb.\nDanach bist du Vor·arbeiterin oder Vor·arbeiter.\nDas bedeutet: Du leitest eine Gruppe.',
    duration: 'eine feste Stelle',
    pay: '14,25 Euro pro Stunde (Tarif für Gebäude·reinigung)',
    nextStep: 'Ruf an.\nOder schreib bei WhatsApp das Wort „Job“.\nDann stellst du dich im Büro vor.\nDas geht am selben Tag oder am nächsten Tag.',
  },
  'do-ausb-kfz-brackel': {
    title: 'Ausbildung: Kfz-Mechatroniker oder Kfz-Mechatronikerin (Autos), zusammen mit der Schule',
    summary:
      'Kfz bedeutet: Kraft·fahr·zeug.\nDie Gesamt·schule Brackel arbeitet mit dem Auto·haus zusammen.\nIn der 10. Klasse machst du ein Praktikum im Auto·haus.\nDanach machst du dort eine Ausbildung.\nDu lernst viel über Autos mit Elektro·motor.\nDer Betrieb sucht jedes Jahr 2 Auszubildende.',
    duration: '3 Jahre und 6 Monate',
    pay: 'im 1. Jahr etwa 950 Euro im Monat, im 4. Jahr etwa 1.200 Euro im Monat',
    nextStep: 'Frag nach einem kurzen Praktikum in den Ferien.\nRuf einfach an.\nFrag nach Herrn Yıldız.',
    degreeCatchUp: 'Hauptschul·abschluss nach der 10. Klasse an der Gesamt·schule oder am Abend an der Volks·hoch·schule',
  },
  'do-mengede-handwerk-orientierung': {
    title: 'Werkstatt·jahr Handwerk: Berufe ausprobieren und den Schul·abschluss machen',
    summary:
      'Du arbeitest 1 Jahr in verschiedenen Werkstätten.\nZum Beispiel mit Holz, mit Metall oder mit Farbe.\nDu hast auch Unterricht.\nDort lernst du für den Hauptschul·abschluss.\nDanach hilft dir das Kolping-Bildungswerk.\nZusammen sucht ihr eine Ausbildung im Handwerk.',
    duration: '10 bis 12 Monate',
    pay: 'vielleicht Geld von der Agentur für Arbeit (Berufs·ausbildungs·beihilfe), die Fahrt·kosten bekommst du zurück',
    nextStep: 'Sprich mit der Berufs·beratung von der Agentur für Arbeit.\nDie Berufs·beratung meldet dich für das Werkstatt·jahr an.',
  },
};
