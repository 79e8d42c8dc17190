import type { RuntimeState } from './use-runtime';

const NAMES: Readonly<Record<string, string>> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

/** Names the backend that computed the island's numbers, and why others were skipped. */
export function BackendBadge({ state }: { readonly state: RuntimeState }) {
  if (state.status === 'loading') return <span class="ld-badge" data-testid="backend-badge">loading compute…</span>;
  if (state.status === 'failed') {
    return <span class="ld-badge ld-badge-error" data-testid="backend-badge" role="status">no compute backend: {state.error}</span>;
  }
  const { backend, adapter, failures } = state.runtime;
  const fellBack = failures.length > 0;
  const why = failures.map((f) => `${NAMES[f.backend]}: ${f.reason}`).join('; ');
  return (
    <span
      class={`ld-badge${fellBack ? ' ld-badge-fallback' : ''}`}
      data-testid="backend-badge"
      data-backend={backend}
      title={fellBack ? `Fell back after: ${why}` : undefined}
    >
      computed on {NAMES[backend]}{adapter ? ` (${adapter})` : ''}
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
