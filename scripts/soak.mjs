#!/usr/bin/env node
// `npm run soak`: a long-running check, never part of the tests. Trains the score network of
// /score-matching-practice/ and samples from it by annealed Langevin, over and over, for --minutes
// (default 10), reading tf.memory() every --every seconds (default 30): live tensors and, on WebGPU,
// the bytes allocated in GPU buffers. Fails (exit 1) if either grows after the first two readings
// (warm-up: shader compilation, pooled buffers), or if training goes on while the island is off
// screen. Options: --no-build, --minutes=N, --every=S, --backend=webgpu|webgl|cpu.
import { bin, launchChromium, parseArgs, run, startPreview } from './lib/browser.mjs';

const args = parseArgs();
const minutes = Number(args.minutes ?? 10);
const every = Number(args.every ?? 30) * 1000;
const backend = String(args.backend ?? 'webgpu');
const CHAPTER = '/score-matching-practice/';

if (!args['no-build']) {
  const code = await run(bin('astro'), ['build']);
  if (code !== 0) process.exit(code);
}
const preview = await startPreview();
const browser = await launchChromium();
const failures = [];
const readings = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(`${preview.url}${CHAPTER}?backend=${backend}&score-dsm.steps=20`);
  const island = page.locator('[data-island="score-dsm"]');
  await island.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__liveRuntime !== undefined, undefined, { timeout: 120_000 });
  await island.locator('[data-ready="true"], [data-ready="true"] *').first().waitFor({ timeout: 120_000 }).catch(() => {});
  const memory = () => page.evaluate(() => window.__liveRuntime.memory());
  const iteration = async () => Number((await island.getByTestId('score-dsm-iteration').textContent()) || 0);
  const started = Date.now();
  let sampleRun = 0;
  await island.getByTestId('score-dsm-toggle').click();
  while (Date.now() - started < minutes * 60_000) {
    await page.waitForTimeout(every);
    // Alternate: keep training; every other reading also start an annealed sampling run.
    sampleRun += 1;
    if (sampleRun % 2 === 0) await island.getByTestId('score-dsm-run-annealed').click().catch(() => {});
    const m = await memory();
    const reading = { seconds: Math.round((Date.now() - started) / 1000), iteration: await iteration(), numTensors: m.numTensors, gpuBytes: m.numBytesAllocatedInGPU ?? null, bytes: m.numBytes };
    readings.push(reading);
    console.error(JSON.stringify(reading));
  }
  // Off screen: training must stop. A frame already queued on the device still finishes and
  // reports (on SwiftShader, behind a sampling run, that takes several seconds), so allow 15 s for
  // it, then require the step count to stay put for 15 s more.
  await page.evaluate(() => window.scrollTo(0, 0));
  const atScroll = await iteration();
  await page.waitForTimeout(15_000);
  const settled = await iteration();
  await page.waitForTimeout(15_000);
  const after = await iteration();
  console.error(`off screen: step ${atScroll} when scrolled away, ${settled} after 15 s, ${after} after 30 s`);
  if (after !== settled) failures.push(`training went on off screen: step ${settled} -> ${after} between 15 s and 30 s after scrolling away`);
} finally {
  await browser.close();
  preview.stop();
}

console.log('\n| s | training step | tensors | GPU bytes allocated | tensor bytes |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of readings) console.log(`| ${r.seconds} | ${r.iteration} | ${r.numTensors} | ${r.gpuBytes ?? 'n/a'} | ${r.bytes} |`);
const settled = readings.slice(2);
if (settled.length >= 2) {
  const first = settled[0];
  const maxTensors = Math.max(...settled.map((r) => r.numTensors));
  // A sampling run in flight holds its particles: allow the spread of one run's tensors, not growth.
  if (maxTensors > first.numTensors + 64) failures.push(`live tensors grew from ${first.numTensors} to ${maxTensors}`);
  if (first.gpuBytes !== null) {
    const maxGpu = Math.max(...settled.map((r) => r.gpuBytes));
    if (maxGpu > first.gpuBytes * 1.1 + 1e6) failures.push(`GPU bytes grew from ${first.gpuBytes} to ${maxGpu}`);
  }
}
if (failures.length) {
  console.log(`\nsoak: FAIL\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`\nsoak: PASS (${minutes} min on ${backend}; tensors and GPU bytes flat after warm-up; training stops off screen)`);
