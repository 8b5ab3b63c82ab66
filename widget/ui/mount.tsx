import { render } from 'preact';
import type { MountFn } from '../api.ts';
import { createRealtimeClient, browserEnv, safeLocalStorage, withFallback } from '../../client/index.ts';
import { createController } from '../controller.ts';
import { loadTranslator, pickLocale, type Translate } from '../i18n.ts';
import { setPartLanguage } from '../part-language.ts';
import { storagePrefix } from '../api.ts';
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
  const storage = safeLocalStorage();
  // The site's default language (a setting) speaks to visitors whose browser asks for none the widget
  // has; it is remembered from the last session so the next page starts in it.
  const langKey = storagePrefix(options.siteKey) + 'lang';
  const preferred = [options.locale, ...(nav.languages || []), nav.language];
  const spoken = pickLocale(preferred, '');
  let locale = spoken || pickLocale([storage.getItem(langKey)]);
  // Strings by language ("en"); times by the visitor's own tag ("en-GB": 24-hour clock).
  let intl = formattingLocale(locale, preferred);
  void setPartLanguage(locale);
  let current = await loadTranslator(locale);
  const t: Translate = (key, vars) => current(key, vars);
  const ctrl = createController({
    options,
    emit,
    win,
    fetch: win.fetch.bind(win),
    storage,
    // The HTTP fallback is a chunk of its own, fetched only when WebSocket fails (client/transport-select.ts).
    createClient: ({ url, token, storageKey }) => createRealtimeClient(withFallback(browserEnv({ url, token, storageKey }), () => import('../../client/http-socket.ts'))),
    t,
    locale: () => locale,
    consent,
  });
  root.replaceChildren();
  // The loader's launcher sheet goes with its launcher; the UI's own is CSP-safe the same way (style-sheet.ts).
  root.adoptedStyleSheets = [];
  addSheet(root, CSS);
  const container = (root.ownerDocument || document).createElement('div');
  root.append(container);
  const draw = () => render(<App ctrl={ctrl} t={t} locale={locale} intl={intl} rtl={isRtl(locale)} options={options} root={root} />, container);
  draw();
  const offLanguage = ctrl.store.subscribe((s) => {
    // The server takes only languages the widget has (WIDGET_LANGUAGES); anything else would load English.
    const lang = !spoken && s.site?.settings.language;
    if (!lang || lang === locale) return;
    storage.setItem(langKey, (locale = lang));
    intl = formattingLocale(lang, preferred);
    // The lazy parts' strings on screen switch with the catalogue, in the same draw.
    void Promise.all([loadTranslator(lang), setPartLanguage(lang)]).then(([next]) => {
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
