/**
 * The "Hours & assignment" settings section's strings (dashboard/ui/settings/RoutingSection.tsx), in
 * English: the reference for de, fr, es and ar in this folder.
 */
export const routingEn = {
  'settings.routing': 'Hours & assignment',
  'routing.intro': 'When your team answers, and who gets each new conversation. Visitors outside your hours see when you are back and can leave a message.',
  'routing.hours': 'Business hours',
  'routing.hoursOn': 'Only open at set hours',
  'routing.timezone': 'Time zone',
  'routing.day': 'Day',
  'routing.from': 'From',
  'routing.to': 'To',
  'routing.day.mon': 'Monday',
  'routing.day.tue': 'Tuesday',
  'routing.day.wed': 'Wednesday',
  'routing.day.thu': 'Thursday',
  'routing.day.fri': 'Friday',
  'routing.day.sat': 'Saturday',
  'routing.day.sun': 'Sunday',
  'routing.addSpan': 'Add opening hours',
  'routing.removeSpan': 'Remove these hours',
  'routing.overnight': 'An end before the start runs into the next day (22:00–02:00); 00:00–00:00 is the whole day.',
  'routing.holidays': 'Closed on (dates, comma-separated)',
  'routing.whenOffline': 'When nobody can answer',
  'routing.offlineChat': 'Chat as usual, and ask for an email',
  'routing.offlineForm': 'Show only the message form',
  'routing.offlineHide': 'Hide the chat button',
  'routing.assignment': 'Automatic assignment',
  'routing.modeOff': 'Off: agents pick conversations',
  'routing.modeRoundRobin': 'Round robin: take turns',
  'routing.modeLeastBusy': 'Least busy: fewest open conversations',
  'routing.capacity': 'Open conversations per agent',
  'routing.agent': 'Agent',
  'routing.agentCapacity': 'Their own limit',
  'routing.agentCapacityOf': 'Open conversations for {name}',
  'routing.awayTimeout': 'Return waiting conversations after (minutes away)',
  'routing.awayTimeoutHint': 'An agent away or offline this long gives back the conversations waiting on them. Empty: never.',
  'routing.saved': 'Saved.',
};

export type RoutingKey = keyof typeof routingEn;
