package org.invitations.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs an endpoint test class on PostgreSQL (a real server from {@link Postgres}) instead of the
 * embedded Derby database: {@code @OnPostgres class RaceOnPostgresTest extends RaceTest {}} runs the
 * same tests on the second backend, with no copy of them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnPostgres {
}
