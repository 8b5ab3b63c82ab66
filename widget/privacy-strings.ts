import { translator } from './i18n.ts';
/**
 * The strings of "Delete my data" (ui/PrivacyParts.tsx), per locale. They travel with that lazy chunk,
 * not in the catalogues, so the first open does not carry them; every widget locale must be here
 * (i18n.test.ts checks it). `{site}` is the site's name.
 */
const en = {
  title: 'Delete my data',
  intro: 'You can ask {site} to delete everything this chat keeps about you: your conversations, messages and files.',
  ask: 'Ask to delete my data…',
  confirm: 'Ask {site} to delete all your conversations, messages and files? Once they confirm, it cannot be undone and this chat starts afresh.',
  confirmYes: 'Yes, ask to delete',
  cancel: 'Cancel',
  received: 'Your request was received.',
  waiting: 'It is waiting for {site} to confirm it. Then your conversations, messages and files are deleted.',
  askedAt: 'Asked on {time}',
  declined: '{site} declined your last request. You can ask again, or write to them in the chat.',
  askAgain: 'Ask again…',
  failed: 'The request could not be sent: {reason}',
  back: 'Back',
  theSite: 'the site',
};
export type PrivacyStringKey = keyof typeof en;

const de: typeof en = {
  title: 'Meine Daten löschen',
  intro: 'Sie können {site} bitten, alles zu löschen, was dieser Chat über Sie speichert: Ihre Gespräche, Nachrichten und Dateien.',
  ask: 'Löschung meiner Daten beantragen…',
  confirm: '{site} bitten, alle Ihre Gespräche, Nachrichten und Dateien zu löschen? Nach der Bestätigung lässt sich das nicht rückgängig machen, und dieser Chat beginnt neu.',
  confirmYes: 'Ja, Löschung beantragen',
  cancel: 'Abbrechen',
  received: 'Ihre Anfrage ist eingegangen.',
  waiting: 'Sie wartet darauf, dass {site} sie bestätigt. Dann werden Ihre Gespräche, Nachrichten und Dateien gelöscht.',
  askedAt: 'Gestellt am {time}',
  declined: '{site} hat Ihre letzte Anfrage abgelehnt. Sie können erneut fragen oder im Chat schreiben.',
  askAgain: 'Erneut beantragen…',
  failed: 'Die Anfrage konnte nicht gesendet werden: {reason}',
  back: 'Zurück',
  theSite: 'die Website',
};

const fr: typeof en = {
  title: 'Supprimer mes données',
  intro: 'Vous pouvez demander à {site} de supprimer tout ce que ce chat conserve sur vous : vos conversations, messages et fichiers.',
  ask: 'Demander la suppression de mes données…',
  confirm: 'Demander à {site} de supprimer toutes vos conversations, tous vos messages et fichiers ? Une fois confirmé, c’est irréversible et ce chat repart de zéro.',
  confirmYes: 'Oui, demander la suppression',
  cancel: 'Annuler',
  received: 'Votre demande a bien été reçue.',
  waiting: 'Elle attend la confirmation de {site}. Vos conversations, messages et fichiers seront alors supprimés.',
  askedAt: 'Demandée le {time}',
  declined: '{site} a refusé votre dernière demande. Vous pouvez la refaire, ou leur écrire dans le chat.',
  askAgain: 'Redemander…',
  failed: 'La demande n’a pas pu être envoyée : {reason}',
  back: 'Retour',
  theSite: 'le site',
};

const es: typeof en = {
  title: 'Eliminar mis datos',
  intro: 'Puedes pedir a {site} que elimine todo lo que este chat guarda sobre ti: tus conversaciones, mensajes y archivos.',
  ask: 'Pedir que eliminen mis datos…',
  confirm: '¿Pedir a {site} que elimine todas tus conversaciones, mensajes y archivos? Una vez que lo confirmen, no se puede deshacer y este chat empieza de nuevo.',
  confirmYes: 'Sí, pedir la eliminación',
  cancel: 'Cancelar',
  received: 'Hemos recibido tu solicitud.',
  waiting: 'Está esperando a que {site} la confirme. Entonces se eliminarán tus conversaciones, mensajes y archivos.',
  askedAt: 'Solicitada el {time}',
  declined: '{site} rechazó tu última solicitud. Puedes pedirlo de nuevo o escribirles en el chat.',
  askAgain: 'Pedirlo de nuevo…',
  failed: 'No se pudo enviar la solicitud: {reason}',
  back: 'Volver',
  theSite: 'el sitio',
};

const ar: typeof en = {
  title: 'حذف بياناتي',
  intro: 'يمكنك أن تطلب من {site} حذف كل ما تحتفظ به هذه الدردشة عنك: محادثاتك ورسائلك وملفاتك.',
  ask: 'طلب حذف بياناتي…',
  confirm: 'هل تطلب من {site} حذف جميع محادثاتك ورسائلك وملفاتك؟ بعد التأكيد لا يمكن التراجع عن ذلك وتبدأ هذه الدردشة من جديد.',
  confirmYes: 'نعم، اطلب الحذف',
  cancel: 'إلغاء',
  received: 'تم استلام طلبك.',
  waiting: 'الطلب بانتظار تأكيد {site}. بعد ذلك تُحذف محادثاتك ورسائلك وملفاتك.',
  askedAt: 'قُدّم في {time}',
  declined: 'رفض {site} طلبك الأخير. يمكنك الطلب مرة أخرى أو مراسلتهم في الدردشة.',
  askAgain: 'الطلب مرة أخرى…',
  failed: 'تعذّر إرسال الطلب: {reason}',
  back: 'رجوع',
  theSite: 'الموقع',
};

export const PRIVACY_STRINGS: Record<string, typeof en> = { en, de, fr, es, ar };

/** The table in the visitor's language (English when the widget has none for it), `{x}` filled in. */
export const privacyStrings = (locale: string) => translator(PRIVACY_STRINGS[locale] || en);
