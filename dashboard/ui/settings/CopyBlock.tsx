import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

/** A block of code to paste somewhere, with a copy button that says whether copying worked. */
export function CopyBlock({ code, label, testId }: { code: string; label: string; testId: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setState('copied');
    } catch {
      // No clipboard (an http:// page, a denied permission): the text stays selectable.
      setState('failed');
    }
  };
  return (
    <div class="copy-block">
      <div class="copy-head">
        <span>{label}</span>
        <button type="button" class="btn btn-secondary btn-sm" onClick={copy} data-testid={`${testId}-copy`}>
          {state === 'copied' ? t('install.copied') : t('install.copy')}
        </button>
      </div>
      <pre tabIndex={0} data-testid={testId}>
        <code>{code}</code>
      </pre>
      {state === 'failed' && (
        <p class="form-error" role="alert">
          {t('install.copyFailed')}
        </p>
      )}
    </div>
  );
}
