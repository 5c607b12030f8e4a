package dev.augur.predictor.runtime.hf;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.generate.Generate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template: the Jinja {@code chat_template} of its {@code tokenizer_config.json}, rendered with
 * HubSpot's Jinjava the way Hugging Face's {@code apply_chat_template} renders it (trim_blocks and lstrip_blocks on;
 * {@code messages}, {@code add_generation_prompt}, the special tokens and {@code raise_exception} in scope).
 */
final class ChatTemplate {
    private static final Jinjava JINJA = jinja();

    private final String template;
    private final Map<String, Object> tokens;

    ChatTemplate(String template, Map<String, Object> specialTokens) {
        this.template = template;
        this.tokens = specialTokens;
    }

    private static Jinjava jinja() {
        Jinjava j = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withMaxOutputSize(16 * 1024 * 1024).build());
        j.registerFunction(new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raise",
                String.class));
        return j;
    }

    /** Called by templates that refuse a conversation (e.g. roles that do not alternate). */
    public static String raise(String message) {
        throw new TemplateRefusal(message);
    }

    /** The prompt for a conversation, ending with the assistant's turn opened. */
    String render(List<Generate.Message> messages) {
        List<Map<String, Object>> list = new ArrayList<>(messages.size());
        for (Generate.Message m : messages) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("role", m.role());
            o.put("content", m.content());
            list.add(o);
        }
        Map<String, Object> context = new HashMap<>(tokens);
        context.put("messages", list);
        context.put("add_generation_prompt", true);
        RenderResult r;
        try {
            r = JINJA.renderForResult(template, context);
        } catch (TemplateRefusal e) {
            throw InferenceException.invalid("the model's chat template refused the messages: " + e.getMessage());
        }
        for (TemplateError e : r.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                String why = e.getException() instanceof TemplateRefusal t ? t.getMessage() : e.getMessage();
                throw InferenceException.invalid("the model's chat template refused the messages: " + why);
            }
        }
        return r.getOutput();
    }

    private static final class TemplateRefusal extends RuntimeException {
        TemplateRefusal(String message) {
            super(message, null, false, false);
        }
    }
}
