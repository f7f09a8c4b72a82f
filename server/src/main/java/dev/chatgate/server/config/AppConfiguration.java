package dev.chatgate.server.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.time.Duration;
import java.util.List;

/**
 * One Tencent Cloud Chat app, configured under {@code chatgate.apps.<SdkAppid>}; every key can be overridden
 * by an environment variable ({@code CHATGATE_APPS_<SdkAppid>_TOKENS=a,b}).
 */
@EachProperty("chatgate.apps")
public final class AppConfiguration {

    private final String sdkAppId;
    private List<String> tokens = List.of();
    private Boolean requireSignature;
    private ValidationMode validation = ValidationMode.REPORT;
    private Duration deadline = Duration.ofMillis(1500);
    private TimeoutDecision timeoutDecision = TimeoutDecision.ALLOW;
    private Duration signatureMaxAge = Duration.ofMinutes(5);
    private Duration signatureMaxSkew = Duration.ofMinutes(1);

    public AppConfiguration(@Parameter String name) {
        this.sdkAppId = name;
    }

    public String sdkAppId() {
        return sdkAppId;
    }

    /** The webhook authentication tokens; two during a rotation. */
    public List<String> getTokens() {
        return tokens;
    }

    public void setTokens(List<String> tokens) {
        this.tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** Whether unsigned requests are refused; defaults to true exactly when tokens are configured. */
    public boolean isRequireSignature() {
        return requireSignature == null ? !tokens.isEmpty() : requireSignature;
    }

    public void setRequireSignature(Boolean requireSignature) {
        this.requireSignature = requireSignature;
    }

    public ValidationMode getValidation() {
        return validation;
    }

    public void setValidation(ValidationMode validation) {
        this.validation = validation;
    }

    /** How long a before-callback handler may take before the timeout decision is answered. */
    public Duration getDeadline() {
        return deadline;
    }

    public void setDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    public TimeoutDecision getTimeoutDecision() {
        return timeoutDecision;
    }

    public void setTimeoutDecision(TimeoutDecision timeoutDecision) {
        this.timeoutDecision = timeoutDecision;
    }

    public Duration getSignatureMaxAge() {
        return signatureMaxAge;
    }

    public void setSignatureMaxAge(Duration signatureMaxAge) {
        this.signatureMaxAge = signatureMaxAge;
    }

    public Duration getSignatureMaxSkew() {
        return signatureMaxSkew;
    }

    public void setSignatureMaxSkew(Duration signatureMaxSkew) {
        this.signatureMaxSkew = signatureMaxSkew;
    }
}
