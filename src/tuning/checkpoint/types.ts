/** Element types a checkpoint can store, by their safetensors names (torch storages map onto these). */
export type TensorDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

/**
 * Values as read: floats widened to float32 (what tfjs computes in), integers up to 32 bits as
 * int32, 64-bit integers kept exact as BigInt64Array, booleans as 0/1 bytes.
 */
export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array;

/** What a reader knows about a tensor before reading its bytes. */
export interface StoredTensorInfo {
  dtype: TensorDtype;
  shape: number[];
  /** The file that holds its bytes (the shard, for sharded checkpoints). */
  file: string;
  /**
   * Torch only: the storage it views, as `<file>#<key>`. Tensors with the same storage share their
   * bytes (tied weights); `storageOffset` and `stride` say which elements, in elements.
   */
  storage?: string;
  storageOffset?: number;
  stride?: number[];
}

export interface LoadedTensor {
  dtype: TensorDtype;
  shape: number[];
  data: TensorData;
}

/**
 * A checkpoint opened for reading tensor by tensor: the headers are parsed, the bytes stay on disk
 * until `read` asks for one tensor. Call `close` when done (it closes the file descriptors).
 */
export interface CheckpointReader {
  /** Every file this reader holds open (one, or each shard). */
  readonly files: readonly string[];
  /** Tensor names in file order. */
  names(): string[];
  info(name: string): StoredTensorInfo | undefined;
  /** Read one tensor's bytes from disk and decode them; a fresh array each call. */
  read(name: string): LoadedTensor;
  close(): void;
}
