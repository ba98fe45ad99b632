package dev.grounded.tenant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a REST endpoint needs within the tenant its path names. It is checked before the request's body is
 * read or anything is looked up, so a role without it gets 403, never a 400 or 404 that would tell it more; an
 * endpoint without it is refused to everyone. The services check again.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    Permission value();
}
