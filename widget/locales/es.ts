import type { Strings } from '../i18n.ts';

/** Español. */
const es: Strings = {
  openChat: 'Abrir chat',
  closeChat: 'Cerrar chat',
  conversations: 'Tus conversaciones',
  chatWith: 'Chatear con {site}',
  online: 'Estamos en línea',
  onlineSub: 'Respondemos en {time}',
  fewMinutes: 'unos minutos',
  away: 'No estamos disponibles',
  awaySub: 'Deja un mensaje y te responderemos',
  greeting: '¡Hola! ¿Cómo podemos ayudarte?',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar mensaje',
  attach: 'Adjuntar un archivo',
  connecting: 'Conectando…',
  offline: 'Estás sin conexión. Los mensajes se enviarán cuando vuelva la conexión.',
  notHere: 'El chat no está disponible en esta página.',
  unreachable: 'No se puede contactar con el servidor. Reintentando…',
  reconnect: 'Reconectar',
  uploadFailed: 'No se pudo subir {name}.',
  newMessage: '({n}) Mensaje nuevo',
  unread: '{n} sin leer',
  messages: 'Conversación',
  textTooLong: 'El mensaje es demasiado largo ({n}/{max}).',
  rejected: 'No pudimos verificar tu cuenta. Vuelve a cargar la página.',
  minimize: 'Minimizar chat',
};
export default es;
