package dev.chatgate.core.binding;

import dev.chatgate.core.spec.CommandDescriptor;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;

/** Reads a raw body into its command's generated model. Unknown fields are ignored, the raw text is not lost. */
public final class PayloadBinder {

    private final ObjectMapper mapper;

    public PayloadBinder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Object bind(CommandDescriptor command, String rawJson) throws PayloadBindingException {
        return bind(command.requestModel(), command.command(), rawJson);
    }

    public <T> T bind(Class<T> model, String command, String rawJson) throws PayloadBindingException {
        try {
            return mapper.readValue(rawJson, model);
        } catch (IOException | RuntimeException e) {
            throw new PayloadBindingException(command, model, e);
        }
    }
}
