import type { Attachment } from '../../protocol/index.ts';
import type { Controller } from '../controller.ts';
import { partText } from '../part-strings.ts';
import type { UploadState } from '../state.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createLinkSource, type LinkSource } from '../attachment-links.ts';
import { Icon } from './icons.tsx';
import { CLOSE, FILE } from './lazy-icons.ts';
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
.chip code{font-size:11px;opacity:.8}
.chip .icon-btn{width:24px;height:24px}
.chip .icon-btn svg{width:14px;height:14px}
progress{width:60px;height:4px;accent-color:var(--parley-accent)}
.drop{position:absolute;inset:0;background:rgba(79,70,229,.12);border:2px dashed var(--parley-accent);border-radius:16px;
display:flex;align-items:center;justify-content:center;font-weight:650;color:var(--parley-accent);pointer-events:none}`;
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
      <Icon d={FILE} />
      {a.name}
    </a>
  );
}

/** The files being attached to the message in the composer: progress, refusal (sentence and code), remove. */
export function UploadChips({ uploads, ctrl }: { uploads: UploadState[]; ctrl: Controller }) {
  const f = partText('file');
  return (
    <>
      {uploads.map((u) => (
        <div key={u.id} class={'chip' + (u.error ? ' err' : '')} data-testid="parley-upload" data-code={u.code} role={u.error ? 'alert' : undefined}>
          <span title={u.name}>{u.error || u.name}</span>
          {u.code && <code>{u.code}</code>}
          {!u.error && !u.attachment && <progress value={u.progress} max={1} aria-label={u.name} data-testid="parley-upload-progress" />}
          <button type="button" class="icon-btn" aria-label={f('remove', { name: u.name })} onClick={() => ctrl.uploads.remove(u.id)}>
            <Icon d={CLOSE} />
          </button>
        </div>
      ))}
    </>
  );
}

/** Over the panel while files are dragged onto it (the panel takes the drop). */
export function DropHint() {
  return <div class="drop">{partText('file')('drop')}</div>;
}
