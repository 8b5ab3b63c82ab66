// Content-hashed chunk names and the manifest that lets a stable-URL loader find them.
//
// A part that emits hashed chunks uses HASHED for its file names and manifest.record(); a later part
// (built after it, in the same run) that must know those names uses manifest.inject(IDENTIFIER): every
// occurrence of IDENTIFIER in its sources becomes the object { entryName: fileName }. Chunks split out of
// an entry (import() of a lazy part) need no entry of their own: Rollup writes their hashed names into
// the chunks that import them.

/** 10 hex characters of the content hash; server/http/static.ts caches names of this shape forever. */
export const HASHED = '[name].[hash:10].js';
export const HASHED_ASSET = '[name].[hash:10][extname]';

export function chunkManifest() {
  const entries = {};
  let recorded = false;
  return {
    entries,
    record: () => ({
      name: 'parley-chunk-manifest',
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) entries[chunk.name] = chunk.fileName;
        recorded = true;
        this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(entries, null, 2) + '\n' });
      },
    }),
    inject: (identifier) => {
      const pattern = new RegExp(`\\b${identifier}\\b`, 'g'); // replace() resets lastIndex; no test() on it
      return {
        name: 'parley-chunk-manifest-inject',
        transform(code) {
          if (!code.includes(identifier)) return null;
          if (!recorded) this.error(`${identifier} is used before the parts it names were built: list those parts first`);
          return { code: code.replace(pattern, `(${JSON.stringify(entries)})`), map: null };
        },
      };
    },
  };
}
