import type { PrivacyMessages } from './index.ts';

/** Spanish strings of the Privacy section; keys and placeholders as in en.ts. */
export const privacyEs: PrivacyMessages = {
  'settings.privacy': "Privacidad",
  'privacy.intro': "Qué guarda Parley de los visitantes, durante cuánto tiempo, y sus solicitudes de acceso o borrado (ver docs/deploy.md, Privacy).",
  'privacy.consent': "Pedir antes el consentimiento de los visitantes",
  'privacy.consentHint': "Hasta que un visitante abra el chat (o tu página llame a Parley('consent', true)) solo se carga widget.js y no se guarda nada en su navegador ni en el servidor. Vuelve a pegar el fragmento de instalación: entonces lleva data-require-consent.",
  'privacy.tombstone': "Conservar las conversaciones de visitantes borrados como registros vacíos para los informes",
  'privacy.tombstoneHint': "Se conservan el estado, las horas, la persona asignada y la puntuación; se borran todos los textos, archivos, nombres y direcciones. Desactivado: las conversaciones se eliminan.",
  'privacy.retention': "Eliminar las conversaciones resueltas hace más de",
  'privacy.retentionDays': "días (vacío: conservarlas)",
  'privacy.save': "Guardar privacidad",
  'privacy.saved': "Ajustes de privacidad guardados.",
  'privacy.requests': "La solicitud de un visitante",
  'privacy.requestsHint': "Encuentra todo sobre una persona por su correo, su id de visitante (el panel lo muestra) o tu propio id de usuario, y expórtalo o bórralo.",
  'privacy.by': "Buscar por",
  'privacy.by.email': "Correo",
  'privacy.by.visitorId': "Id de visitante",
  'privacy.by.userId': "Tu id de usuario",
  'privacy.who': "Quién",
  'privacy.export': "Exportar (JSON y archivos)",
  'privacy.exported': "La exportación se está descargando: {file}.",
  'privacy.erase': "Borrar…",
  'privacy.eraseConfirm': "¿Borrar todo sobre esta persona? No se puede deshacer.",
  'privacy.eraseYes': "Sí, borrar",
  'privacy.erased': "Borrado: {visitors} registros de visitante, {conversations} conversaciones, {files} archivos.",
};
