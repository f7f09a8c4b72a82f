package dev.chatgate.server.config;

import dev.chatgate.core.binding.PayloadBinder;
import dev.chatgate.core.decision.DecisionEncoder;
import dev.chatgate.core.spec.CallbackSpec;
import dev.chatgate.core.spec.CommandRegistry;
import dev.chatgate.core.validation.PayloadValidator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The core pieces as beans, built at start-up (not on the first callback: compiling every schema then would
 * miss Tencent's 2 s deadline) from the spec shipped in the api-spec jar.
 */
@Factory
final class CoreBeans {

    @Context
    CommandRegistry commandRegistry() {
        return CommandRegistry.bundled();
    }

    @Context
    PayloadValidator payloadValidator() {
        return PayloadValidator.bundled();
    }

    @Singleton
    PayloadBinder payloadBinder(ObjectMapper mapper) {
        return new PayloadBinder(mapper);
    }

    @Singleton
    DecisionEncoder decisionEncoder(ObjectMapper mapper) {
        return new DecisionEncoder(mapper);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    CallbackSpec callbackSpec() {
        return CallbackSpec.bundled();
    }
}
