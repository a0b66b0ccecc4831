/**
 * Events as clients see them on pub/sub ({@code +sdown}, {@code +switch-master}): the type with its wire name and
 * level, and the fields, from which the Redis payload is rendered in one place. Depends on {@code model}.
 */
package io.sentinel.core.event;
