/**
 * tfjs on the cpu backend for unit tests in Node (never bundled into the site).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import type { Tf } from './tf';

/** The tfjs namespace with the cpu backend selected and ready. */
export async function cpuTf(): Promise<Tf> {
  await tf.setBackend('cpu');
  await tf.ready();
  return tf as unknown as Tf;
}
