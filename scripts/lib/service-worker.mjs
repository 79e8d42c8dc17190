// Offline support: after `astro build`, Workbox's generateSW writes dist/sw.js, a service worker that
// precaches the whole built course (pages, CSS, every JS chunk including the tfjs backends, Web
// Worker bundles and WASM files, KaTeX's woff2 fonts, the Pagefind index, icons and the manifest).
//
// Updates: every precached file carries a revision (a content hash, or the file name for Astro's
// content-hashed /_astro/ files), so a rebuild changes sw.js and the browser installs the new
// worker in the background, fetching only what changed. It does NOT skip waiting: the old worker
// keeps serving the old build, whose pages and scripts are all still in its cache, to every tab
// opened on it, and the new one takes over once those tabs are closed. A page is therefore never
// served with scripts from another build, or with scripts a rebuild deleted. If the worker cannot
// install (no support, private mode, storage refused) the site runs from the network as before.
// Imported statically: a dynamic import() in astro:build:done goes through Vite's module runner,
// which Astro has closed by then when the config also imports TypeScript (src/build/check-derivations.ts).
import { generateSW } from 'workbox-build';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SW_FILE = 'sw.js';

/** Options for generateSW; `dir` is the built site's folder. Exported for the update e2e test. */
export function workboxOptions(dir) {
  return {
    globDirectory: dir,
    swDest: path.join(dir, SW_FILE),
    // All of the build that a reader's browser can ask for. KaTeX's .woff/.ttf fallbacks are left
    // out: every browser with service workers takes the .woff2 listed first in katex.css.
    globPatterns: ['**/*.{html,js,mjs,css,woff2,wasm,json,svg,png,webp,ico,webmanifest}', 'pagefind/**/*'],
    globIgnores: [SW_FILE, 'workbox-*.js', 'readme/**', 'bench/**'],
    // tfjs backends and WASM binaries are megabytes; the default 2 MiB cap would drop them silently.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    dontCacheBustURLsMatching: /^_astro\//,
    // Island state lives in the query string (?backend=cpu, sliders): the page is the same file.
    ignoreURLParametersMatching: [/.*/],
    directoryIndex: 'index.html',
    cacheId: 'live-derivations',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: false,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
  };
}

/** Write `dir`/sw.js; resolves to { count, size, warnings }. */
export async function buildServiceWorker(dir) {
  return generateSW(workboxOptions(dir));
}

/**
 * In every built page's <head>: register `${base}sw.js` once the page has loaded and the main
 * thread is idle, so precaching never competes with the first paint. Failure is silent by design:
 * without a worker the site is exactly the network-only site.
 */
export function registerScript(base) {
  const url = JSON.stringify(`${base}${SW_FILE}`);
  const scope = JSON.stringify(base);
  return `(() => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => navigator.serviceWorker.register(${url}, { scope: ${scope} }).catch(() => {});
  const later = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 2000));
  if (document.readyState === 'complete') later(); else addEventListener('load', later, { once: true });
})();`;
}

/** Astro integration: registration script in built pages, sw.js generated after the build. */
export function serviceWorker() {
  return {
    name: 'live-derivations:service-worker',
    hooks: {
      'astro:config:setup': ({ command, config, injectScript }) => {
        if (command !== 'build') return; // `astro dev` has no sw.js: register nothing there
        const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        injectScript('head-inline', registerScript(base));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const { count, size, warnings } = await buildServiceWorker(fileURLToPath(dir));
        for (const warning of warnings) logger.warn(warning);
        logger.info(`${SW_FILE}: precaches ${count} files, ${(size / 1048576).toFixed(1)} MiB (${Date.now() - started} ms)`);
      },
    },
  };
}
