import { summarize } from '../../src/math/conjugate-gaussian';
import { gaussianSamples } from '../../src/math/random';

/** The VI chapter's default conjugate data set: 20 draws x_i ~ N(1, 1) (seed 3), prior N(0, 1), noise sd 1. */
export const CHAPTER_DATA = summarize(gaussianSamples(3, 20, 1, 1));
export const CHAPTER_PRIOR = { noiseSd: 1, priorMean: 0, priorSd: 1 };
