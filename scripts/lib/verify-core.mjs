// Pure logic of scripts/verify.mjs (no browser): parameter sampling and result checking.
// Node 24 strips the types of check.ts on import (it imports nothing but types).
import { formatNumber as formatSiteNumber } from '../../src/derivations/check.ts';

/** 32-bit string hash (FNV-1a), for per-derivation PRNG seeds. */
export function hashString(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decimals(x) {
  if (!Number.isFinite(x)) return 0;
  const s = String(x);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Uniform in [min, max], snapped to the grid min + k*step, clamped, rounded to the step's decimals. */
export function snap(spec, u) {
  const { min, max, step } = spec;
  let v = min + u * (max - min);
  if (step > 0) {
    v = min + Math.round((v - min) / step) * step;
    const d = Math.max(decimals(step), decimals(min));
    v = Number(v.toFixed(Math.min(d, 12)));
  }
  return Math.min(max, Math.max(min, v));
}

/** One random parameter setting (uniform within [min,max], snapped to step). */
export function randomParams(paramSpecs, rng) {
  return Object.fromEntries(paramSpecs.map((p) => [p.name, snap(p, rng())]));
}

const isNum = (x) => typeof x === 'number';

/**
 * Problems with one DerivationResult against its registered spec (empty array = fine).
 * A step fails when check.asExpected === false, or its estimate (value or stdErr) is NaN or missing.
 */
export function checkResult(spec, result) {
  const problems = [];
  if (!result || !Array.isArray(result.steps)) {
    return [{ detail: `evaluate() returned ${JSON.stringify(result)?.slice(0, 200)} (no steps array)` }];
  }
  if (result.steps.length !== spec.steps.length) {
    problems.push({
      detail: `result has ${result.steps.length} step(s), derivation declares ${spec.steps.length}`,
    });
  }
  result.steps.forEach((s, i) => {
    const step = s?.step ?? spec.steps[i] ?? {};
    const base = {
      step: step.id,
      evaluator: step.evaluator,
      relation: step.relation,
      knownMistake: !!step.knownMistake,
      value: s?.estimate?.value,
      stdErr: s?.estimate?.stdErr,
      holds: s?.check?.holds,
    };
    if (!s?.estimate || !isNum(s.estimate.value)) {
      problems.push({ ...base, detail: `estimate missing or not a number: ${JSON.stringify(s?.estimate)}` });
      return;
    }
    if (Number.isNaN(s.estimate.value)) {
      problems.push({ ...base, detail: `estimate is NaN${s.check?.detail ? ` (check: ${s.check.detail})` : ''}` });
      return;
    }
    if (s.estimate.stdErr !== undefined && (!isNum(s.estimate.stdErr) || Number.isNaN(s.estimate.stdErr))) {
      problems.push({ ...base, detail: `stdErr is ${s.estimate.stdErr}` });
      return;
    }
    if (!s.check || typeof s.check.asExpected !== 'boolean') {
      problems.push({ ...base, detail: `check missing: ${JSON.stringify(s?.check)}` });
      return;
    }
    if (s.check.asExpected === false) {
      const why = step.knownMistake
        ? 'known-mistake step unexpectedly HOLDS'
        : `step should hold but does NOT`;
      problems.push({ ...base, detail: `${why}: ${s.check.detail}` });
    }
  });
  return problems;
}

/** Numbers in verify's output: the site's formatter (src/derivations/check.ts) with 6 digits. */
export function formatNumber(x) {
  if (x === undefined) return '—';
  if (x === null) return 'null';
  if (typeof x !== 'number') return String(x);
  return formatSiteNumber(x, { digits: 6, maxFixed: 1e6 });
}

/** A multi-line, self-contained description of one failure. */
export function formatFailure(f) {
  const lines = [`✗ ${f.url}`, `  derivation: ${f.derivation}`];
  if (f.step !== undefined) {
    lines.push(
      `  step:       ${f.step}  (evaluator ${f.evaluator}, relation ${f.relation}${f.knownMistake ? ', knownMistake' : ''})`,
    );
  }
  if (f.params) lines.push(`  params:     ${JSON.stringify(f.params)}`);
  if (f.sample) lines.push(`  sample:     ${JSON.stringify(f.sample)}`);
  if (f.backend) lines.push(`  backend:    ${f.backend}`);
  if (f.step !== undefined) {
    lines.push(`  value:      ${formatNumber(f.value)}   stdErr: ${formatNumber(f.stdErr)}   holds: ${f.holds}`);
  }
  lines.push(`  detail:     ${f.detail}`);
  return lines.join('\n');
}

/**
 * Realistic mistakes planted in one step's value (value -> scale * value + shift, the standard
 * error scaled by |scale|, per-draw terms likewise) to measure whether the checks can catch them.
 * `perN` mistakes depend on the sample size n and apply only to models with a sample.
 */
export const MUTATIONS = [
  { id: 'sign', label: 'sign flip', scale: () => -1, shift: 0 },
  { id: 'double', label: 'factor 2', scale: () => 2, shift: 0 },
  { id: 'half', label: 'factor 1/2', scale: () => 0.5, shift: 0 },
  { id: 'constant', label: 'dropped constant −½ ln 2π', scale: () => 1, shift: -0.5 * Math.log(2 * Math.PI) },
  { id: 'constant+', label: 'dropped constant +½ ln 2π', scale: () => 1, shift: 0.5 * Math.log(2 * Math.PI) },
  { id: 'biased', label: 'biased variance, × (n−1)/n', perN: true, scale: (n) => (n - 1) / n, shift: 0 },
  { id: 'off-by-one', label: 'off-by-one in a sum, × n/(n−1)', perN: true, scale: (n) => n / (n - 1), shift: 0 },
];

/**
 * The mutations worth trying on one step: not on the given step or a known mistake (already
 * wrong), no dropped constant on an eq-const step (dropping a constant is what it allows), none
 * that leave the step's value unchanged (0 times 2 is still 0, infinity plus a constant too).
 */
export function mutationsFor(step, value, sample, kinds = MUTATIONS) {
  if (step.relation === 'given' || step.knownMistake) return [];
  const n = sample?.n ?? 0;
  return kinds
    .filter((m) => !(m.perN && !(n > 1)))
    .filter((m) => !(m.id.startsWith('constant') && step.relation === 'eq-const'))
    .map((m) => ({ id: m.id, label: m.label, scale: m.scale(n), shift: m.shift }))
    .filter((m) => {
      const mutated = m.scale * value + m.shift;
      if (!Number.isFinite(value)) return mutated !== value;
      return Math.abs(mutated - value) > 1e-12 * Math.max(1, Math.abs(value));
    });
}

/** A mutation is caught when any step of the derivation no longer behaves as the derivation says. */
export function isCaught(result) {
  return Array.isArray(result?.steps) && result.steps.some((s) => s?.check?.asExpected === false);
}

/** Rows {derivation, step, mutation, setting, caught} -> per-step totals and the overall catch rate. */
export function summariseMutations(rows) {
  const byStep = new Map();
  for (const r of rows) {
    const key = `${r.derivation}\u0000${r.step}`;
    const entry = byStep.get(key) ?? { derivation: r.derivation, step: r.step, caught: 0, tried: 0, caughtAtDefaults: 0, triedAtDefaults: 0, missed: [] };
    entry.tried += 1;
    if (r.caught) entry.caught += 1;
    else entry.missed.push(`${r.mutation}@${r.setting}`);
    if (r.setting === 'defaults') {
      entry.triedAtDefaults += 1;
      if (r.caught) entry.caughtAtDefaults += 1;
    }
    byStep.set(key, entry);
  }
  const steps = [...byStep.values()];
  const caught = steps.reduce((a, s) => a + s.caught, 0);
  const tried = steps.reduce((a, s) => a + s.tried, 0);
  const defects = steps.filter((s) => s.triedAtDefaults > 0 && s.caughtAtDefaults === 0);
  return { steps, caught, tried, rate: tried ? caught / tried : NaN, defects };
}

/** The mutation table as text: derivation, step, caught / tried (and at the defaults), what slipped. */
export function formatMutationTable(summary) {
  const lines = [
    `${'derivation'.padEnd(24)} ${'step'.padEnd(22)} ${'caught/tried'.padStart(12)} ${'at defaults'.padStart(11)}  not caught`,
  ];
  for (const s of summary.steps) {
    lines.push(
      `${s.derivation.padEnd(24)} ${String(s.step).padEnd(22)} ${`${s.caught}/${s.tried}`.padStart(12)} ${`${s.caughtAtDefaults}/${s.triedAtDefaults}`.padStart(11)}  ${s.missed.slice(0, 6).join(', ')}${s.missed.length > 6 ? ', …' : ''}`,
    );
  }
  lines.push(`overall: ${summary.caught}/${summary.tried} mutations caught (${(100 * summary.rate).toFixed(1)} %)`);
  return lines.join('\n');
}
