import type { WorkClass } from '../../src/compute/choice';
import type { ComputeState, RuntimeState } from './use-runtime';

const NAMES: Readonly<Record<string, string>> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

type AnyState = RuntimeState | ComputeState;

/** The backend that computes `work` for this state (the eval backend for main-thread runtimes). */
export function backendOf(state: AnyState | undefined, work: WorkClass = 'eval'): string | undefined {
  if (state?.status !== 'ready') return undefined;
  const runtime = state.runtime;
  return 'backendFor' in runtime ? runtime.backendFor(work) : runtime.backend;
}

/**
 * Names the backend that computed the island's numbers, where it ran (worker or main thread), why
 * it is not WebGPU when it is not, and why others were skipped. `work` is the island's class of
 * work (a training island's steps may run on another backend than its evaluations).
 */
export function BackendBadge({ state, work = 'eval' }: { readonly state: AnyState; readonly work?: WorkClass }) {
  if (state.status === 'loading') return <span class="ld-badge" data-testid="backend-badge">loading compute…</span>;
  if (state.status === 'failed') {
    return <span class="ld-badge ld-badge-error" data-testid="backend-badge" role="status">no compute backend: {state.error}</span>;
  }
  const runtime = state.runtime;
  const backend = backendOf(state, work)!;
  const compute = 'backendFor' in runtime ? runtime : undefined;
  const variant = backend === 'wasm' && compute?.info.wasmVariant ? ` (${compute.info.wasmVariant})` : '';
  const adapter = backend === 'webgpu' && runtime.adapter ? ` (${runtime.adapter})` : '';
  const reason = compute?.reasonFor(work);
  const failures = runtime.failures.filter((f) => !(reason && f.backend === 'webgpu' && reason.includes(f.reason)));
  const fellBack = failures.length > 0;
  const why = failures.map((f) => `${NAMES[f.backend]}: ${f.reason}`).join('; ');
  const where = compute ? (compute.thread === 'worker' ? 'in a worker' : 'on the main thread') : '';
  return (
    <span
      class={`ld-badge${fellBack || compute?.thread === 'main' ? ' ld-badge-fallback' : ''}`}
      data-testid="backend-badge"
      data-backend={backend}
      data-thread={compute?.thread ?? 'main'}
      title={fellBack ? `Fell back after: ${why}` : undefined}
    >
      computed on {NAMES[backend]}{variant}{adapter}{where ? ` ${where}` : ''}
      {reason ? <span class="ld-badge-note" data-testid="backend-reason">: {reason}</span> : null}
      {compute?.thread === 'main' && compute.threadReason ? <span class="ld-badge-note"> · {compute.threadReason}</span> : null}
      {fellBack ? <span class="ld-badge-note"> · fallback: {why}</span> : null}
    </span>
  );
}

/**
 * For islands whose numbers are exact float64 JavaScript, not tfjs: says so, with an optional
 * detail. Same test id as `BackendBadge`, so tests read "what computed this" one way.
 */
export function JavaScriptBadge({ detail }: { readonly detail?: string }) {
  return (
    <span class="ld-badge" data-testid="backend-badge" data-backend="javascript">
      computed exactly in JavaScript (float64){detail ? `: ${detail}` : ''}
    </span>
  );
}
