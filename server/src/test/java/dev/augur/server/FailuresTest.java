package dev.augur.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void unwrapsNestedFutureWrappersOfBothKinds() {
        InferenceException cause = InferenceException.notFound("model 'x' not found");
        Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(cause)));
        assertSame(cause, Failures.unwrap(wrapped));
    }

    @Test
    void keepsAWrapperThatCarriesNoCause() {
        CompletionException bare = new CompletionException("no cause", null);
        assertSame(bare, Failures.unwrap(bare));
    }

    @Test
    void keepsAFailureThatIsNoWrapper() {
        IllegalStateException e = new IllegalStateException("x");
        assertSame(e, Failures.unwrap(e));
    }

    @Test
    void anUnexpectedFailureBecomesInternalNamedByItsClassOnly() {
        InferenceException e = Failures.toInference(new CompletionException(new IllegalStateException("secret")),
                "internal error: ");
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertEquals("internal error: IllegalStateException", e.getMessage());
    }

    @Test
    void anInferenceExceptionIsKeptAsItIs() {
        InferenceException cause = InferenceException.invalid("bad shape");
        assertSame(cause, Failures.toInference(new ExecutionException(cause), "internal error: "));
    }
}
