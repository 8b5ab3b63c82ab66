/**
 * Signed download links for attachments (POST /api/v1/attachments/links), for the lazy file chunk:
 * an <img> or a link cannot send the visitor's token, and the token must not travel in URLs. Ids
 * asked for in one turn go in one request; a link is reused until shortly before it expires.
 */
export interface LinkSource {
  /** The link for an attachment id (null when the server gave none: not visible to this visitor). */
  get(id: string): Promise<string | null>;
  /** When the link last given for id stops working (epoch ms), so a view can ask again in time. */
  expiresAt(id: string): number;
}

type Links = Record<string, { url: string; expiresAt: number }>;
const MARGIN_MS = 30_000;

export function createLinkSource(apiBase: string, token: () => string, f: typeof fetch = fetch, now: () => number = Date.now): LinkSource {
  const known = new Map<string, { url: string; expiresAt: number }>();
  const absolute = (url: string) => (/^https?:/i.test(url) ? url : apiBase + url);
  let batch: { ids: Set<string>; done: Promise<Links> } | null = null;

  // The server signs at most 50 ids a request.
  const request = async (ids: string[]): Promise<Links> => {
    const all: Links = {};
    for (let i = 0; i < ids.length; i += 50) Object.assign(all, await requestSome(ids.slice(i, i + 50)));
    return all;
  };
  const requestSome = (ids: string[]): Promise<Links> =>
    f(apiBase + '/api/v1/attachments/links', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token(), 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    })
      .then((res) => (res.ok ? res.json() : { links: {} }))
      .then((body: { links?: Links }) => body.links || {});

  return {
    async get(id) {
      const cached = known.get(id);
      if (cached && cached.expiresAt - MARGIN_MS > now()) return absolute(cached.url);
      if (!batch) {
        const ids = new Set<string>();
        // The ids of everything rendered in this turn, in one request.
        const done = Promise.resolve().then(() => {
          batch = null;
          return request([...ids]);
        });
        batch = { ids, done };
      }
      batch.ids.add(id);
      const links = await batch.done;
      for (const [k, v] of Object.entries(links)) known.set(k, v);
      const link = links[id];
      return link ? absolute(link.url) : null;
    },
    expiresAt: (id) => known.get(id)?.expiresAt ?? 0,
  };
}
