#!/usr/bin/python3
"""Builds models/tiny-gpt: a tiny GPT-style decoder in ONNX with past key values, its byte-level BPE tokenizer
and a numpy reference of the same model.

Written with Debian's python3-onnx (no torch, no transformers, no tokenizers here). What it writes:

  tiny-gpt/1/model.onnx             2 layers, 4 heads of 16, width 64, random weights (seed 2026), tied embeddings.
                                    Hugging Face Optimum's decoder layout: inputs input_ids, attention_mask,
                                    position_ids, past_key_values.{i}.key/.value [batch, heads, past, head_dim];
                                    outputs logits [batch, seq, vocab], present.{i}.key/.value.
  tiny-gpt/1/tokenizer.json         byte-level BPE (GPT-2's byte alphabet + merges learnt from a small corpus) and
                                    the special tokens <|endoftext|>, <|im_start|>, <|im_end|>
  tiny-gpt/1/tokenizer_config.json  eos token and a ChatML chat template (Jinja), as Qwen2 ships it
  tiny-gpt/1/generation_config.json eos_token_id [<|endoftext|>, <|im_end|>]
  tiny-gpt/1/config.json            the architecture's sizes
  tiny-gpt/config.yaml              format: huggingface, concurrency
  tiny-gpt/reference.json           what the numpy reference produces: token ids of sample texts, greedy and
                                    seeded-sampled continuations, chat prompts, the first step's logits

The numpy reference recomputes the whole sequence at every step (no KV cache), so a server that uses the cache
must match a computation that does not. Sampling is defined exactly (see `sample`) with a SplitMix64 generator,
so a Java implementation reproduces the seeded draws.

Run: /usr/bin/python3 models/generate_tiny_gpt.py
"""
import json
import os
import re

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tiny-gpt")
SEED = 2026
LAYERS, HEADS, HEAD_DIM = 2, 4, 16
WIDTH = HEADS * HEAD_DIM
MLP = 4 * WIDTH
POSITIONS = 512
MERGES = 64
EOS, IM_START, IM_END = "<|endoftext|>", "<|im_start|>", "<|im_end|>"
MASKED = -30.0
IM_END_BIAS = 3.5

CORPUS = """
The quick brown fox jumps over the lazy dog. Models are served over the network, one request at a time or in
batches. A tokenizer turns text into tokens; the model turns tokens into the next token, again and again, until it
stops. Hello world! The server answers in the open inference protocol and in the OpenAI API. Stream the tokens as
they are made, and count them: prompt tokens, completion tokens, total tokens. This is a test of the tiny model.
"""

CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)


# ---------------------------------------------------------------------------------------------------------------
# Byte-level BPE (GPT-2's scheme)

def bytes_to_unicode():
    """GPT-2's map from the 256 byte values to printable characters (the byte-level alphabet)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_CHAR = bytes_to_unicode()
CHAR_BYTE = {c: b for b, c in BYTE_CHAR.items()}
# GPT-2's pre-tokenizer pattern, with ASCII classes for \p{L} and \p{N}: identical on the ASCII texts used here.
PRETOKEN = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def to_symbols(word):
    return [BYTE_CHAR[b] for b in word.encode("utf-8")]


def learn_merges(corpus, count):
    words = {}
    for w in PRETOKEN.findall(corpus):
        key = tuple(to_symbols(w))
        words[key] = words.get(key, 0) + 1
    merges = []
    for _ in range(count):
        pairs = {}
        for w, f in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] = pairs.get((a, b), 0) + f
        if not pairs:
            break
        # Most frequent pair; ties broken by the pair itself so the result never depends on dict order.
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        merged = {}
        for w, f in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + f
        words = merged
    return merges


class Tokenizer:
    def __init__(self, merges):
        self.vocab = {}
        for b in range(256):
            self.vocab[BYTE_CHAR[b]] = len(self.vocab)
        for a, b in merges:
            self.vocab[a + b] = len(self.vocab)
        self.ranks = {m: i for i, m in enumerate(merges)}
        self.specials = {}
        for s in (EOS, IM_START, IM_END):
            self.specials[s] = len(self.vocab) + len(self.specials)
        self.merges = merges
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        self.special_split = re.compile("(" + "|".join(re.escape(s) for s in self.specials) + ")")

    def size(self):
        return len(self.vocab) + len(self.specials)

    def bpe(self, symbols):
        symbols = list(symbols)
        while len(symbols) > 1:
            ranked = [(self.ranks.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(symbols, symbols[1:]))]
            rank, i = min(ranked)
            if rank == 1 << 30:
                break
            symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]
        return symbols

    def encode(self, text):
        ids = []
        for part in self.special_split.split(text):
            if not part:
                continue
            if part in self.specials:
                ids.append(self.specials[part])
                continue
            for w in PRETOKEN.findall(part):
                ids.extend(self.vocab[s] for s in self.bpe(to_symbols(w)))
        return ids

    def token_bytes(self, i):
        return bytes(CHAR_BYTE[c] for c in self.id_to_token[i])

    def decode(self, ids):
        """Special tokens skipped, as the server decodes (skip_special_tokens)."""
        data = b"".join(self.token_bytes(i) for i in ids if i < len(self.vocab))
        return data.decode("utf-8", errors="replace")

    def tokenizer_json(self):
        added = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for s, i in self.specials.items()]
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": byte_level,
            "post_processor": dict(byte_level, trim_offsets=False),
            "decoder": byte_level,
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                      "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                      "vocab": self.vocab, "merges": [a + " " + b for a, b in self.merges]},
        }


def render_chat(messages, add_generation_prompt=True):
    """The chat template above, by hand (no jinja2 here): ChatML."""
    out = "".join(f"{IM_START}{m['role']}\n{m['content']}{IM_END}\n" for m in messages)
    return out + (f"{IM_START}assistant\n" if add_generation_prompt else "")


# ---------------------------------------------------------------------------------------------------------------
# Weights and the numpy reference model

def make_weights(vocab, tok):
    rng = np.random.default_rng(SEED)

    def normal(shape, std):
        return rng.normal(0.0, std, size=shape).astype(np.float32)

    w = {"wte": normal((vocab, WIDTH), 0.3), "wpe": normal((POSITIONS, WIDTH), 0.5)}
    for i in range(LAYERS):
        w[f"h{i}.ln1.g"] = (1.0 + normal((WIDTH,), 0.05)).astype(np.float32)
        w[f"h{i}.ln1.b"] = normal((WIDTH,), 0.05)
        w[f"h{i}.qkv.w"] = normal((WIDTH, 3 * WIDTH), 0.15)
        w[f"h{i}.qkv.b"] = normal((3 * WIDTH,), 0.02)
        w[f"h{i}.proj.w"] = normal((WIDTH, WIDTH), 0.1)
        w[f"h{i}.proj.b"] = normal((WIDTH,), 0.02)
        w[f"h{i}.ln2.g"] = (1.0 + normal((WIDTH,), 0.05)).astype(np.float32)
        w[f"h{i}.ln2.b"] = normal((WIDTH,), 0.05)
        w[f"h{i}.fc.w"] = normal((WIDTH, MLP), 0.1)
        w[f"h{i}.fc.b"] = normal((MLP,), 0.02)
        w[f"h{i}.out.w"] = normal((MLP, WIDTH), 0.05)
        w[f"h{i}.out.b"] = normal((WIDTH,), 0.02)
    w["lnf.g"] = np.ones((WIDTH,), np.float32)
    w["lnf.b"] = np.zeros((WIDTH,), np.float32)
    # The model only emits printable ASCII, newlines and the two end tokens, so its text is always valid UTF-8.
    bias = np.zeros((vocab,), np.float32)
    for i in range(len(tok.vocab)):
        if not all(b == 10 or 32 <= b <= 126 for b in tok.token_bytes(i)):
            bias[i] = MASKED
    bias[tok.specials[IM_START]] = MASKED
    # <|im_end|> a little favoured, so some continuations end by themselves (finish_reason "stop").
    bias[tok.specials[IM_END]] = IM_END_BIAS
    w["logit_bias"] = bias
    return w


def layer_norm(x, g, b):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + np.float32(1e-5)) * g + b


def gelu(x):
    return np.float32(0.5) * x * (np.float32(1.0) + np.tanh(np.float32(0.7978845608028654) * (x + np.float32(0.044715) * x ** 3)))


def reference_logits(w, ids):
    """Logits [seq, vocab] of one sequence, computed from scratch (no cache), float32 throughout."""
    s = len(ids)
    x = w["wte"][ids] + w["wpe"][np.arange(s)]
    causal = np.tril(np.ones((s, s), bool))
    for i in range(LAYERS):
        h = layer_norm(x, w[f"h{i}.ln1.g"], w[f"h{i}.ln1.b"])
        qkv = h @ w[f"h{i}.qkv.w"] + w[f"h{i}.qkv.b"]
        q, k, v = (qkv[:, j * WIDTH:(j + 1) * WIDTH].reshape(s, HEADS, HEAD_DIM).transpose(1, 0, 2) for j in range(3))
        scores = (q @ k.transpose(0, 2, 1)) * np.float32(1.0 / np.sqrt(HEAD_DIM))
        scores = np.where(causal, scores, np.float32(-1e9))
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        att = scores / scores.sum(-1, keepdims=True)
        y = (att @ v).transpose(1, 0, 2).reshape(s, WIDTH)
        x = x + (y @ w[f"h{i}.proj.w"] + w[f"h{i}.proj.b"])
        h = layer_norm(x, w[f"h{i}.ln2.g"], w[f"h{i}.ln2.b"])
        x = x + (gelu(h @ w[f"h{i}.fc.w"] + w[f"h{i}.fc.b"]) @ w[f"h{i}.out.w"] + w[f"h{i}.out.b"])
    x = layer_norm(x, w["lnf.g"], w["lnf.b"])
    return x @ w["wte"].T + w["logit_bias"]


class SplitMix64:
    """The seeded generator both sides use: SplitMix64, doubles from the top 53 bits."""
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next_double(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        z = z ^ (z >> 31)
        return (z >> 11) * (1.0 / (1 << 53))


def sample(logits, temperature, top_k, top_p, rng):
    """The sampling procedure, exactly as the server runs it.

    Greedy (temperature 0): the first index of the largest logit. Otherwise: x = logit / temperature in float64;
    candidates sorted by x descending (ties: lower id first); keep the first top_k (0 = all); p = exp(x - max),
    summed in order; keep the shortest prefix whose running sum reaches top_p * total (top_p < 1); draw
    u = next_double() * kept sum and take the first candidate whose running sum exceeds u.
    """
    if temperature == 0:
        return int(np.argmax(logits))
    x = logits.astype(np.float64) / temperature
    order = sorted(range(len(x)), key=lambda i: (-x[i], i))
    if top_k > 0:
        order = order[:top_k]
    m = x[order[0]]
    p = [float(np.exp(x[i] - m)) for i in order]
    total = 0.0
    for v in p:
        total += v
    if top_p < 1.0:
        cut, run = len(p), 0.0
        for j, v in enumerate(p):
            run += v
            if run >= top_p * total:
                cut = j + 1
                break
        order, p = order[:cut], p[:cut]
        total = run
    u = rng.next_double() * total
    run = 0.0
    for i, v in zip(order, p):
        run += v
        if run > u:
            return i
    return order[-1]


def generate(w, tok, eos_ids, prompt_ids, max_tokens, temperature=0.0, top_k=0, top_p=1.0, seed=0):
    ids = list(prompt_ids)
    out, margins = [], []
    rng = SplitMix64(seed)
    finish = "length"
    for _ in range(max_tokens):
        logits = reference_logits(w, ids)[-1]
        top2 = np.sort(logits)[-2:]
        margins.append(float(top2[1] - top2[0]))
        t = sample(logits, temperature, top_k, top_p, rng)
        if t in eos_ids:
            finish = "stop"
            break
        out.append(t)
        ids.append(t)
    return out, finish, min(margins)


# ---------------------------------------------------------------------------------------------------------------
# The ONNX graph

class Graph:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, kind, inputs, **attrs):
        self.n += 1
        out = f"{kind.lower()}_{self.n}"
        self.nodes.append(helper.make_node(kind, inputs, [out], name=out, **attrs))
        return out

    def op_to(self, kind, inputs, output, **attrs):
        self.nodes.append(helper.make_node(kind, inputs, [output], name=output, **attrs))
        return output


def build_onnx(w, vocab):
    g = Graph()
    for k, v in w.items():
        g.const(k, v)
    i64 = lambda name, v: g.const(name, np.array(v, np.int64))
    i64("zero", 0), i64("one", 1), i64("idx1", [1]), i64("axes0", [0]), i64("axes1", [1]), i64("axes12", [1, 2])
    i64("heads_shape", [0, 0, HEADS, HEAD_DIM]), i64("merge_shape", [0, 0, WIDTH])
    g.const("neg", np.array(-1e9, np.float32))
    g.const("scale", np.array(1.0 / np.sqrt(HEAD_DIM), np.float32))
    g.const("half", np.array(0.5, np.float32)), g.const("onef", np.array(1.0, np.float32))
    g.const("c0", np.array(0.7978845608028654, np.float32)), g.const("c1", np.array(0.044715, np.float32))
    g.const("three", np.array(3.0, np.float32))

    # Mask shared by every layer: key j is visible to query i when j <= past + i and attention_mask[b, j] == 1.
    total = g.op("Gather", [g.op("Shape", ["attention_mask"]), "one"], axis=0)
    seq = g.op("Gather", [g.op("Shape", ["input_ids"]), "one"], axis=0)
    kpos = g.op("Range", ["zero", total, "one"])
    qpos = g.op("Range", [g.op("Sub", [total, seq]), total, "one"])
    causal = g.op("LessOrEqual", [g.op("Unsqueeze", [kpos, "axes0"]), g.op("Unsqueeze", [qpos, "axes1"])])
    visible = g.op("Unsqueeze", [g.op("Cast", ["attention_mask"], to=TensorProto.BOOL), "axes12"])
    mask = g.op("And", [causal, visible])  # [batch, 1, seq, total]

    x = g.op("Add", [g.op("Gather", ["wte", "input_ids"], axis=0), g.op("Gather", ["wpe", "position_ids"], axis=0)])
    for i in range(LAYERS):
        h = g.op("LayerNormalization", [x, f"h{i}.ln1.g", f"h{i}.ln1.b"], axis=-1, epsilon=1e-5)
        qkv = g.op("Add", [g.op("MatMul", [h, f"h{i}.qkv.w"]), f"h{i}.qkv.b"])
        q_, k_, v_ = f"q{i}", f"k{i}", f"v{i}"
        g.nodes.append(helper.make_node("Split", [qkv, g.const(f"split{i}", np.array([WIDTH] * 3, np.int64))],
                                        [q_, k_, v_], axis=2, name=f"split_{i}"))
        heads = lambda t: g.op("Transpose", [g.op("Reshape", [t, "heads_shape"])], perm=[0, 2, 1, 3])
        q, k, v = heads(q_), heads(k_), heads(v_)
        k_all = g.op_to("Concat", [f"past_key_values.{i}.key", k], f"present.{i}.key", axis=2)
        v_all = g.op_to("Concat", [f"past_key_values.{i}.value", v], f"present.{i}.value", axis=2)
        scores = g.op("Mul", [g.op("MatMul", [q, g.op("Transpose", [k_all], perm=[0, 1, 3, 2])]), "scale"])
        att = g.op("Softmax", [g.op("Where", [mask, scores, "neg"])], axis=-1)
        y = g.op("Reshape", [g.op("Transpose", [g.op("MatMul", [att, v_all])], perm=[0, 2, 1, 3]), "merge_shape"])
        x = g.op("Add", [x, g.op("Add", [g.op("MatMul", [y, f"h{i}.proj.w"]), f"h{i}.proj.b"])])
        h = g.op("LayerNormalization", [x, f"h{i}.ln2.g", f"h{i}.ln2.b"], axis=-1, epsilon=1e-5)
        f = g.op("Add", [g.op("MatMul", [h, f"h{i}.fc.w"]), f"h{i}.fc.b"])
        inner = g.op("Mul", ["c0", g.op("Add", [f, g.op("Mul", ["c1", g.op("Pow", [f, "three"])])])])
        f = g.op("Mul", [g.op("Mul", ["half", f]), g.op("Add", ["onef", g.op("Tanh", [inner])])])
        x = g.op("Add", [x, g.op("Add", [g.op("MatMul", [f, f"h{i}.out.w"]), f"h{i}.out.b"])])
    x = g.op("LayerNormalization", [x, "lnf.g", "lnf.b"], axis=-1, epsilon=1e-5)
    g.const("wte_t", w["wte"].T.copy())
    g.op_to("Add", [g.op("MatMul", [x, "wte_t"]), "logit_bias"], "logits")

    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64,
                                            ["batch_size", "past_sequence_length + sequence_length"]),
              helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", vocab])]
    for i in range(LAYERS):
        for kind in ("key", "value"):
            inputs.append(helper.make_tensor_value_info(f"past_key_values.{i}.{kind}", TensorProto.FLOAT,
                                                        ["batch_size", HEADS, "past_sequence_length", HEAD_DIM]))
            outputs.append(helper.make_tensor_value_info(f"present.{i}.{kind}", TensorProto.FLOAT,
                                                         ["batch_size", HEADS,
                                                          "past_sequence_length + sequence_length", HEAD_DIM]))
    # wte is stored twice (embedding and its transpose for the head): 80 KB, simpler than a Transpose per call.
    graph = helper.make_graph(g.nodes, "tiny-gpt", inputs, outputs, g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="augur")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


# ---------------------------------------------------------------------------------------------------------------

PROMPTS = ["Hello world", "The quick brown fox", "Models are served", "Once upon a time, there was"]
SAMPLED = [
    {"prompt": "Hello world", "temperature": 0.8, "top_p": 1.0, "top_k": 0, "seed": 42},
    {"prompt": "The quick brown fox", "temperature": 1.0, "top_p": 0.9, "top_k": 0, "seed": 7},
    {"prompt": "Models are served", "temperature": 0.7, "top_p": 1.0, "top_k": 20, "seed": 123},
]
CHATS = [
    [{"role": "user", "content": "Hello! Who are you?"}],
    [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Count to three."}],
]
TOKENIZER_SAMPLES = ["Hello world", "The quick brown fox jumps over the lazy dog.", "  spaces   and\nnewlines\n",
                     "numbers 12345 and punctuation!?", "<|im_start|>user\nhi<|im_end|>\n"]
MAX_TOKENS = 24


def main():
    merges = learn_merges(CORPUS, MERGES)
    tok = Tokenizer(merges)
    vocab = tok.size()
    w = make_weights(vocab, tok)
    model = build_onnx(w, vocab)

    version = os.path.join(OUT, "1")
    os.makedirs(version, exist_ok=True)
    onnx.save(model, os.path.join(version, "model.onnx"))
    dump = lambda name, obj: open(os.path.join(version, name), "w").write(json.dumps(obj, indent=1, ensure_ascii=False) + "\n")
    dump("tokenizer.json", tok.tokenizer_json())
    dump("tokenizer_config.json", {
        "tokenizer_class": "GPT2Tokenizer", "add_bos_token": False, "bos_token": None, "eos_token": IM_END,
        "pad_token": EOS, "unk_token": None, "model_max_length": POSITIONS, "clean_up_tokenization_spaces": False,
        "chat_template": CHAT_TEMPLATE})
    eos_ids = [tok.specials[EOS], tok.specials[IM_END]]
    dump("generation_config.json", {"eos_token_id": eos_ids, "pad_token_id": tok.specials[EOS]})
    dump("config.json", {"architectures": ["TinyGptForCausalLM"], "model_type": "tiny-gpt", "vocab_size": vocab,
                         "n_layer": LAYERS, "n_head": HEADS, "n_embd": WIDTH, "n_positions": POSITIONS,
                         "eos_token_id": eos_ids, "note": "random weights, seed %d; see generate_tiny_gpt.py" % SEED})
    with open(os.path.join(OUT, "config.yaml"), "w") as f:
        f.write("# Written by models/generate_tiny_gpt.py. A Hugging Face-style folder: the text-generation runtime.\n"
                "format: huggingface\n# Concurrent generations (each its own decode loop on the shared session).\n"
                "instances: 8\n")

    greedy = []
    for p in PROMPTS:
        ids = tok.encode(p)
        out, finish, margin = generate(w, tok, eos_ids, ids, MAX_TOKENS)
        greedy.append({"prompt": p, "prompt_ids": ids, "max_tokens": MAX_TOKENS, "token_ids": out,
                       "text": tok.decode(out), "finish_reason": finish, "min_margin": margin})
    sampled = []
    for s in SAMPLED:
        ids = tok.encode(s["prompt"])
        out, finish, _ = generate(w, tok, eos_ids, ids, MAX_TOKENS, s["temperature"], s["top_k"], s["top_p"], s["seed"])
        sampled.append(dict(s, prompt_ids=ids, max_tokens=MAX_TOKENS, token_ids=out, text=tok.decode(out),
                            finish_reason=finish))
    chats = []
    for messages in CHATS:
        prompt = render_chat(messages)
        ids = tok.encode(prompt)
        out, finish, margin = generate(w, tok, eos_ids, ids, MAX_TOKENS)
        chats.append({"messages": messages, "prompt": prompt, "prompt_ids": ids, "max_tokens": MAX_TOKENS,
                      "token_ids": out, "text": tok.decode(out), "finish_reason": finish, "min_margin": margin})
    first = tok.encode(PROMPTS[0])
    reference = {
        "note": "numpy reference of tiny-gpt (generate_tiny_gpt.py): full recompute per step, no KV cache",
        "eos_token_ids": eos_ids,
        "tokenizer": [{"text": t, "ids": tok.encode(t)} for t in TOKENIZER_SAMPLES],
        "first_step_logits": {"prompt": PROMPTS[0], "logits": [float(v) for v in reference_logits(w, first)[-1]]},
        "greedy": greedy,
        "sampled": sampled,
        "chat": chats,
    }
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        f.write(json.dumps(reference, indent=1) + "\n")
    size = os.path.getsize(os.path.join(version, "model.onnx"))
    print(f"tiny-gpt: vocab {vocab}, model.onnx {size} bytes")
    for r in greedy + chats:
        print(f"  greedy {r['prompt']!r:50.50} -> {r['text']!r} ({r['finish_reason']}, min margin {r['min_margin']:.4f})")
    for r in sampled:
        print(f"  sampled {r['prompt']!r} seed {r['seed']} -> {r['text']!r}")


if __name__ == "__main__":
    main()
