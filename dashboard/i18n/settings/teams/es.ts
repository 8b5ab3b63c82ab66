import type { TeamsMessages } from './index.ts';

/** Spanish strings of the Teams section; keys and placeholders as in en.ts. */
export const teamsEs: TeamsMessages = {
  "settings.teams": "Equipos",
  "teams.intro": "Agrupe a los agentes en equipos. Una conversación dirigida a un equipo se asigna automáticamente solo a sus miembros y espera en la cola propia del equipo cuando todos están ocupados.",
  "teams.empty": "Aún no hay equipos: cada agente recibe todas las conversaciones.",
  "teams.new": "Equipo nuevo",
  "teams.create": "Crear equipo",
  "teams.rename": "Cambiar nombre",
  "teams.delete": "Eliminar {name}",
  "teams.deleteConfirm": "¿Eliminar el equipo {name}? Sus conversaciones conservan su responsable y ya no pertenecen a ningún equipo.",
  "teams.members": "Miembros",
  "teams.rules": "Reglas de página",
  "teams.rulesIntro": "Una conversación nueva iniciada en una página cuya ruta coincide va al equipo: /billing coincide con /billing y todo lo que hay debajo; * coincide con cualquier cosa. Gana la primera regla que coincide.",
  "teams.rulePattern": "Ruta de la página",
  "teams.ruleTeam": "Equipo",
  "teams.ruleAdd": "Añadir una regla",
  "teams.ruleRemove": "Quitar esta regla",
  "teams.renameLabel": "Nombre del equipo",
  "teams.picker": "Elección de equipo antes del chat",
  "teams.pickerIntro": "Antes de su primer mensaje, los visitantes eligen uno de los equipos ofrecidos aquí; la conversación va a ese equipo, digan lo que digan las reglas de página.",
  "teams.pickerOn": "Pedir a los visitantes que elijan un equipo",
  "teams.pickerLabel": "Lo que ven los visitantes para {name}",
  "teams.pickerNone": "Ofrezca al menos un equipo o desactive la elección.",
  "teams.pickerTooMany": "Ofrezca como máximo {max} equipos.",
  "teams.pickerBlank": "Cada equipo ofrecido necesita una etiqueta.",
  "teams.pickerSaved": "Elección de equipo guardada.",
};
