#!/usr/bin/env node
// A plain static file server for the tests and benchmarks: serves DIR on 127.0.0.1:PORT, optionally under
// a sub-path (--base /some/prefix/) and with a Content-Security-Policy header (--csp "policy").
// No server logic beyond what any static host does.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const [dir = 'dist', portText = '4173', ...rest] = process.argv.slice(2);
const option = (name) => {
  const index = rest.indexOf(name);
  return index >= 0 ? rest[index + 1] : undefined;
};
const base = option('--base') ?? '/';
const csp = option('--csp');
const root = resolve(dir);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(base)) {
    response.writeHead(404).end('not found');
    return;
  }
  let relative = decodeURIComponent(url.pathname.slice(base.length));
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const path = normalize(join(root, relative));
  if (!path.startsWith(root)) {
    response.writeHead(403).end('forbidden');
    return;
  }
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    response.writeHead(404).end('not found');
    return;
  }
  const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
  if (csp) headers['content-security-policy'] = csp;
  response.writeHead(200, headers);
  createReadStream(path).pipe(response);
}).listen(Number(portText), '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${portText}${base}${csp ? ' with CSP' : ''}`);
});
