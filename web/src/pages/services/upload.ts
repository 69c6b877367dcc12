import { ApiError, csrfHeaders, NETWORK_PROBLEM_TYPE, problemFromResponse } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';

/** What `POST /api/files` answers. */
export type UploadedFile = { id: string; size: number; contentType: string };

/**
 * Uploads one file to `POST /api/files` (or another upload `url`, e.g. the feedback photos)
 * (multipart, field "file"). Through XMLHttpRequest rather
 * than fetch, for its upload progress events: `onProgress` gets the share sent, 0 to 1.
 * Failures are thrown as ApiError, like `api()`.
 */
export const uploadFile = <T = UploadedFile>(file: File, onProgress: (share: number) => void, signal?: AbortSignal, url: string = ENDPOINTS.files): Promise<T> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError({ type: NETWORK_PROBLEM_TYPE, title: 'Network error', status: 0 }));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    xhr.onload = () => {
      const headers = { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' };
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers });
      if (xhr.status >= 200 && xhr.status < 300) {
        response
          .json()
          .then((body: T) => {
            onProgress(1);
            resolve(body);
          })
          .catch(() => reject(new ApiError({ type: 'about:blank', title: 'Invalid response', status: xhr.status })));
        return;
      }
      void problemFromResponse(response).then((problem) => reject(new ApiError(problem)));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
