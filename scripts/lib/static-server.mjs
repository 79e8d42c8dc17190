// A tiny static host for dist/, serving it the way a production static host does, for the page-load
// benchmark and the offline / sub-path e2e specs: brotli or gzip by Accept-Encoding (compressed once
// per file and kept in memory), `Cache-Control: public, max-age=31536000, immutable` for Astro's
// content-hashed /_astro/ files, `no-cache` (revalidate with ETag) for everything else, so that HTML,
// sw.js and the Pagefind index are always checked. Optionally mounted under a sub-path (`base`),
// with 404 for anything outside it, as a host that serves the site from https://example.org/course/.
//
// CLI: node scripts/lib/static-server.mjs [--dir=dist] [--port=4512] [--base=/course/]
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};
// Already compressed (fonts, images, Pagefind's gzipped index): sent as they are.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.xml', '.txt', '.wasm', '.ttf']);

/** Normalise a base ('course', '/course', '/course/') to '/course/' ('/' for none). */
export function normaliseBase(base = '/') {
  const trimmed = String(base).replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Serve `dir` on 127.0.0.1:`port` (0 = a free port) under `base`. Resolves to
 * { url (origin + base, no trailing slash), origin, port, close() }.
 * @param {{ dir: string, port?: number, base?: string }} options
 */
export async function serveStatic({ dir, port = 0, base = '/' }) {
  const root = path.resolve(dir);
  const prefix = normaliseBase(base);
  const cache = new Map(); // absolute path -> { mtimeMs, body, br, gz, etag }

  async function load(file) {
    const info = await stat(file);
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = await readFile(file);
    const ext = path.extname(file);
    const entry = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
      br: null,
      gz: null,
    };
    if (COMPRESSIBLE.has(ext) && body.length > 512) {
      entry.br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
      entry.gz = gzipSync(body, { level: 9 });
    }
    cache.set(file, entry);
    return entry;
  }

  async function resolveFile(urlPath) {
    let rel;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const file = path.resolve(root, `.${rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) return null;
    for (const candidate of rel.endsWith('/') ? [path.join(file, 'index.html')] : [file, path.join(file, 'index.html')]) {
      try {
        if ((await stat(candidate)).isFile()) return { file: candidate, redirect: candidate !== file && !rel.endsWith('/') };
      } catch {}
    }
    return null;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send404 = async () => {
      const page = await resolveFile('/404.html');
      res.writeHead(404, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' });
      res.end(page ? await readFile(page.file) : 'Not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (prefix !== '/' && url.pathname === prefix.slice(0, -1)) {
      res.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!url.pathname.startsWith(prefix)) return send404();
    const found = await resolveFile(`/${url.pathname.slice(prefix.length)}`);
    if (!found) return send404();
    if (found.redirect) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const entry = await load(found.file);
    const ext = path.extname(found.file);
    const headers = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': url.pathname.startsWith(`${prefix}_astro/`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: entry.etag,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    let body = entry.body;
    if (entry.br && /\bbr\b/.test(accept)) {
      body = entry.br;
      headers['Content-Encoding'] = 'br';
    } else if (entry.gz && /\bgzip\b/.test(accept)) {
      body = entry.gz;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  const origin = `http://127.0.0.1:${actual}`;
  return {
    origin,
    port: actual,
    base: prefix,
    url: `${origin}${prefix.slice(0, -1)}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = Object.fromEntries(
    process.argv.slice(2).map((a) => /^--([^=]+)=(.*)$/.exec(a)).filter(Boolean).map((m) => [m[1], m[2]]),
  );
  const here = path.dirname(fileURLToPath(import.meta.url));
  const served = await serveStatic({
    dir: opts.dir ?? path.resolve(here, '..', '..', 'dist'),
    port: Number(opts.port ?? 4512),
    base: opts.base ?? '/',
  });
  console.log(`serving ${opts.dir ?? 'dist'} on ${served.url}/ (brotli/gzip, immutable /_astro/)`);
}
