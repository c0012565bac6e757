package io.catalogbulk.core.route;

/** A handler named statically (bean type + method), resolved through CDI at run time. */
public record HandlerRef<S>(Class<S> beanType, ServiceMethod<S> method) {
}
