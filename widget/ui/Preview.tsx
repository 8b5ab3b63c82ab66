import type { Controller } from '../controller.ts';
import type { WidgetState } from '../state.ts';
import { partText } from '../part-strings.ts';
import { Icon } from './icons.tsx';
import { CLOSE } from './lazy-icons.ts';
import { Sheet } from './Sheet.tsx';

/**
 * A staff message that arrived while the chat was closed, shown above the launcher (as Intercom and
 * Crisp do): a click opens the chat, × dismisses it. A lazy chunk with its own styles and strings.
 */
const CSS = `.preview{position:fixed;bottom:88px;max-width:300px;display:flex;align-items:flex-start;gap:4px;background:var(--bg);color:var(--fg);
border-radius:14px;box-shadow:0 8px 28px rgba(0,0,0,.2);padding:4px;animation:pop .18s ease-out}
.preview-open{flex:1;min-width:0;text-align:start;padding:8px 4px 8px 10px;display:flex;flex-direction:column;gap:2px}
.preview-open strong{font-size:12.5px}
.preview-open span{overflow:hidden;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow-wrap:anywhere}
.preview .icon-btn{width:28px;height:28px}
.preview .icon-btn svg{width:14px;height:14px}`;

export function Preview({ s, ctrl, locale, pos }: { s: WidgetState; ctrl: Controller; locale: string; pos: Record<string, string | number> }) {
  const p = s.preview;
  if (!p) return null;
  const th = partText('thread');
  const name = p.name || th('team');
  const text = p.text || th('attachment');
  return (
    <div class="preview" style={pos} role="status" data-testid="parley-preview">
      <Sheet css={CSS} />
      {/* Named by what it shows (axe: label-content-name-mismatch); "new message from" is said first, unseen. */}
      <button type="button" class="preview-open" onClick={ctrl.open} data-testid="parley-preview-open">
        <span class="sr">{th('newFrom', { name })}:</span>
        <strong>{name}</strong>
        <span>{text}</span>
      </button>
      <button type="button" class="icon-btn" aria-label={th('dismiss')} onClick={ctrl.dismissPreview} data-testid="parley-preview-dismiss">
        <Icon d={CLOSE} />
      </button>
    </div>
  );
}
