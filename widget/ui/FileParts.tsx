import type { Attachment } from '../../protocol/index.ts';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { UploadState } from '../state.ts';
import { attachmentHref } from '../session.ts';
import { Icon } from './icons.tsx';
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

/** A message's attachments: images inline, other files as download links. */
export function Attachments({ list, ctrl }: { list: Attachment[]; ctrl: Controller }) {
  const token = ctrl.store.get().token;
  return (
    <div class="files">
      {list.map((a) => (
        <File key={a.id} a={a} href={attachmentHref(ctrl.options.apiBase, a.url, token)} />
      ))}
    </div>
  );
}

function File({ a, href }: { a: Attachment; href: string }) {
  if (a.type.startsWith('image/')) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" data-testid="parley-attachment">
        <img src={href} alt={a.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a class="file" href={href} target="_blank" rel="noopener noreferrer nofollow" download={a.name} data-testid="parley-attachment">
      <Icon name="file" />
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
            <Icon name="close" />
          </button>
        </div>
      ))}
    </>
  );
}
