package io.catalogbulk.core.route;

/** A streamed handler named statically (bean type + method), resolved through CDI at run time. */
public record StreamedRef<S>(Class<S> beanType, StreamedMethod<S> method) {
}
