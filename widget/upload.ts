import type { Attachment } from '../protocol/index.ts';

/**
 * Uploads one file with XMLHttpRequest (fetch has no upload progress). Resolves with the stored
 * Attachment; rejects with `{ code, message }` — the server's code and message on a refusal (413, 415,
 * 429) so the visitor sees exactly why; `disconnected` / `stopped` when no answer came.
 */
export interface UploadRequest {
  apiBase: string;
  token: string;
  file: Blob & { name?: string };
  conversationId?: string;
  onProgress?: (fraction: number) => void;
}

export function uploadAttachment(req: UploadRequest, XHR: typeof XMLHttpRequest = XMLHttpRequest): {
  done: Promise<Attachment>;
  abort: () => void;
} {
  const xhr = new XHR();
  const done = new Promise<Attachment>((resolve, reject) => {
    const form = new FormData();
    form.append('file', req.file, req.file.name || 'pasted.png');
    if (req.conversationId) form.append('conversationId', req.conversationId);
    xhr.open('POST', req.apiBase + '/api/v1/attachments' /* Routes.attachments */);
    xhr.setRequestHeader('authorization', 'Bearer ' + req.token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) req.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { code?: string; message?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as unknown as Attachment);
      // The server's code and sentence when it answered with them; none of its own otherwise (a proxy's page).
      else reject({ code: body?.code, message: body?.message || 'HTTP ' + xhr.status });
    };
    xhr.onerror = () => reject({ code: 'disconnected', message: 'Network error' });
    xhr.onabort = () => reject({ code: 'stopped', message: 'Cancelled' });
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
