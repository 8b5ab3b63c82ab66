import { render } from 'preact';
import type { MountFn } from '../api.ts';
import { createRealtimeClient, browserEnv, safeLocalStorage } from '../../client/index.ts';
import { createController } from '../controller.ts';
import { loadTranslator, pickLocale } from '../i18n.ts';
import { formattingLocale, isRtl } from '../../i18n/locale.ts';
import { App } from './App.tsx';
import { CSS } from './styles.ts';

/**
 * Mounts the full UI into the shadow root the loader created (replacing its placeholder launcher)
 * and returns the controller the loader forwards the public commands to. The visitor's string
 * catalogue is a chunk of its own, fetched first (the loader's launcher stays up meanwhile).
 */
export const mount: MountFn = async ({ root, options, emit, addSheet, consent }) => {
  const win = window;
  const nav = win.navigator;
  const preferred = [options.locale, ...(nav.languages || []), nav.language];
  const locale = pickLocale(preferred);
  // Strings by language ("en"); times by the visitor's own tag ("en-GB": 24-hour clock).
  const intl = formattingLocale(locale, preferred);
  const t = await loadTranslator(locale);
  const ctrl = createController({
    options,
    emit,
    win,
    fetch: win.fetch.bind(win),
    storage: safeLocalStorage(),
    createClient: ({ url, token, storageKey }) => createRealtimeClient(browserEnv({ url, token, storageKey })),
    t,
    locale,
    consent,
  });
  root.replaceChildren();
  // The loader's launcher sheet goes with its launcher; the UI's own is CSP-safe the same way (style-sheet.ts).
  root.adoptedStyleSheets = [];
  addSheet(root, CSS);
  const container = (root.ownerDocument || document).createElement('div');
  root.append(container);
  render(<App ctrl={ctrl} t={t} locale={locale} intl={intl} rtl={isRtl(locale)} options={options} root={root} />, container);
  const shutdown = ctrl.shutdown;
  ctrl.shutdown = () => {
    shutdown();
    render(null, container);
  };
  return ctrl;
};
