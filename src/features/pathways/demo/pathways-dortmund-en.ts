import type { TranslatedPathwayField } from '../domain/pathway.js';

/**
 * The Dortmund demo pathways in English. German names of degrees, offices and vouchers stay in
 * brackets: they are the words the person will hear at the Jobcenter or the company.
 */
export const DORTMUND_PATHWAYS_EN: Record<string, Partial<Record<TranslatedPathwayField, string>>> = {
  'do-azubi-elektro': {
    title: 'Apprenticeship as an electronics technician for energy and building services (Elektroniker/in)',
    summary:
      'Three years in the company and at vocational school: laying cables, building control cabinets, smart home and solar panels. Through the school cooperation you first get to know the company in a two-week internship.',
    duration: '3.5 years (can be shortened)',
    pay: 'Apprentice pay approx. €900 in the 1st year up to €1,150 in the 4th year (collective agreement for the electrical trade)',
    nextStep: 'Ask for an internship: send a short application (CV, latest school report) by email to Ms Brüggemann. The school social workers at Hauptschule Eving help you write it.',
    degreeCatchUp: 'evening course at VHS Dortmund, the adult education centre (Hansastraße), free of charge, 2 evenings a week',
    germanSupport: 'support during the apprenticeship (AsA flex) from the Agentur für Arbeit, also for German',
  },
  'do-azubi-fachlager': {
    title: 'Apprenticeship as a warehouse operator (Fachlagerist/in)',
    summary:
      'Two years of training in the warehouse of a large distribution centre: receiving goods, storing them, picking orders, forklift licence included. Afterwards you can move up to warehouse logistics specialist (Fachkraft für Lagerlogistik).',
    duration: '2 years',
    pay: 'Apprentice pay €1,000 in the 1st year, €1,100 in the 2nd year',
    nextStep: 'Come to the applicant day (every first Wednesday of the month, 10 am) – bring your CV, no appointment needed.',
    degreeCatchUp: 'Hauptschulabschluss at the same time in the evening course of VHS Dortmund (Kampstraße)',
    germanSupport: 'language coaching at work once a week',
  },
  'do-eq-handel': {
    title: 'Entry qualification (EQ) in retail',
    summary:
      'A paid long-term internship (6–12 months) in a supermarket as a bridge into an apprenticeship as a sales assistant (Verkäufer/in). The EQ time can count towards the apprenticeship.',
    duration: '6–12 months',
    pay: 'approx. €290 a month from the company (refunded by the Agentur für Arbeit)',
    nextStep: 'Make an appointment with the careers advice (Berufsberatung) of the Agentur für Arbeit and say “EQ Einzelhandel”.',
    germanSupport: 'a job-related German course (Berufssprachkurs) at the same time is possible',
  },
  'do-eq-gastro': {
    title: 'Entry qualification (EQ) in the kitchen and service',
    summary:
      'Six to twelve months in a hotel kitchen or in restaurant service, with one day a week at vocational school. If it goes well, you get an apprenticeship as a cook or as a hospitality specialist (Fachkraft für Gastronomie).',
    duration: '6–12 months',
    pay: 'approx. €290 a month plus meals during your shifts',
    nextStep: 'Just call or write – a trial day is arranged right away.',
  },
  'do-helfer-lager': {
    title: 'Warehouse helper (order picking)',
    summary:
      'Start right away as a warehouse helper in logistics companies at the Dortmund port and in Ellinghausen. Training on the first day, shift work (early/late), a permanent contract is possible after 6 months.',
    duration: 'permanent after the probation period',
    pay: '€14.50 an hour plus shift bonuses',
    nextStep: 'Come to the office without an appointment (Mon–Thu 9 am–3 pm) and bring your ID – you get an interview the same day.',
  },
  'do-helfer-kueche': {
    title: 'Kitchen helper in a canteen (part-time possible)',
    summary:
      'Preparing food, washing up and serving meals in the canteen of an office building. Working hours only in the morning (7 am–1 pm), no weekends – this fits well with nursery and school hours.',
    duration: 'permanent',
    pay: '€13.90 an hour, 20–30 hours a week',
    nextStep: 'Call and arrange a trial day – a health certificate (Gesundheitszeugnis) helps us, and we pay for it.',
    germanSupport: 'German at work with a volunteer language mentor',
  },
  'do-gruenbau-garten': {
    title: 'Work opportunity in gardening and landscape care',
    summary:
      'Subsidised employment through the Jobcenter: looking after parks and green spaces, small building projects in the neighbourhood. With guidance, fixed hours and support for your next step into a regular job.',
    duration: '6–12 months',
    pay: 'funded by the Jobcenter (§ 16i SGB II: a job with social insurance and standard wages)',
    nextStep: 'Talk to your adviser at the Jobcenter about “GrünBau”, or come straight to the open consultation hour (Tuesdays 10 am–12 noon).',
  },
  'do-diakonie-pflegehilfe': {
    title: 'Training as a care assistant (basic course in care assistance)',
    summary:
      'A course with practice in a care home for older people: basic care, support in everyday life, hygiene. Afterwards you work as a care helper or do the one-year training as a care assistant (Pflegefachassistenz).',
    duration: '4 months (part-time: 6 months)',
    pay: 'free with an education voucher (Bildungsgutschein) from the Jobcenter or the Agentur für Arbeit',
    nextStep: 'Go to an information session (every second Thursday, 2 pm) and then apply for the education voucher (Bildungsgutschein).',
    germanSupport: 'German for care course before the course starts (4 weeks)',
  },
  'do-teilzeitausbildung-kauf': {
    title: 'Part-time apprenticeship as an office management clerk (Kaufleute für Büromanagement)',
    summary:
      'An apprenticeship with 25–30 hours a week for mothers and fathers, with help finding a childcare place and coaching. Companies in administration, trades and retail.',
    duration: '3 years (part-time, can be shortened)',
    pay: 'a share of the apprentice pay (approx. €800–900) plus, where eligible, a training allowance (Berufsausbildungsbeihilfe)',
    nextStep: 'Make an appointment with the TEP coordinator – you are welcome to bring your child in the pram.',
    degreeCatchUp: 'Realschulabschluss at the Weiterbildungskolleg Dortmund (evening classes, also online)',
    germanSupport: 'job-related German course B2 (DeuFöV) beforehand',
  },
  'do-umschulung-lagerlogistik': {
    title: 'Retraining as a warehouse logistics specialist (Fachkraft für Lagerlogistik)',
    summary:
      'A vocational qualification from the IHK in 24 instead of 36 months, with an internship in a company. For adults with work experience who want a recognised qualification.',
    duration: '24 months (full-time)',
    pay: 'free with an education voucher (Bildungsgutschein); a further training bonus of up to €2,500 when you pass the exam',
    nextStep: 'Arrange a counselling appointment and talk to the Agentur für Arbeit / the Jobcenter about the education voucher (Bildungsgutschein).',
    degreeCatchUp: 'without a school degree: an aptitude test at the Bildungswerk instead of a certificate',
    germanSupport: 'support with technical German in the course',
  },
  'do-umschulung-it': {
    title: 'Retraining as an IT specialist for system integration (Fachinformatiker/in)',
    summary:
      'An IHK qualification in 28 months: networks, servers, IT support. Blended learning with two days on site at Phoenix-See and three days online.',
    duration: '28 months',
    pay: 'free with an education voucher (Bildungsgutschein)',
    nextStep: 'Take the online aptitude test (45 minutes), then a counselling appointment.',
  },
  'do-deutsch-beruf-b1': {
    title: 'German for work (job-related German course up to B2)',
    summary:
      'German for work: applications, phone calls, everyday life at work. In the morning or in the evening, with an exam. Also part-time alongside a job.',
    duration: '4–6 months',
    pay: 'free with a permission from the Jobcenter, the Agentur für Arbeit or the BAMF',
    nextStep: 'Come to the language course advice at the VHS (Mon and Wed 9 am–12 noon) and bring your residence document.',
  },
  'do-deutsch-einstieg': {
    title: 'Learn German with childcare (A1–B1)',
    summary:
      'An integration course in the morning, while your children are looked after in the same building. Small groups, many everyday topics and first steps towards work.',
    duration: '7–9 months',
    pay: 'free or €2.29 an hour (BAMF integration course)',
    nextStep: 'Drop in at the Mütterzentrum (Tue and Thu 9 am–12 noon) – a member of staff does the placement test with you.',
  },
  'do-orientierung-jugend': {
    title: 'Career orientation “Check deinen Weg” at the Jugendberufsagentur',
    summary:
      'Three meetings: find out your strengths, try out jobs (workshop days), prepare your application. For everyone under 25, also without a school degree.',
    duration: '3 meetings in 4 weeks',
    pay: 'free',
    nextStep: 'Come to the open consultation hour without an appointment (Mon–Fri 8 am–12 noon) – or get an appointment via WhatsApp.',
  },
  'do-orientierung-wiedereinstieg': {
    title: 'Back to work after family time – coaching',
    summary:
      'One-to-one coaching and group meetings for everyone who wants to go back to work after looking after children or caring for relatives: finding part-time jobs, explaining gaps in your CV, planning further training.',
    duration: '8 weeks, one meeting a week',
    pay: 'free',
    nextStep: 'Sign up for the next information meeting (online or in Steinstraße).',
  },
  'do-azubi-pflege-hombruch': {
    title: 'Apprenticeship as a nurse (Pflegefachfrau/Pflegefachmann)',
    summary:
      'General nursing training: hospital, care for older people and home care. Very good chances of being taken on afterwards, part-time possible for parents.',
    duration: '3 years (part-time up to 5 years)',
    pay: 'Apprentice pay approx. €1,340 in the 1st year up to €1,500 in the 3rd year (TVAöD)',
    nextStep: 'Apply online (CV, last two school reports) or sign up for a taster day on a ward.',
    degreeCatchUp: 'with a Hauptschulabschluss: first the one-year training as a care assistant (Pflegefachassistenz), then straight into the nursing apprenticeship',
    germanSupport: 'German for care course B2 at the nursing school',
  },
  'do-reinigung-lue': {
    title: 'Building cleaning – a start with further training as a team leader (Vorarbeiter/in)',
    summary:
      'A permanent job cleaning offices and schools, working hours early or late. After one year, in-house further training as a team leader (Vorarbeiter/in).',
    duration: 'permanent',
    pay: '€14.25 an hour (collective agreement for building cleaning)',
    nextStep: 'Call or write “Job” on WhatsApp – an interview at the office on the same or the next day.',
  },
  'do-ausb-kfz-brackel': {
    title: 'Apprenticeship as an automotive mechatronics technician (Kfz-Mechatroniker/in, with school cooperation)',
    summary:
      'Through the cooperation with the comprehensive school: an internship in year 10, then an apprenticeship with a focus on electric cars. The company takes on two apprentices every year.',
    duration: '3.5 years',
    pay: 'Apprentice pay approx. €950 in the 1st year up to €1,200 in the 4th year',
    nextStep: 'Ask for a taster internship in the holidays – just call and ask for Mr Yıldız.',
    degreeCatchUp: 'Hauptschulabschluss after year 10 at the comprehensive school, or in the evenings at the VHS',
  },
  'do-mengede-handwerk-orientierung': {
    title: 'Workshop year in the trades – try things out and get your school degree',
    summary:
      'One year in wood, metal and painting workshops, with lessons towards the Hauptschulabschluss. Afterwards you are placed in an apprenticeship in a trade.',
    duration: '10–12 months',
    pay: 'a training allowance (Berufsausbildungsbeihilfe, BAB) is possible, travel costs are refunded',
    nextStep: 'Talk to the careers advice (Berufsberatung) of the Agentur für Arbeit – they sign you up for the workshop year.',
  },
};
