/** A worker thread of `analyze encode --workers N`: loads the tokenizer once, then encodes blocks. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadTokenizer } from '../../tokenizers/load.js';
import { serializeError } from '../../stats/job/pool.js';
import { LineBlockEncoder } from './encode-lines.js';
import type { EncodeWorkerData, EncodeWorkerReply, EncodeWorkerRequest } from './encode-worker-messages.js';

const port = parentPort!;
const { spec, options } = workerData as EncodeWorkerData;

try {
  const encoder = new LineBlockEncoder(await loadTokenizer(spec), options);
  port.on('message', (req: EncodeWorkerRequest) => {
    let reply: EncodeWorkerReply;
    try {
      const out = encoder.encode(req.bytes, req.firstLine, req.streamStart);
      reply = { kind: 'block', seq: req.seq, bytes: out.bytes };
    } catch (error) {
      reply = { kind: 'error', seq: req.seq, error: serializeError(error) };
    }
    // The output block is this thread's own: hand its memory over instead of copying it.
    const transfer = reply.kind === 'block' && reply.bytes.byteOffset === 0 ? [reply.bytes.buffer as ArrayBuffer] : [];
    port.postMessage(reply, transfer);
  });
  port.postMessage({ kind: 'ready' } satisfies EncodeWorkerReply);
} catch (error) {
  port.postMessage({ kind: 'load-error', error: serializeError(error) } satisfies EncodeWorkerReply);
}
