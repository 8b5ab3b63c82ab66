import { render } from 'preact';
import type { MountFn } from '../api.ts';
import { createRealtimeClient, browserEnv, safeLocalStorage } from '../../client/index.ts';
import { createController } from '../controller.ts';
import { loadTranslator, pickLocale, type Translate } from '../i18n.ts';
import { storagePrefix } from '../api.ts';
import { App } from './App.tsx';
import { CSS } from './styles.ts';
import { addSheet } from '../style-sheet.ts';

/**
 * Mounts the full UI into the shadow root the loader created (replacing its placeholder launcher)
 * and returns the controller the loader forwards the public commands to. The visitor's string
 * catalogue is a chunk of its own, fetched first (the loader's launcher stays up meanwhile).
 */
export const mount: MountFn = async ({ root, options, emit }) => {
  const win = window;
  const nav = win.navigator;
  const storage = safeLocalStorage();
  // The site's default language (a setting) speaks to visitors whose browser asks for none the widget
  // has; it is remembered from the last session so the next page starts in it.
  const langKey = storagePrefix(options.siteKey) + 'lang';
  const spoken = pickLocale([options.locale, ...(nav.languages || []), nav.language], '');
  let locale = spoken || pickLocale([storage.getItem(langKey)]);
  let current = await loadTranslator(locale);
  const t: Translate = (key, vars) => current(key, vars);
  const ctrl = createController({
    options,
    emit,
    win,
    fetch: win.fetch.bind(win),
    storage,
    createClient: ({ url, token, storageKey }) => createRealtimeClient(browserEnv({ url, token, storageKey })),
    t,
  });
  root.replaceChildren();
  // The loader's launcher sheet goes with its launcher; the UI's own is CSP-safe the same way (style-sheet.ts).
  root.adoptedStyleSheets = [];
  addSheet(root, CSS);
  const container = (root.ownerDocument || document).createElement('div');
  root.append(container);
  const draw = () => render(<App ctrl={ctrl} t={t} locale={locale} options={options} root={root} />, container);
  draw();
  const offLanguage = ctrl.store.subscribe((s) => {
    // The server takes only languages the widget has (WIDGET_LANGUAGES); anything else would load English.
    const lang = !spoken && s.site?.settings.language;
    if (!lang || lang === locale) return;
    storage.setItem(langKey, (locale = lang));
    void loadTranslator(lang).then((next) => {
      current = next;
      draw();
    });
  });
  const shutdown = ctrl.shutdown;
  ctrl.shutdown = () => {
    offLanguage();
    shutdown();
    render(null, container);
  };
  return ctrl;
};
