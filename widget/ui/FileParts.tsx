import type { Attachment } from '../../protocol/index.ts';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { UploadState } from '../state.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createLinkSource, type LinkSource } from '../attachment-links.ts';
import { Icon } from './icons.tsx';

// Only files show these icons, so their paths travel in this chunk, not the first open.
const FILE_ICON = 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm4 18H6V4h7v5h5v11z';
const CLOSE_ICON = 'M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z';
import { Sheet } from './Sheet.tsx';

/**
 * Files in the chat, a lazy chunk (most chats carry none, so the first open does not carry this): the
 * attachments shown in a message, and the chips of the files being attached in the composer.
 */

/** The chunk's own styles; the panel adds them to the shadow root once, while any file is shown. */
const CSS = `.files{display:flex;flex-direction:column;gap:6px;margin-top:6px}
.files img{max-width:220px;max-height:200px;border-radius:10px;display:block}
.file{display:inline-flex;gap:6px;align-items:center}
.chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:220px}
.chip .icon-btn{width:24px;height:24px}
.chip .icon-btn svg{width:14px;height:14px}
progress{width:60px;height:4px;accent-color:var(--parley-accent)}`;
export const FileStyle = () => <Sheet css={CSS} />;

/** One link source per widget: its batches and cache serve every message's files. */
const sources = new WeakMap<Controller, LinkSource>();
const sourceFor = (ctrl: Controller): LinkSource => {
  let s = sources.get(ctrl);
  if (!s) sources.set(ctrl, (s = createLinkSource(ctrl.options.apiBase, () => ctrl.store.get().token)));
  return s;
};

/** A message's attachments: images inline, other files as download links (signed, short-lived). */
export function Attachments({ list, ctrl }: { list: Attachment[]; ctrl: Controller }) {
  const links = sourceFor(ctrl);
  return (
    <div class="files">
      {list.map((a) => (
        <File key={a.id} a={a} links={links} />
      ))}
    </div>
  );
}

/** The current signed link of one file, asked for again shortly before it expires while shown. */
function useLink(links: LinkSource, id: string): string | null {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      links.get(id).then((url) => {
        if (!alive) return;
        setHref(url);
        const wait = links.expiresAt(id) - Date.now() - 30_000;
        if (url && wait > 0) timer = setTimeout(load, wait);
      }, () => {});
    load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [id]);
  return href;
}

function File({ a, links }: { a: Attachment; links: LinkSource }) {
  const href = useLink(links, a.id);
  // An image keeps the link it first loaded with (a new link would load it again); its anchor follows.
  const src = useRef<string | null>(null);
  if (href && !src.current) src.current = href;
  if (a.type.startsWith('image/')) {
    return (
      <a href={href || undefined} target="_blank" rel="noopener noreferrer nofollow" data-testid="parley-attachment">
        {src.current && <img src={src.current} alt={a.name} loading="lazy" />}
      </a>
    );
  }
  return (
    <a class="file" href={href || undefined} target="_blank" rel="noopener noreferrer nofollow" download={a.name} data-testid="parley-attachment">
      <Icon d={FILE_ICON} />
      {a.name}
    </a>
  );
}

/** The files being attached to the message in the composer: progress, error, remove. */
export function UploadChips({ uploads, ctrl, t }: { uploads: UploadState[]; ctrl: Controller; t: Translate }) {
  return (
    <>
      {uploads.map((u) => (
        <div key={u.id} class={'chip' + (u.error ? ' err' : '')} data-testid="parley-upload" role={u.error ? 'alert' : undefined}>
          <span title={u.name}>{u.error || u.name}</span>
          {!u.error && !u.attachment && <progress value={u.progress} max={1} aria-label={u.name} data-testid="parley-upload-progress" />}
          <button type="button" class="icon-btn" aria-label={t('remove', { name: u.name })} onClick={() => ctrl.uploads.remove(u.id)}>
            <Icon d={CLOSE_ICON} />
          </button>
        </div>
      ))}
    </>
  );
}
