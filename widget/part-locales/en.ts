/**
 * The lazy parts' strings in English: one chunk per language (part-strings.ts), fetched with the first
 * lazy part a visitor needs, so a visitor downloads the parts' strings of their own language only.
 * This table is the reference: every other language has the same keys and placeholders (i18n.test.ts).
 */
const en = {
  /** ui/EmailParts.tsx, ui/PreChat.tsx: the email card, the pre-chat form, the transcript. */
  email: {
    transcript: 'Email me this conversation',
    emailCardTitle: 'Get the answer by email',
    emailCardBody: "Nobody is online right now. Leave your email and we'll send the answer there too.",
    emailCardSave: 'Notify me',
    transcriptAsk: 'Where should we send it?',
    transcriptSend: 'Send',
    transcriptSending: 'Sending…',
    transcriptSent: 'Sent to {email}.',
    transcriptConfirm: 'We sent a link to {email}: open it, and the conversation follows by email.',
    transcriptFailed: 'The conversation could not be sent. Please try again later.',
    transcriptDone: 'Done',
    emailPrompt: 'Leave your email so we can get back to you.',
    emailLabel: 'Your email',
    emailSave: 'Start chat',
    emailInvalid: 'Please enter a valid email address.',
    emailThanks: "Thanks! We'll also answer at {email}.",
    teamPrompt: 'What can we help you with?',
    teamRequired: 'Please choose one.',
  },
  /** ui/FileParts.tsx, uploads.ts: files in the chat. */
  file: {
    remove: 'Remove {name}',
    tooLarge: '{name} is larger than {size}.',
    drop: 'Drop files to attach',
    attachment: 'Attachment',
  },
  /** ui/HoursParts.tsx: "Back Monday 9:00", the place in the queue. */
  hours: {
    backOn: 'Back {time}',
    backToday: 'Back today at {time}',
    queuePlace: "You're number {n} in line. An agent will be with you soon.",
    busy: 'All agents are busy',
    busyPlace: "You'd be number {n} in line",
  },
  /** ui/ConversationParts.tsx: the list of conversations, resolve, the rating. */
  lifecycle: {
    title: 'Your conversations',
    back: 'Back to the chat',
    newConversation: 'New conversation',
    empty: 'No conversations yet.',
    noMessages: 'No messages yet',
    you: 'You: {text}',
    unread: '{n} unread',
    /** ui/UnreadElsewhere.tsx: the header badge's sentence, for screen readers. */
    unreadElsewhere: 'Unread replies in your other conversations: {n}',
    resolved: 'This conversation is resolved.',
    startNew: 'Start a new conversation',
    rateAsk: 'How was this conversation?',
    rateLabel: '{n} of 5',
    commentLabel: 'Anything to add? (optional)',
    rateSend: 'Send rating',
    rated: 'Thanks for your rating!',
    change: 'Change',
    rateFailed: 'The rating could not be sent: {reason}',
    'status.open': 'Open',
    'status.pending': 'Open',
    'status.snoozed': 'Open',
    'status.resolved': 'Resolved',
    deleteData: 'Delete my data',
  },
  /** ui/PrivacyParts.tsx: "Delete my data". */
  privacy: {
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
  },
  /** ui/MessageList.tsx, ui/Bubble.tsx, timeline-lines.ts, ui/Preview.tsx: the thread and the preview. */
  thread: {
    pending: 'Sending…',
    failed: 'Not sent',
    retry: 'Retry',
    discard: 'Delete',
    sent: 'Sent',
    read: 'Read',
    typing: '{name} is typing…',
    older: 'Loading earlier messages…',
    team: 'Support',
    deleted: 'Message deleted',
    jump: 'New messages ↓',
    newFrom: 'New message from {name}',
    dismiss: 'Dismiss',
    attachment: 'Attachment',
    resolvedBy: '{name} marked this resolved',
    reopenedBy: '{name} reopened this conversation',
    reopened: 'Conversation reopened',
    joined: '{name} joined the conversation',
    rated: 'You rated this conversation {score} of 5',
  },
};

export default en;
