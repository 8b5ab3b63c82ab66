/** @jsxImportSource react */
// The React example: a shop page whose own header button opens the chat and shows the unread count,
// through @parley/react installed from the packed tarballs (examples/react/build.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ParleyProvider, useParley } from '@parley/react';

function ChatButton() {
  const { unreadCount, isOpen, open, close } = useParley();
  return (
    <button type="button" data-testid="app-chat" aria-pressed={isOpen} onClick={isOpen ? close : open}>
      {isOpen ? 'Close chat' : 'Chat with us'}
      {unreadCount > 0 && (
        <span data-testid="app-unread" aria-label={`${unreadCount} unread`}>
          {' '}
          {unreadCount}
        </span>
      )}
    </button>
  );
}

function Shop() {
  const { visitorId } = useParley();
  return (
    <>
      <header>
        <strong>Acme Shop</strong> <ChatButton />
      </header>
      <main>
        <h1>Everything for your desk</h1>
        <p data-testid="app-visitor">{visitorId ? 'Chat connected' : 'Chat loading'}</p>
      </main>
    </>
  );
}

const { parleyUrl, siteKey } = (window as unknown as { PARLEY_EXAMPLE: { parleyUrl: string; siteKey: string } }).PARLEY_EXAMPLE;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ParleyProvider apiBase={parleyUrl} siteKey={siteKey} hideLauncher>
      <Shop />
    </ParleyProvider>
  </StrictMode>,
);
