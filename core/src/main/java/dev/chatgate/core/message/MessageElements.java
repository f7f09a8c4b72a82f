package dev.chatgate.core.message;

import dev.chatgate.model.TIMMsgElement;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed access to a message body by MsgType, never by index (Tencent does not promise element order).
 * The content class is the generated model named after the MsgType: {@code all(TIMTextElem.class)}
 * returns the contents of every {@code TIMTextElem} element.
 */
public final class MessageElements {

    private final List<TIMMsgElement> elements;
    private final ObjectMapper mapper;

    private MessageElements(List<TIMMsgElement> elements, ObjectMapper mapper) {
        this.elements = elements == null ? List.of() : List.copyOf(elements);
        this.mapper = mapper;
    }

    public static MessageElements of(List<TIMMsgElement> msgBody) {
        return new MessageElements(msgBody, dev.chatgate.core.binding.ModelMapper.shared());
    }

    public static MessageElements of(List<TIMMsgElement> msgBody, ObjectMapper mapper) {
        return new MessageElements(msgBody, mapper);
    }

    /** The contents of every element whose MsgType is the simple name of {@code contentType}. */
    public <T> List<T> all(Class<T> contentType) {
        String msgType = contentType.getSimpleName();
        List<T> out = new ArrayList<>();
        for (TIMMsgElement element : elements) {
            if (msgType.equals(element.getMsgType())) {
                out.add(convert(element.getMsgContent(), contentType));
            }
        }
        return out;
    }

    public <T> Optional<T> first(Class<T> contentType) {
        List<T> found = all(contentType);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public boolean contains(String msgType) {
        return elements.stream().anyMatch(e -> Objects.equals(msgType, e.getMsgType()));
    }

    /** The MsgType of each element, in the order received. */
    public List<String> types() {
        return elements.stream().map(TIMMsgElement::getMsgType).toList();
    }

    /** The text of every TIMTextElem joined without separator, as clients display them. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (dev.chatgate.model.TIMTextElem text : all(dev.chatgate.model.TIMTextElem.class)) {
            if (text.getText() != null) {
                out.append(text.getText());
            }
        }
        return out.toString();
    }

    public int size() {
        return elements.size();
    }

    private <T> T convert(Object content, Class<T> type) {
        if (type.isInstance(content)) {
            return type.cast(content);
        }
        try {
            return mapper.readValueFromTree(mapper.writeValueToTree(content), type);
        } catch (IOException e) {
            throw new UncheckedIOException("MsgContent does not fit " + type.getSimpleName(), e);
        }
    }
}
