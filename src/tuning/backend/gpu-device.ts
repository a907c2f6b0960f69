/** What a TensorFlow (tfjs-node / tfjs-node-gpu) backend says about the device it computes on. */
export interface GpuDevice {
  found: boolean;
  /** What was found, in words (for the run's `device` and for errors). */
  detail: string;
}

/**
 * Ask a tfjs-node backend whether TensorFlow placed it on a GPU. tfjs-node's `NodeJSKernelBackend`
 * carries `isGPUPackage` (the -gpu build was loaded) and `isUsingGpuDevice` (TensorFlow found a GPU
 * device), and its native `binding.isUsingGpuDevice()` says the same; the -gpu package falls back
 * to the CPU without a word when CUDA or cuDNN does not load. Plain data in, so tests pass stubs.
 */
export function gpuDeviceOf(backend: unknown): GpuDevice {
  const b = (backend ?? {}) as { isGPUPackage?: unknown; isUsingGpuDevice?: unknown; binding?: { isUsingGpuDevice?: unknown } };
  let using: boolean | undefined;
  if (typeof b.isUsingGpuDevice === 'boolean') using = b.isUsingGpuDevice;
  else if (typeof b.binding?.isUsingGpuDevice === 'function') using = Boolean((b.binding.isUsingGpuDevice as () => unknown)());
  if (using === undefined) return { found: false, detail: 'the backend does not say which device it uses' };
  if (b.isGPUPackage === false) return { found: false, detail: 'the loaded TensorFlow build is the CPU one (@tensorflow/tfjs-node)' };
  return using
    ? { found: true, detail: 'TensorFlow GPU device (CUDA)' }
    : { found: false, detail: 'TensorFlow loaded without a GPU device: CUDA/cuDNN missing or no GPU visible' };
}
