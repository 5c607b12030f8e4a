#!/usr/bin/env python3
"""Markdown tables for bench/openai.sh from the JSON lines of bench/openai-load.mjs (stdin)."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
print("| embeddings (all-MiniLM-L6-v2) | clients | texts/request | texts/s | p50 ms | p90 ms |")
print("|---|---|---|---|---|---|")
for r in rows:
    if r["scenario"] != "embeddings":
        continue
    if r["texts_per_request"] > 1:
        name = "batched in the request"
    elif r["model"] == "minilm":
        name = "1 text/request, dynamic batching (max_batch_size 32)"
    else:
        name = "1 text/request, unbatched"
    print(f"| {name} | {r['clients']} | {r['texts_per_request']} | {r['texts_per_s']:.0f} | {r['p50_ms']:.1f} "
          f"| {r['p90_ms']:.1f} |")
print()
print("| generation (tiny-gpt, streamed chat, greedy, max_tokens 128) | concurrent streams | streams done "
      "| tokens/s (all streams) | tokens/s per stream (median) | TTFT p50 ms | TTFT p90 ms |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["scenario"] == "generation":
        name = "batched decode steps (max_batch_size 8)" if r["model"].endswith("batched") else "each stream alone"
        print(f"| {name} | {r['concurrent_streams']} | {r['streams']} | {r['tokens_per_s']:.0f} "
              f"| {r['tokens_per_s_per_stream']:.0f} | {r['ttft_p50_ms']:.1f} | {r['ttft_p90_ms']:.1f} |")
