package dev.augur.predictor.runtime.hf;

import dev.augur.predictor.runtime.SignedModel;
import dev.augur.predictor.runtime.TextGenerator;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.generate.Generate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Text generation with a decoder-only ONNX model and its tokenizer: the prompt (or the chat, through the chat
 * template) is encoded, run once to fill the key/value cache, then one token per step is sampled, decoded and
 * handed on as text until an end token, a stop sequence, max tokens or the context length ends it. Every
 * generation has its own cache on the shared session, so several run at once (as many as the model's
 * {@code instances}).
 */
final class GenerativeModel extends SignedModel implements TextGenerator {
    private static final List<TensorSpec> INPUTS = List.of(
            new TensorSpec(Generate.TEXT_INPUT, DataType.BYTES, new long[] {1}),
            new TensorSpec(Generate.MESSAGES, DataType.BYTES, new long[] {1}));
    private static final List<TensorSpec> OUTPUTS = List.of(
            new TensorSpec(Generate.TEXT_OUTPUT, DataType.BYTES, new long[] {1}),
            new TensorSpec(Generate.FINISH_REASON, DataType.BYTES, new long[] {1}),
            new TensorSpec(Generate.NUM_INPUT_TOKENS, DataType.INT64, new long[] {1}),
            new TensorSpec(Generate.NUM_OUTPUT_TOKENS, DataType.INT64, new long[] {1}));

    private final DecoderSession decoder;
    private final TextTokenizer tokenizer;
    private final ChatTemplate template;
    private final Set<Long> eos;
    private final int context;
    /** Batched decode steps across concurrent generations, or null (each generation steps alone). */
    private final StepBatcher batcher;

    GenerativeModel(DecoderSession decoder, TextTokenizer tokenizer, ChatTemplate template, Set<Long> eos,
            int context, long bytes, StepBatcher batcher) {
        super("augur_huggingface_generate", INPUTS, OUTPUTS, bytes);
        this.batcher = batcher;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.template = template;
        this.eos = eos;
        this.context = context;
    }

    @Override
    public List<String> promptInputs() {
        return List.of(Generate.TEXT_INPUT, Generate.MESSAGES);
    }

    /** The plain V2 path without parameters: generation with the defaults. */
    @Override
    public List<Tensor> infer(List<Tensor> inputs, List<String> outputs) throws Exception {
        return generate(inputs.get(0), Generate.Parameters.DEFAULTS, null).toOutputs(outputs);
    }

    @Override
    public Generate.Result generate(Tensor input, Generate.Parameters p, Sink sink) throws Exception {
        long[] prompt = prompt(input);
        if (prompt.length == 0) {
            throw InferenceException.invalid("the prompt is empty");
        }
        int room = context - prompt.length;
        if (room <= 0) {
            throw InferenceException.invalid("the prompt has " + prompt.length + " tokens; this model's context is "
                    + context + " tokens");
        }
        if (p.maxTokens() != null && p.maxTokens() > room) {
            throw InferenceException.invalid("this model's maximum context length is " + context + " tokens, but "
                    + (prompt.length + p.maxTokens()) + " were requested (" + prompt.length + " in the prompt, "
                    + p.maxTokens() + " to generate): lower max_tokens or shorten the prompt");
        }
        int limit = p.maxTokens() != null ? p.maxTokens() : room;
        Sampler sampler = new Sampler(p.temperature() == null ? 1.0 : p.temperature(),
                p.topK() == null ? 0 : p.topK(), p.topP() == null ? 1.0 : p.topP(),
                p.seed() == null ? ThreadLocalRandom.current().nextLong() : p.seed());
        StopText text = new StopText(p.stop());
        StreamDecoder detok = new StreamDecoder(tokenizer);
        int generated = 0;
        String finish = "length";
        StepBatcher.Seq seq = null;
        try (DecoderSession.Cache cache = decoder.cache()) {
            long[] next = prompt;
            while (generated < limit) {
                float[] logits;
                if (seq != null) {
                    logits = batcher.step(seq, next[0]);
                } else {
                    logits = cache.step(next);
                    if (batcher != null) {
                        // The prompt ran alone; the next steps run batched with the other generations.
                        seq = batcher.join(cache);
                        cache.close();
                    }
                }
                int token = sampler.next(logits);
                if (eos.contains((long) token)) {
                    finish = "stop";
                    break;
                }
                generated++;
                if (text.add(detok.add(token))) {
                    finish = "stop";
                    break;
                }
                String piece = text.releasable();
                if (sink != null && !piece.isEmpty()
                        && !sink.accept(new Generate.Result(piece, "", prompt.length, generated))) {
                    return new Generate.Result(text.text(), "cancelled", prompt.length, generated);
                }
                next = new long[] {token};
            }
        } finally {
            if (seq != null) {
                batcher.leave();
            }
        }
        if (!finish.equals("stop") || !text.stopped()) {
            if (text.add(detok.flush())) {
                finish = "stop";
            }
        }
        String rest = text.rest();
        if (sink != null) {
            sink.accept(new Generate.Result(rest, finish, prompt.length, generated));
        }
        return new Generate.Result(text.text(), finish, prompt.length, generated);
    }

    private long[] prompt(Tensor input) {
        String value = new String(input.elements()[0], StandardCharsets.UTF_8);
        if (input.name().equals(Generate.MESSAGES)) {
            if (template == null) {
                throw InferenceException.invalid("this model has no chat template (chat_template in "
                        + "tokenizer_config.json): send a prompt as text_input (/completions) instead");
            }
            // The template writes the special tokens itself (as apply_chat_template's add_special_tokens=False).
            return tokenizer.encode(template.render(Generate.decodeMessages(input.elements()[0])), false);
        }
        return tokenizer.encode(value, true);
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
        }
        decoder.close();
        tokenizer.close();
    }
}
