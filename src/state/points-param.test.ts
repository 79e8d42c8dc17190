import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints, quantisePoints } from './points-param';

const SPEC = { extent: 4, maxPoints: 400 };

describe('drawn points in the URL', () => {
  it('round-trips to within half a quantisation step (extent / 4094) in 4 characters per point', () => {
    const points = Float32Array.from([0, 0, -4, 4, 1.2345, -3.999, 3.21, 0.5]);
    const text = encodePoints(points, 4);
    expect(text).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const decoded = decodePoints(text, SPEC);
    if (!('points' in decoded)) throw new Error(decoded.error);
    decoded.points.forEach((v, i) => expect(Math.abs(v - points[i])).toBeLessThanOrEqual(4 / 4094 + 1e-6));
    expect(Array.from(decoded.points)).toEqual(Array.from(quantisePoints(points, 4)));
  });

  it('keeps 300 points in 1,200 characters and clamps points outside the pad onto its edge', () => {
    const many = Float32Array.from({ length: 600 }, (_, i) => Math.sin(i) * 5);
    expect(encodePoints(many, 4)).toHaveLength(1200);
    const decoded = decodePoints(encodePoints([9, -9], 4), SPEC);
    expect('points' in decoded && Array.from(decoded.points)).toEqual([4, -4]);
  });

  it('rejects partial points, foreign characters, zero levels and too many points with a reason', () => {
    expect(decodePoints('abc', SPEC)).toEqual({ error: 'it is not a whole number of points' });
    expect(decodePoints('ab<c', SPEC)).toEqual({ error: 'it contains characters other than letters, digits, - and _' });
    expect(decodePoints('AAAA', SPEC)).toEqual({ error: 'a coordinate is out of range' });
    expect('error' in decodePoints('gAgA'.repeat(401), SPEC)).toBe(true);
    expect(decodePoints('', SPEC)).toEqual({ points: new Float32Array(0) });
  });
});
