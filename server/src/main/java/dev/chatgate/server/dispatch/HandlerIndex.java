package dev.chatgate.server.dispatch;

import dev.chatgate.api.BeforeCallbackHandler;
import dev.chatgate.api.AfterCallbackListener;
import dev.chatgate.core.spec.CommandDescriptor;
import dev.chatgate.core.spec.CommandRegistry;
import io.micronaut.context.BeanContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every handler and listener bean, indexed by command once at start-up; never looked up per request. */
@Context
public final class HandlerIndex {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerIndex.class);

    private final Map<String, BeforeCallbackHandler<?, ?>> handlers = new HashMap<>();
    private final Map<String, List<AfterCallbackListener<?>>> listeners = new HashMap<>();

    @SuppressWarnings({"rawtypes", "unchecked"})
    public HandlerIndex(BeanContext context, CommandRegistry registry) {
        Map<Class<?>, CommandDescriptor> byModel = new HashMap<>();
        registry.all().forEach(d -> byModel.put(d.requestModel(), d));
        for (BeanDefinition<BeforeCallbackHandler> definition : context.getBeanDefinitions(BeforeCallbackHandler.class)) {
            CommandDescriptor command = commandOf(definition, BeforeCallbackHandler.class, byModel);
            if (!command.isBefore()) {
                throw new ConfigurationException(definition.getBeanType().getName() + " decides " + command.command()
                        + ", an after-callback whose answer Tencent ignores: implement AfterCallbackListener instead");
            }
            BeforeCallbackHandler<?, ?> existing = handlers.putIfAbsent(command.command(), context.getBean(definition));
            if (existing != null) {
                throw new ConfigurationException("Two decision handlers for " + command.command() + ": "
                        + existing.getClass().getName() + " and " + definition.getBeanType().getName()
                        + "; a before-callback has exactly one answer, keep one handler");
            }
        }
        for (BeanDefinition<AfterCallbackListener> definition : context.getBeanDefinitions(AfterCallbackListener.class)) {
            CommandDescriptor command = commandOf(definition, AfterCallbackListener.class, byModel);
            listeners.computeIfAbsent(command.command(), c -> new ArrayList<>()).add(context.getBean(definition));
        }
        LOG.info("{} decision handler(s), {} listener(s) for {} command(s)", handlers.size(),
                listeners.values().stream().mapToInt(List::size).sum(), listeners.size());
    }

    private static CommandDescriptor commandOf(BeanDefinition<?> definition, Class<?> contract,
                                               Map<Class<?>, CommandDescriptor> byModel) {
        List<Argument<?>> arguments = definition.getTypeArguments(contract);
        Class<?> model = arguments.isEmpty() ? Object.class : arguments.get(0).getType();
        CommandDescriptor command = byModel.get(model);
        if (command == null) {
            throw new ConfigurationException(definition.getBeanType().getName() + " implements "
                    + contract.getSimpleName() + " for " + model.getName()
                    + ", which is not the request model of any command (use e.g. GroupCallbackAfterSendMsg)");
        }
        return command;
    }

    public Optional<BeforeCallbackHandler<?, ?>> handlerFor(String command) {
        return Optional.ofNullable(handlers.get(command));
    }

    public List<AfterCallbackListener<?>> listenersFor(String command) {
        return listeners.getOrDefault(command, List.of());
    }
}
