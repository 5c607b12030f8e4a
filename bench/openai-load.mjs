// Load for bench/openai.sh (plain fetch, no dependencies): node openai-load.mjs <base URL> <seconds>
// Prints one JSON line per scenario.
const [base, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 15);
const TEXTS = Array.from({ length: 64 }, (_, i) =>
  `Sentence number ${i}: the quick brown fox jumps over the lazy dog while models are served over the network.`);

async function post(path, body) {
  const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r;
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
}

/** `clients` loops sending requests of `perRequest` texts for the duration; texts per second. */
async function embeddings(model, clients, perRequest, secs = seconds) {
  const end = performance.now() + secs * 1000;
  let texts = 0;
  let requests = 0;
  const latencies = [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    let i = c;
    while (performance.now() < end) {
      const input = Array.from({ length: perRequest }, (_, k) => TEXTS[(i + k) % TEXTS.length]);
      const t0 = performance.now();
      const r = await post('/openai/v1/embeddings', { model, input, encoding_format: 'base64' });
      const j = await r.json();
      if (j.data.length !== perRequest) throw new Error('wrong count');
      latencies.push(performance.now() - t0);
      texts += perRequest;
      requests++;
      i += perRequest;
    }
  }));
  return { scenario: 'embeddings', model, clients, texts_per_request: perRequest, requests,
    texts_per_s: texts / secs, p50_ms: percentile(latencies, 0.5), p90_ms: percentile(latencies, 0.9) };
}

/** One streamed chat completion: time to first content token, tokens (usage). */
async function oneStream(model, maxTokens) {
  const t0 = performance.now();
  const r = await post('/openai/v1/chat/completions', { model, max_tokens: maxTokens, temperature: 0,
    messages: [{ role: 'user', content: 'Hello! Who are you?' }], stream: true,
    stream_options: { include_usage: true } });
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ttft = null;
  let tokens = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (!event.startsWith('data: ') || event === 'data: [DONE]') continue;
      const chunk = JSON.parse(event.slice(6));
      if (chunk.usage) tokens = chunk.usage.completion_tokens;
      if (ttft === null && chunk.choices?.[0]?.delta?.content) ttft = performance.now() - t0;
    }
  }
  return { ttft, tokens, ms: performance.now() - t0 };
}

async function streams(model, concurrency, maxTokens, secs = seconds) {
  const end = performance.now() + secs * 1000;
  const ttfts = [];
  const perStream = [];
  let tokens = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const s = await oneStream(model, maxTokens);
      ttfts.push(s.ttft);
      perStream.push(s.tokens / (s.ms / 1000));
      tokens += s.tokens;
    }
  }));
  const wall = (performance.now() - start) / 1000;
  return { scenario: 'generation', model, concurrent_streams: concurrency, max_tokens: maxTokens,
    streams: ttfts.length, tokens, tokens_per_s: tokens / wall, tokens_per_s_per_stream: percentile(perStream, 0.5),
    ttft_p50_ms: percentile(ttfts, 0.5), ttft_p90_ms: percentile(ttfts, 0.9) };
}

// Warm-up: JIT, ONNX Runtime's first runs, both models' code paths.
await embeddings('minilm', 4, 8, 5);
await embeddings('minilm-unbatched', 4, 1, 3);
await streams('tiny-gpt', 4, 32, 5);
await streams('tiny-gpt-batched', 4, 32, 5);
for (const scenario of [
  () => embeddings('minilm-unbatched', 8, 1),
  () => embeddings('minilm', 8, 1),
  () => embeddings('minilm', 8, 32),
  () => streams('tiny-gpt', 1, 128),
  () => streams('tiny-gpt', 8, 128),
  () => streams('tiny-gpt-batched', 1, 128),
  () => streams('tiny-gpt-batched', 8, 128),
]) {
  console.log(JSON.stringify(await scenario()));
}
