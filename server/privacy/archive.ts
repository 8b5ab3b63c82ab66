import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { AttachmentStorage } from '../attachments/storage.ts';
import type { CollectedExport } from '../domain/privacy-export.ts';

/**
 * An access request's answer as one file: a tar archive (tar-stream) with export.json first, then each
 * attachment's bytes under the path export.json names. Files are streamed one after the other from
 * the attachment storage, so an export of many large files does not sit in memory.
 */
export function exportArchive(collected: CollectedExport, storage: AttachmentStorage): ReadableStream<Uint8Array> {
  const pack = tar.pack();
  const mtime = new Date(collected.data.exportedAt);
  void (async () => {
    try {
      await entry(pack, { name: 'export.json', mtime }, Buffer.from(JSON.stringify(collected.data, null, 2) + '\n'));
      for (const f of collected.files) {
        const chunks: Buffer[] = [];
        for await (const chunk of Readable.fromWeb(storage.read(f.storagePath) as import('node:stream/web').ReadableStream)) chunks.push(Buffer.from(chunk));
        await entry(pack, { name: f.file, mtime }, Buffer.concat(chunks));
      }
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  // tar-stream packs are streamx streams: through their async iterator into a Node stream, then a web one.
  return Readable.toWeb(Readable.from(pack)) as ReadableStream<Uint8Array>;
}

function entry(pack: tar.Pack, header: { name: string; mtime: Date }, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ ...header, size: body.length, mode: 0o644 }, body, (err) => (err ? reject(err) : resolve())));
}
