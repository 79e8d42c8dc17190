import type { Runtime } from '../../src/tensor/runtime';

/** Sizes that keep the trained-score island fluid on a backend; the reader can change any of them. */
export interface BackendSizes {
  /** A short name of the kind of device, for the island's note. */
  readonly device: string;
  readonly particles: number;
  readonly batch: number;
  readonly trainStepsPerFrame: number;
  readonly sampleStepsPerFrame: number;
}

/** WebGPU on a software adapter (SwiftShader, lavapipe, WARP) runs on the CPU: size it like one. */
function isSoftwareAdapter(adapter: string | undefined): boolean {
  return adapter !== undefined && /swiftshader|llvmpipe|lavapipe|warp|software|cpu/i.test(adapter);
}

/** Default particle count, batch and steps per frame for the runtime the page got. */
export function backendSizes(runtime: Pick<Runtime, 'backend' | 'adapter'>): BackendSizes {
  if (runtime.backend === 'webgpu' && !isSoftwareAdapter(runtime.adapter)) {
    return { device: 'WebGPU on a GPU', particles: 10_000, batch: 512, trainStepsPerFrame: 20, sampleStepsPerFrame: 20 };
  }
  if (runtime.backend === 'webgpu') return { device: 'WebGPU on a software adapter', particles: 2_000, batch: 128, trainStepsPerFrame: 10, sampleStepsPerFrame: 20 };
  if (runtime.backend === 'wasm') return { device: 'WASM', particles: 2_000, batch: 128, trainStepsPerFrame: 4, sampleStepsPerFrame: 5 };
  if (runtime.backend === 'webgl') return { device: 'WebGL', particles: 5_000, batch: 256, trainStepsPerFrame: 10, sampleStepsPerFrame: 10 };
  return { device: 'the CPU backend', particles: 1_000, batch: 128, trainStepsPerFrame: 3, sampleStepsPerFrame: 5 };
}
