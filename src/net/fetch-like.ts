/**
 * The part of `fetch` the download helper uses, so tests (and callers with a proxy) can pass their
 * own. Headers and a streaming body are optional: a response without `body` is read whole.
 */
export interface RequestInitLike {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  redirect?: 'manual' | 'follow';
  signal?: AbortSignal;
}

export interface ResponseLike {
  ok?: boolean;
  status: number;
  statusText?: string;
  headers?: { get(name: string): string | null };
  body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (url: string, init?: RequestInitLike) => Promise<ResponseLike>;

export function header(response: ResponseLike, name: string): string | null {
  return response.headers?.get(name) ?? null;
}

/** Release a response we do not read, so its connection goes back to the pool. */
export async function discardBody(response: ResponseLike): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to release.
  }
}
