// Downloads the test-tools snapshot for WebContainer. The site publishes it gzipped under a name made from its
// hash (scripts/build-sandbox-runtime.ts), because static hosts seldom compress binary files: the page gets about
// 5 MB instead of about 21 MB and unpacks it with DecompressionStream. A host may still add
// `Content-Encoding: gzip` to a .gz file, and then the browser has unpacked it already; the gzip magic bytes tell
// the two apart, and the sha256 from runtime.json checks what we end up with either way.
import type { WebContainerRuntimeOptions } from './webcontainer.ts';

type OnProgress = (loaded: number, total: number | undefined) => void;

/** What the runtime's `loadSnapshot` needs for the snapshot at `url`; `sha256` (hex) of the unpacked bytes, if known. */
export function loadSnapshotFrom(url: string, sha256?: string): WebContainerRuntimeOptions['loadSnapshot'] {
  return (onProgress, signal) => downloadSnapshot(url, sha256, onProgress, signal);
}

export async function downloadSnapshot(url: string, sha256?: string, onProgress?: OnProgress, signal?: AbortSignal): Promise<ArrayBuffer> {
  const body = await fetchBytes(url, onProgress, signal);
  const bytes = isGzip(body) ? await gunzip(body, url) : body;
  if (sha256) await checkHash(bytes, sha256, url);
  return bytes.buffer;
}

/** Downloads a file, reporting progress when the server says how big it is. */
async function fetchBytes(url: string, onProgress?: OnProgress, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url, { signal: signal ?? null });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // With Content-Encoding the length is the encoded size, not what the reader yields, so it cannot be the total.
  const length = response.headers.get('content-encoding') ? NaN : Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  let loaded = 0;
  return readAll(response.body, (chunk) => {
    loaded += chunk.byteLength;
    onProgress?.(loaded, total);
  });
}

/** A stream's bytes, in one array. Read chunk by chunk: a failing stream then rejects with its own error. */
async function readAll(stream: ReadableStream<Uint8Array>, onChunk?: (chunk: Uint8Array) => void): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    onChunk?.(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// Every gzip member starts with 1f 8b; a snapshot is the MessagePack map `{ d: <root folder> }`, which starts 81.
const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

async function gunzip(bytes: Uint8Array<ArrayBuffer>, url: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    // Not `new Response(stream).arrayBuffer()`: Chrome turns any failure there into a bare "Failed to fetch".
    return await readAll(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')));
  } catch (error) {
    throw new Error(`${url} arrived damaged: it does not unpack as gzip (${(error as Error).message})`);
  }
}

async function checkHash(bytes: Uint8Array<ArrayBuffer>, expected: string, url: string): Promise<void> {
  // SubtleCrypto exists only in secure contexts, which WebContainer requires anyway (checked before any download).
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  const actual = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  if (actual !== expected.toLowerCase()) {
    throw new Error(`${url} arrived damaged: what it unpacks to is not the snapshot this site was built with (sha256 ${actual.slice(0, 16)}…, expected ${expected.slice(0, 16)}…)`);
  }
}
