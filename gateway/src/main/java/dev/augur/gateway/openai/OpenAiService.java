package dev.augur.gateway.openai;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.client.StreamRequest;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.RoutedStream;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Target;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.generate.Generate;
import dev.augur.protocol.openai.OpenAi;
import dev.augur.protocol.openai.OpenAiCodec;
import dev.augur.server.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenAI API's data plane: the {@code model} field names the InferenceService; embeddings are one V2
 * ModelInfer with the texts, a generation one V2 ModelInfer per choice (Triton's generate convention; {@code n}
 * choices differ by seed: seed + i), a streamed generation one {@code ModelStreamInfer} per choice, its pieces
 * turned into OpenAI chunks as they arrive.
 */
@ApplicationScoped
public class OpenAiService {
    private final Router router;
    private final ServiceCatalog catalog;

    public OpenAiService(Router router, ServiceCatalog catalog) {
        this.router = router;
        this.catalog = catalog;
    }

    /** Where streamed chunks go (the transport frames them as server-sent events). */
    public interface Chunks {
        void chunk(byte[] json);

        /** The stream is over; {@code error} is null when it ended well. */
        void end(InferenceException error);

        /** Called once with what to run when the client goes away. */
        void onCancel(Runnable cancel);
    }

    public List<String> models() {
        return catalog.services().stream().map(InferenceService::name).toList();
    }

    public CompletableFuture<byte[]> embeddings(Exchange ex, OpenAi.EmbeddingsRequest r) {
        Target t = resolve(ex, r.model());
        InferenceRequest request = new InferenceRequest(ex.requestId(), t.model(), null, null,
                List.of(Tensor.ofStrings(Generate.TEXT, new long[] {r.input().size()}, r.input().toArray(String[]::new))),
                List.of(), false);
        return router.infer(ex, t, Payload.of(request), null).thenApply(response -> {
            Tensor e = response.output(Generate.EMBEDDING);
            if (e == null || e.shape().length != 2) {
                throw new OpenAi.Error(ErrorCode.INVALID_ARGUMENT, "model '" + r.model() + "' is not an embedding "
                        + "model (it answered no 'embedding' output)", "model", null);
            }
            int dim = (int) e.shape()[1];
            if (r.dimensions() != null && r.dimensions() != dim) {
                throw OpenAi.Error.invalid("dimensions", "model '" + r.model() + "' answers " + dim
                        + " dimensions; it cannot shorten its vectors to " + r.dimensions());
            }
            float[] v = new float[e.size()];
            e.data().asFloatBuffer().get(v);
            long tokens = 0;
            Tensor counts = response.output(Generate.NUM_INPUT_TOKENS);
            for (int i = 0; counts != null && i < counts.size(); i++) {
                tokens += counts.getLong(i);
            }
            return OpenAiCodec.encodeEmbeddings(r.model(), v, dim, r.base64(), tokens);
        });
    }

    /** A whole completion or chat completion. */
    public CompletableFuture<byte[]> generate(Exchange ex, OpenAi.GenerationRequest r) {
        Target t = resolve(ex, r.model());
        List<InferenceRequest> calls = calls(ex, t, r);
        List<CompletableFuture<Generate.Result>> results = new ArrayList<>();
        for (InferenceRequest c : calls) {
            results.add(router.infer(ex, t, Payload.of(c), null).thenApply(Generate.Result::fromResponse));
        }
        long created = System.currentTimeMillis() / 1000;
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(x -> {
            List<OpenAi.Choice> choices = new ArrayList<>();
            long prompt = 0;
            long completion = 0;
            for (int i = 0; i < results.size(); i++) {
                Generate.Result g = results.get(i).join();
                String text = r.echo() ? r.prompts().get(i / r.n()) + g.text() : g.text();
                choices.add(new OpenAi.Choice(i, text, g.finishReason()));
                // The prompt counts once per prompt, not per choice (as OpenAI counts n).
                prompt += i % r.n() == 0 ? g.promptTokens() : 0;
                completion += g.completionTokens();
            }
            return OpenAiCodec.encodeGeneration(r.chat(), id(r, ex), r.model(), created, choices,
                    new OpenAi.Usage(prompt, completion));
        });
    }

    /**
     * Streams a completion or chat completion: chunks as tokens arrive, then the usage chunk when asked for, then
     * the end. A failure before the first chunk ends the stream with that error (the transport can still answer
     * with its status); a later one ends it after what was sent.
     */
    public void stream(Exchange ex, OpenAi.GenerationRequest r, Chunks out) {
        Target t = resolve(ex, r.model());
        List<InferenceRequest> calls = calls(ex, t, r);
        String id = id(r, ex);
        long created = System.currentTimeMillis() / 1000;
        AtomicInteger open = new AtomicInteger(calls.size());
        AtomicLong prompt = new AtomicLong();
        AtomicLong completion = new AtomicLong();
        List<RoutedStream<?>> running = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Object lock = new Object();
        out.onCancel(() -> running.forEach(RoutedStream::cancel));
        for (int i = 0; i < calls.size(); i++) {
            int index = i;
            boolean[] first = {true};
            long[] seen = {0, 0};
            try {
                RoutedStream<?> call = router.stream(ex, t, StreamRequest.of(calls.get(index)),
                        Pieces.of(t.service().name(), new Pieces.Listener() {
                                @Override
                                public void piece(Generate.Result p) {
                                    seen[0] = p.promptTokens();
                                    seen[1] = p.completionTokens();
                                    String text = p.text();
                                    if (first[0] && r.echo()) {
                                        text = r.prompts().get(index / r.n()) + text;
                                    }
                                    if (text.isEmpty() && !p.finished() && !first[0]) {
                                        return;
                                    }
                                    byte[] chunk;
                                    if (r.chat() && first[0] && p.finished()) {
                                        // The role chunk first, then the finish: what OpenAI sends for an empty answer.
                                        synchronized (lock) {
                                            out.chunk(OpenAiCodec.encodeChunk(true, id, r.model(), created, index,
                                                    text, true, null));
                                        }
                                        chunk = OpenAiCodec.encodeChunk(true, id, r.model(), created, index, "",
                                                false, p.finishReason());
                                    } else {
                                        chunk = OpenAiCodec.encodeChunk(r.chat(), id, r.model(), created, index, text,
                                                first[0], p.finished() ? p.finishReason() : null);
                                    }
                                    first[0] = false;
                                    synchronized (lock) {
                                        if (!finished.get()) {
                                            out.chunk(chunk);
                                        }
                                    }
                                }

                                @Override
                                public void done() {
                                    if (index % r.n() == 0) {
                                        prompt.addAndGet(seen[0]);
                                    }
                                    completion.addAndGet(seen[1]);
                                    if (open.decrementAndGet() == 0 && finished.compareAndSet(false, true)) {
                                        synchronized (lock) {
                                            if (r.includeUsage()) {
                                                out.chunk(OpenAiCodec.encodeUsageChunk(r.chat(), id, r.model(), created,
                                                        new OpenAi.Usage(prompt.get(), completion.get())));
                                            }
                                            out.end(null);
                                        }
                                    }
                                }

                                @Override
                                public void failed(InferenceException e) {
                                    fail(out, finished, e, running);
                                }
                            }));
                // A cancelled call reports nothing more; the Router releases its lease.
                running.add(call);
            } catch (RuntimeException e) {
                fail(out, finished, unwrap(e), running);
            }
        }
    }

    private static void fail(Chunks out, java.util.concurrent.atomic.AtomicBoolean finished, InferenceException e,
            List<RoutedStream<?>> running) {
        if (finished.compareAndSet(false, true)) {
            running.forEach(RoutedStream::cancel);
            out.end(e);
        }
    }

    static InferenceException unwrap(Throwable t) {
        return Failures.toInference(t, "internal error: ");
    }

    /** One V2 generate request per choice: per prompt (completions) times n. */
    private static List<InferenceRequest> calls(Exchange ex, Target t, OpenAi.GenerationRequest r) {
        List<InferenceRequest> out = new ArrayList<>();
        int prompts = r.chat() ? 1 : r.prompts().size();
        for (int p = 0; p < prompts; p++) {
            for (int i = 0; i < r.n(); i++) {
                Generate.Parameters params = r.parameters().seed() == null ? r.parameters()
                        : r.parameters().withSeed(r.parameters().seed() + i);
                String callId = ex.requestId() + "-" + (p * r.n() + i);
                out.add(r.chat() ? Generate.chatRequest(callId, t.model(), r.messages(), params)
                        : Generate.promptRequest(callId, t.model(), r.prompts().get(p), params));
            }
        }
        return out;
    }

    private static String id(OpenAi.GenerationRequest r, Exchange ex) {
        return (r.chat() ? "chatcmpl-" : "cmpl-") + ex.requestId();
    }

    /** The InferenceService the {@code model} field names; OpenAI's 404 {@code model_not_found} when none. */
    private Target resolve(Exchange ex, String model) {
        try {
            return router.resolve(ex, null, model);
        } catch (InferenceException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new OpenAi.Error(ErrorCode.NOT_FOUND, "The model '" + model + "' does not exist", "model",
                        "model_not_found");
            }
            throw e;
        }
    }

}
