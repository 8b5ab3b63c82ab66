import type { TeamsMessages } from './index.ts';

/** Spanish strings of the Teams section; keys and placeholders as in en.ts. */
export const teamsEs: TeamsMessages = {
  "settings.teams": "Equipos",
  "teams.intro": "Agrupe a los agentes en equipos. Una conversación dirigida a un equipo se asigna automáticamente solo a sus miembros y espera en la cola propia del equipo cuando todos están ocupados.",
  "teams.empty": "Aún no hay equipos: cada agente recibe todas las conversaciones.",
  "teams.new": "Equipo nuevo",
  "teams.create": "Crear equipo",
  "teams.rename": "Cambiar nombre",
  "teams.renamePrompt": "Nuevo nombre del equipo",
  "teams.delete": "Eliminar {name}",
  "teams.deleteConfirm": "¿Eliminar el equipo {name}? Sus conversaciones conservan su responsable y ya no pertenecen a ningún equipo.",
  "teams.members": "Miembros",
  "teams.rules": "Reglas de página",
  "teams.rulesIntro": "Una conversación nueva iniciada en una página cuya ruta coincide va al equipo: /billing coincide con /billing y todo lo que hay debajo; * coincide con cualquier cosa. Gana la primera regla que coincide.",
  "teams.rulePattern": "Ruta de la página",
  "teams.ruleTeam": "Equipo",
  "teams.ruleAdd": "Añadir una regla",
  "teams.ruleRemove": "Quitar esta regla",
};
