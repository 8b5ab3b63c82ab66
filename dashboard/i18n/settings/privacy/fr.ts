import type { PrivacyMessages } from './index.ts';

/** French strings of the Privacy section; keys and placeholders as in en.ts. */
export const privacyFr: PrivacyMessages = {
  'settings.privacy': "Confidentialité",
  'privacy.intro': "Ce que Parley conserve sur les visiteurs, combien de temps, et leurs demandes d’accès ou d’effacement (voir docs/deploy.md, Privacy).",
  'privacy.consent': "Demander d’abord le consentement des visiteurs",
  'privacy.consentHint': "Tant qu’un visiteur n’ouvre pas le chat (ou que votre page n’appelle pas Parley('consent', true)), seul widget.js est chargé et rien n’est enregistré dans son navigateur ni sur le serveur. Recollez l’extrait d’installation : il porte alors data-require-consent.",
  'privacy.tombstone': "Garder les conversations des visiteurs effacés comme fiches vides pour les rapports",
  'privacy.tombstoneHint': "Statut, horaires, responsable et note restent ; tous les textes, fichiers, noms et adresses disparaissent. Désactivé : les conversations sont supprimées.",
  'privacy.retention': "Supprimer les conversations résolues depuis plus de",
  'privacy.retentionDays': "jours (vide : les garder)",
  'privacy.save': "Enregistrer la confidentialité",
  'privacy.saved': "Réglages de confidentialité enregistrés.",
  'privacy.requests': "La demande d’un visiteur",
  'privacy.requestsHint': "Retrouvez tout sur une personne par son e-mail, son identifiant de visiteur (le tableau de bord l’affiche) ou votre propre identifiant utilisateur, puis exportez-le ou effacez-le.",
  'privacy.by': "Chercher par",
  'privacy.by.email': "E-mail",
  'privacy.by.visitorId': "Identifiant de visiteur",
  'privacy.by.userId': "Votre identifiant utilisateur",
  'privacy.who': "Qui",
  'privacy.export': "Exporter (JSON et fichiers)",
  'privacy.exported': "L’export se télécharge : {file}.",
  'privacy.erase': "Effacer…",
  'privacy.eraseConfirm': "Effacer tout ce qui concerne cette personne ? C’est irréversible.",
  'privacy.eraseYes': "Oui, effacer",
  'privacy.erased': "Effacé : {visitors} fiches visiteur, {conversations} conversations, {files} fichiers.",
};
