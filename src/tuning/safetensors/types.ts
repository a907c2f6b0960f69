/** One tensor as read from or written to a safetensors file, converted to a JS typed array. */
export interface SafeTensor {
  /** Dtype in the file (`F32`, `F16`, `BF16`, `I32` …); data is widened to float32 / int32. */
  dtype: string;
  shape: number[];
  data: Float32Array | Int32Array;
}

/** Tensors by name, in file order, plus the optional free-form `__metadata__` string map. */
export interface SafeTensorFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}
