/**
 * One Langevin step (Song & Ermon 2019, Algorithm 1, inner loop), kept as a single small function
 * so a fused GPU kernel can replace it:
 *   x <- x + (alpha/2) s + sqrt(alpha) z,  z ~ N(0, I) drawn on the device from `seed`.
 */
import type { Tensor, Tf } from './types';

/** x + (alpha/2) score + sqrt(alpha) z for particles x and scores of the same shape. */
export function langevinUpdate(tf: Tf, x: Tensor, score: Tensor, alpha: number, seed: number): Tensor {
  return tf.tidy(() => {
    const noise = tf.randomNormal(x.shape, 0, 1, 'float32', seed);
    return tf.add(tf.add(x, tf.mul(score, alpha / 2)), tf.mul(noise, Math.sqrt(alpha)));
  });
}
