package io.vaani.api.rbac;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access an endpoint requires, checked by {@link AccessFilter} before the method runs. Every
 * endpoint under {@code /v1} must carry one; one without it is refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Requires {
    Access value();
}
