#!/usr/bin/env node
// `npm run web [-- --port N] [-- --no-build]`: builds the web edition (the renderer with the
// lab host in a Web Worker) into out/web and serves the built files on 127.0.0.1:N (default
// 5173) with `vite preview`. Prints `ForkLab web edition: http://127.0.0.1:N/` when ready.
// $FORKLAB_WEB_OUT names another output folder: end-to-end test files run in parallel, and each
// builds and serves its own copy instead of rebuilding out/web under another file's server.
import { build, preview } from 'vite';

function parseArgs(argv) {
  const opts = { port: 5173, build: true, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port' || a === '-p') opts.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--no-build') opts.build = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run web [-- --port N] [-- --no-build]');
      process.exit(0);
    } else {
      console.error(`web: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    console.error('web: --port needs a number from 1 to 65535');
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const configFile = 'vite.web.config.ts';
// A test runner's NODE_ENV (vitest sets "test") would otherwise give React's development build.
process.env.NODE_ENV = 'production';
const outDir = process.env.FORKLAB_WEB_OUT;
const out = outDir ? { build: { outDir, emptyOutDir: true } } : {};
if (opts.build) await build({ configFile, mode: 'production', logLevel: 'warn', ...out });
const server = await preview({ configFile, ...out, preview: { host: opts.host, port: opts.port, strictPort: true, open: false } });
console.log(`ForkLab web edition: http://${opts.host}:${opts.port}/`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
