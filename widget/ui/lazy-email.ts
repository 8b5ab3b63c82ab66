import { useEffect, useState } from 'preact/hooks';

/**
 * The widget's email parts (EmailParts.tsx) are a lazy chunk: most visitors never see them, so the
 * first open does not carry them. Components that need them render nothing until the chunk is in.
 */
type EmailParts = typeof import('./EmailParts.tsx');
let loading: Promise<EmailParts> | null = null;
let loaded: EmailParts | null = null;

export function useEmailParts(wanted: boolean): EmailParts | null {
  const [parts, setParts] = useState(loaded);
  useEffect(() => {
    if (!wanted || parts) return;
    let live = true;
    (loading ??= import('./EmailParts.tsx').then((m) => (loaded = m))).then(
      (m) => live && setParts(m),
      () => (loading = null), // a failed load (network) is tried again next time
    );
    return () => void (live = false);
  }, [wanted]);
  return parts;
}
