import { splitMentions } from '../../protocol/index.ts';

/**
 * A message's text; in a note, `@[Name](staffId)` mentions become chips. Everything is rendered as
 * text nodes (Preact escapes them): a name or a note can never inject HTML.
 */
export function MessageText({ text, note, myId }: { text: string; note: boolean; myId: string }) {
  if (!note || !text.includes('@[')) return <>{text}</>;
  return (
    <>
      {splitMentions(text).map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <span key={i} class={part.staffId === myId ? 'mention mention-me' : 'mention'} data-testid="mention-chip" data-staff-id={part.staffId}>
            @{part.name}
          </span>
        ),
      )}
    </>
  );
}
