/**
 * The page's compute worker: one per page, shared by every island (client.ts starts it). All tfjs
 * work runs here; Comlink carries the calls, and typed arrays in results are transferred.
 */
import * as Comlink from 'comlink';
import { createComputeHost } from './host';
import type { ComputeHost } from './host';
import { detachable } from './transfer';

const host = createComputeHost();

const transferred = <R>(promise: Promise<R>): Promise<R> => promise.then((result) => {
  const { value, buffers } = detachable(result);
  return buffers.length > 0 ? Comlink.transfer(value, buffers) : value;
});

const api: ComputeHost = {
  init: (request) => host.init(request),
  ping: () => host.ping(),
  evaluate: (...args) => host.evaluate(...args),
  call: (name, args) => transferred(host.call(name, args)),
  create: (...args) => host.create(...args),
  step: (id, steps) => transferred(host.step(id, steps)),
  invoke: (id, method, args) => transferred(host.invoke(id, method, args)),
  set: (...args) => host.set(...args),
  dispose: (id) => host.dispose(id),
  memory: () => host.memory(),
};

Comlink.expose(api);
