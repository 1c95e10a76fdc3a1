/**
 * Loaded into every thread of a worker process under measurement (`node --require`, which worker
 * threads inherit): each thread answers on a broadcast channel with its own heap after a full GC.
 * The SDK runs the workflows in a worker thread of its own, whose heap process.memoryUsage() in
 * the main thread does not count.
 */
import { getHeapStatistics } from 'node:v8';
import { BroadcastChannel, threadId } from 'node:worker_threads';

const CHANNEL = 'koers-bench-heap-probe';

export interface ThreadHeap {
  threadId: number;
  heapUsedBytes: number;
  /** Where V8 stops this thread with "heap out of memory". */
  heapLimitBytes: number;
}

// Once per thread, however often the file is loaded.
const installed = Symbol.for(CHANNEL);
const thread = globalThis as { [installed]?: true };
if (!thread[installed]) {
  thread[installed] = true;
  const probe = new BroadcastChannel(CHANNEL);
  probe.unref(); // never keeps a thread alive
  probe.onmessage = (event) => {
    if ((event as { data: unknown }).data !== 'measure') return;
    globalThis.gc?.(); // with --expose-gc; without it, the heap as it is
    probe.postMessage({ threadId, heapUsedBytes: process.memoryUsage().heapUsed, heapLimitBytes: getHeapStatistics().heap_size_limit } satisfies ThreadHeap);
  };
}

/** The heap used in each of `threads` threads of this process (the main one included), each after a full GC. */
export async function measureThreadHeaps(threads: number, timeoutMs = 60_000): Promise<ThreadHeap[]> {
  const channel = new BroadcastChannel(CHANNEL);
  const heaps: ThreadHeap[] = [];
  try {
    // A thread answers once its event loop is free; a GC of a large heap on a busy machine takes a while.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only threads ${heaps.map((h) => h.threadId).join(', ')} told their heap`)), timeoutMs);
      channel.onmessage = (event) => {
        heaps.push((event as { data: ThreadHeap }).data);
        if (heaps.length < threads) return;
        clearTimeout(timer);
        resolve();
      };
      channel.postMessage('measure');
    });
  } finally {
    channel.close();
  }
  return heaps.sort((a, b) => a.threadId - b.threadId);
}
