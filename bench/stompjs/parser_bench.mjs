// Parses the corpora written by `bench_parser_throughput --write-corpus DIR` with stompjs's own Parser, chunk by
// chunk exactly as our parser is fed, and prints one JSON line per corpus in the same shape as
// `bench_parser_throughput --json`. Usage: node parser_bench.mjs DIR [--runs N] [--only NAME]
import { Parser } from '@stomp/stompjs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dir = args[0];
const runs = Number(args[args.indexOf('--runs') + 1] || 7) || 7;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
if (!dir) {
  console.error('usage: node parser_bench.mjs DIR [--runs N] [--only NAME]');
  process.exit(2);
}

function loadChunks(file) {
  const data = readFileSync(file);
  const chunks = [];
  for (let offset = 0; offset < data.length;) {
    const size = data.readUInt32LE(offset);
    offset += 4;
    // An ArrayBuffer per chunk, as a binary WebSocket message would hand it to stompjs.
    chunks.push(data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + size));
    offset += size;
  }
  return chunks;
}

function runOnce(chunks, expectedFrames) {
  let frames = 0;
  let bodyBytes = 0;
  const parser = new Parser(
    (frame) => {
      frames += 1;
      bodyBytes += frame.binaryBody ? frame.binaryBody.length : 0;
    },
    () => {},
  );
  const start = process.hrtime.bigint();
  for (const chunk of chunks) parser.parseChunk(chunk);
  const elapsed = Number(process.hrtime.bigint() - start);
  if (frames !== expectedFrames || bodyBytes <= 0) {
    throw new Error(`parsed ${frames} of ${expectedFrames} frames`);
  }
  return elapsed;
}

const names = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
for (const name of names.sort()) {
  if (only && name !== only) continue;
  const summary = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const chunks = loadChunks(join(dir, `${name}.chunks`));
  const times = [];
  for (let i = 0; i < runs; i += 1) times.push(runOnce(chunks, summary.frames));
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)] / 1e9;
  console.log(JSON.stringify({
    bench: 'parser_throughput',
    impl: 'stompjs',
    corpus: name,
    frames: summary.frames,
    bytes: summary.bytes,
    chunks: summary.chunks,
    runs,
    median_ms: seconds * 1e3,
    frames_per_s: summary.frames / seconds,
    mb_per_s: summary.bytes / 1e6 / seconds,
  }));
}
