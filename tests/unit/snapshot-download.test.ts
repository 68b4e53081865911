// Downloading the gzipped, hash-named test-tools snapshot (src/lib/sandbox/snapshot-download.ts) against a stubbed
// fetch: unpacked in the page, left alone when the host already unpacked it, refused when damaged, and still
// given up by the runtime's stall timer when the bytes stop coming.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { downloadSnapshot, loadSnapshotFrom } from '../../src/lib/sandbox/snapshot-download.ts';
import { RuntimeUnavailable } from '../../src/lib/sandbox/runtime.ts';
import { createWebContainerRuntime, formatSize } from '../../src/lib/sandbox/webcontainer.ts';
import { RUNTIME_FILES } from '../../src/lib/grading/workspace.ts';
import { FakeWebContainerHost } from '../fakes/webcontainer.ts';

const URL = '/sandbox/runtime.0123456789abcdef.snapshot.gz';

/** Stands in for a snapshot: the MessagePack map byte it starts with, then bytes that compress somewhat. */
function fakeSnapshot(size = 200_000): Buffer {
  const bytes = Buffer.alloc(size);
  let seed = 7;
  for (let i = 0; i < size; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    bytes[i] = 0x61 + ((seed >>> 16) & 7);
  }
  bytes[0] = 0x81;
  return bytes;
}
const RAW = fakeSnapshot();
const GZ = gzipSync(RAW, { level: 9 });
const SHA = createHash('sha256').update(RAW).digest('hex');

interface Served {
  body: Uint8Array;
  headers?: Record<string, string>;
  status?: number;
  /** Stop after this many bytes and send nothing more until the request is aborted. */
  stallAfter?: number;
}

/** Replaces fetch with a server of `served`, in 16 KB chunks; returns what the requests looked like. */
function serve(served: Served) {
  const seen = { aborted: false, urls: [] as string[] };
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    seen.urls.push(url);
    const signal = init?.signal ?? undefined;
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => {
          seen.aborted = true;
          controller.error(signal.reason);
        });
      },
      pull(controller) {
        const end = Math.min(served.body.length, served.stallAfter ?? Infinity, offset + 16 * 1024);
        if (offset >= served.body.length) return controller.close();
        if (offset >= end) return new Promise<void>(() => {});
        controller.enqueue(served.body.slice(offset, end));
        offset = end;
      },
    });
    return new Response(body, { status: served.status ?? 200, headers: { 'content-length': String(served.body.length), ...served.headers } });
  });
  return seen;
}
afterEach(() => void vi.unstubAllGlobals());

const same = (buffer: ArrayBuffer, expected: Buffer) => Buffer.from(buffer).equals(expected);

describe('downloadSnapshot', () => {
  test('a gzip body is unpacked, and progress counts downloaded (gzip) bytes against Content-Length', async () => {
    serve({ body: GZ });
    const progress: [number, number | undefined][] = [];
    const bytes = await downloadSnapshot(URL, SHA, (loaded, total) => progress.push([loaded, total]));
    expect(bytes.byteLength).toBe(RAW.length);
    expect(same(bytes, RAW), 'unpacked to exactly the snapshot').toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([GZ.length, GZ.length]);
  });

  test('a body the host already unpacked (Content-Encoding: gzip) is used as it is, with no total for progress', async () => {
    serve({ body: RAW, headers: { 'content-encoding': 'gzip', 'content-length': String(GZ.length) } });
    const progress: [number, number | undefined][] = [];
    const bytes = await downloadSnapshot(URL, SHA, (loaded, total) => progress.push([loaded, total]));
    expect(same(bytes, RAW)).toBe(true);
    expect(progress.at(-1)).toEqual([RAW.length, undefined]);
  });

  test('a gzip cut short is refused with a message naming the file', async () => {
    serve({ body: GZ.subarray(0, GZ.length >> 1) });
    await expect(downloadSnapshot(URL, SHA)).rejects.toThrow(`${URL} arrived damaged: it does not unpack as gzip`);
  });

  test('a body that unpacks to other bytes than runtime.json recorded is refused', async () => {
    const other = Buffer.from(RAW);
    other[1000] = 0x7a;
    serve({ body: gzipSync(other) });
    await expect(downloadSnapshot(URL, SHA)).rejects.toThrow(`${URL} arrived damaged: what it unpacks to is not the snapshot this site was built with (sha256 ${createHash('sha256').update(other).digest('hex').slice(0, 16)}…, expected ${SHA.slice(0, 16)}…)`);
  });

  test('an HTTP error names the status', async () => {
    serve({ body: new Uint8Array(), status: 404 });
    await expect(downloadSnapshot(URL, SHA)).rejects.toThrow(`${URL}: HTTP 404`);
  });
});

describe('through the WebContainer runtime', () => {
  function runtime(downloadStallMs?: number) {
    const fake = new FakeWebContainerHost();
    const r = createWebContainerRuntime({
      boot: fake.boot,
      loadSnapshot: loadSnapshotFrom(URL, SHA),
      runtimeFiles: Object.fromEntries(RUNTIME_FILES.map((name) => [name, `// ${name}`])),
      env: { isSecureContext: true, crossOriginIsolated: true, hasSharedArrayBuffer: true, hasWebAssembly: true, hasAtomicsWaitAsync: true },
      ...(downloadStallMs ? { downloadStallMs } : {}),
    });
    return { fake, runtime: r };
  }

  test('the container mounts the unpacked snapshot; the steps show the download in gzip bytes', async () => {
    serve({ body: GZ });
    const { fake, runtime: r } = runtime();
    const labels: string[] = [];
    await r.prepare((step) => labels.push(step.label));
    expect(fake.containers[0]!.mounts.filter((m) => m.kind === 'snapshot')).toEqual([{ kind: 'snapshot', bytes: RAW.length }]);
    expect(labels).toContain(`Downloading the test tools (${formatSize(GZ.length)} of ${formatSize(GZ.length)})`);
  });

  test('a download that stops sending bytes still fails after the stall limit and aborts the request', async () => {
    const seen = serve({ body: GZ, stallAfter: 32 * 1024 });
    const { runtime: r } = runtime(60);
    const error = await r.prepare(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeUnavailable);
    expect((error as RuntimeUnavailable).reason).toBe('prepare-failed');
    expect((error as RuntimeUnavailable).message).toBe('Could not download the test tools: no data arrived for 60 ms');
    expect(seen.aborted, 'the stalled request was aborted').toBe(true);
  });
});
