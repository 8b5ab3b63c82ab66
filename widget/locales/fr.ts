import type { Strings } from '../i18n.ts';

/** Français. */
const fr: Strings = {
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  conversations: 'Vos conversations',
  chatWith: 'Discuter avec {site}',
  online: 'Nous sommes en ligne',
  onlineSub: 'Réponse en {time}',
  fewMinutes: 'quelques minutes',
  away: 'Nous sommes absents',
  awaySub: 'Laissez un message, nous vous répondrons',
  greeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
  placeholder: 'Écrire un message…',
  send: 'Envoyer le message',
  attach: 'Joindre un fichier',
  connecting: 'Connexion…',
  offline: 'Vous êtes hors ligne. Les messages partiront dès le retour de la connexion.',
  notHere: "Le chat n'est pas disponible sur cette page.",
  unreachable: 'Serveur injoignable. Nouvelle tentative…',
  reconnect: 'Se reconnecter',
  uploadFailed: "{name} n'a pas pu être envoyé.",
  newMessage: '({n}) Nouveau message',
  unread: '{n} non lu(s)',
  messages: 'Conversation',
  textTooLong: 'Message trop long ({n}/{max}).',
  rejected: "Nous n'avons pas pu vérifier votre compte. Veuillez recharger la page.",
  minimize: 'Réduire le chat',
};
export default fr;
