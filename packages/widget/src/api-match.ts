// Compile-time check, not shipped: the package's public types are the widget's own (widget/api.ts,
// protocol/), written out so the package's declarations stand alone. When the widget's API changes,
// `npm run typecheck` fails here until the package says the same.
import type * as Widget from '../../../widget/api.ts';
import type * as Protocol from '../../../protocol/index.ts';
import type * as Package from './index.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type Checks = [
  // boot: the snippet's options, with the two a bundled app must give (no script tag to read them from).
  Holds<Same<Package.BootOptions, Widget.BootOptions & { apiBase: string; siteKey: string }>>,
  Holds<Same<keyof Package.BootOptions, keyof Widget.BootOptions>>,
  Holds<Same<Package.UpdateOptions, Widget.UpdateOptions>>,
  Holds<Same<keyof Package.UpdateOptions, keyof Widget.UpdateOptions>>,
  Holds<Same<Package.WidgetPosition, Widget.WidgetPosition>>,
  Holds<Same<keyof Package.WidgetEvents, keyof Widget.WidgetEvents>>,
  Holds<Same<Package.WidgetEvents['unread-count'], Widget.WidgetEvents['unread-count']>>,
  Holds<Same<Package.WidgetEvents['ready'], Widget.WidgetEvents['ready']>>,
  Holds<Same<Package.Message, Protocol.Message>>,
  Holds<Same<keyof Package.Message, keyof Protocol.Message>>,
];
