/**
 * The review's wrong or misleading sentences (items 5-9), as regression tests on the chapters'
 * text and on the numbers the corrected text quotes. Each failed on the text before the fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mixtureScore } from '../math/smoothing';

const chapter = (name: string) => readFileSync(new URL(`../../content/docs/${name}.mdx`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('the corrected claims', () => {
  it('item 6: the score between separated modes is large (|s| about 14 at the Langevin default), not tiny', () => {
    const target = { weights: [0.8, 0.2], means: [-4, 4], stdDevs: [0.5, 0.5] };
    expect(mixtureScore(target, -0.5)).toBeCloseTo(-14, 0);
    expect(mixtureScore(target, -2)).toBeCloseTo(-8, 1);
    const text = chapter('score-matching-practice');
    expect(text).not.toMatch(/the score there is tiny/);
    expect(text).toMatch(/the score there is \*large\*/);
  });

  it('item 7: the source\'s H(p) + H(p,q) is right exactly when p is a point mass, and the page says so', () => {
    const text = chapter('kl-divergence');
    expect(text).not.toMatch(/It could never be right/);
    expect(text).toMatch(/right only when \$H\(p\)=0\$/);
  });

  it('item 8: ln p(X) = ELBO + KL needs q to put no mass where the posterior is zero', () => {
    const text = chapter('variational-inference');
    expect(text).not.toMatch(/positive wherever the posterior is/);
    expect(text).toMatch(/puts no mass where the posterior is zero/);
  });

  it('item 9: one definition of the Fisher divergence (with the 1/2) in both chapters', () => {
    const practice = chapter('score-matching-practice');
    expect(practice).not.toMatch(/minus one half of the Fisher divergence|minus half the Fisher divergence/);
    expect(practice).toMatch(/F\(p_t\\\|q_t\)=\\tfrac12/);
    expect(chapter('score-matching')).toMatch(/J_\{\\text\{ESM\}\}\(\\theta\)=\\tfrac12/);
  });

  it('item 5: reverse KL has a central local minimum too, and the page says which is global', () => {
    const text = chapter('kl-divergence');
    expect(text).not.toMatch(/several local minima, one per mode, and which/);
    expect(text).toMatch(/three local minima/);
    expect(text).toMatch(/global minimum up to a separation of about/);
  });

  it('item 4: the how-to-read page states the tolerance rule and its false-alarm rate, not "only very rarely"', () => {
    const text = chapter('how-to-read');
    expect(text).not.toMatch(/only very rarely/);
    expect(text).toMatch(/six standard errors/);
    expect(text).toMatch(/1 in 10,000/);
  });
});
