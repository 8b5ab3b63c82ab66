import { translator } from './i18n.ts';
/**
 * The strings of business hours and the queue (ui/HoursParts.tsx: "Back Monday 9:00" in the header,
 * the visitor's place in the queue), per locale. They travel with that lazy chunk rather than in the
 * main catalogues: most visitors write while the team is in and nobody waits. Every widget locale must
 * be here (i18n.test.ts checks it).
 */
const en = {
  backOn: 'Back {time}',
  backToday: 'Back today at {time}',
  queuePlace: "You're number {n} in line. An agent will be with you soon.",
  busy: 'All agents are busy',
  busyPlace: "You'd be number {n} in line",
};
export type HoursStringKey = keyof typeof en;

const de: typeof en = {
  backOn: 'Zurück {time}',
  backToday: 'Heute ab {time} zurück',
  queuePlace: 'Sie sind Nummer {n} in der Warteschlange. Gleich ist jemand für Sie da.',
  busy: 'Alle sind gerade beschäftigt',
  busyPlace: 'Sie wären Nummer {n} in der Warteschlange',
};

const fr: typeof en = {
  backOn: 'De retour {time}',
  backToday: 'De retour aujourd’hui à {time}',
  queuePlace: 'Vous êtes numéro {n} dans la file. Un agent arrive bientôt.',
  busy: 'Tous nos agents sont occupés',
  busyPlace: 'Vous seriez numéro {n} dans la file',
};

const es: typeof en = {
  backOn: 'Volvemos el {time}',
  backToday: 'Volvemos hoy a las {time}',
  queuePlace: 'Eres el número {n} en la cola. Un agente te atenderá pronto.',
  busy: 'Todos los agentes están ocupados',
  busyPlace: 'Serías el número {n} en la cola',
};

const ar: typeof en = {
  backOn: 'نعود {time}',
  backToday: 'نعود اليوم الساعة {time}',
  queuePlace: 'أنت رقم {n} في قائمة الانتظار. سيكون أحد الوكلاء معك قريبًا.',
  busy: 'جميع الوكلاء مشغولون',
  busyPlace: 'ستكون رقم {n} في قائمة الانتظار',
};

export const HOURS_STRINGS: Record<string, typeof en> = { en, de, fr, es, ar };

export type HoursTranslate = (key: HoursStringKey, vars?: Record<string, string | number>) => string;

/** The table in the visitor's language (English when the widget has none for it), `{x}` filled in. */
export const hoursStrings = (locale: string): HoursTranslate => translator(HOURS_STRINGS[locale] || en);
