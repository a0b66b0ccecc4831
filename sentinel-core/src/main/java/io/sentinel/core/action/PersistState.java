package io.sentinel.core.action;

import io.sentinel.core.config.SentinelConfig;

/**
 * Write the whole configuration and runtime state durably (temp file, fsync, rename) before anything after it in
 * the batch runs. If the write fails, the shell drops the rest of the batch.
 */
public record PersistState(SentinelConfig config) implements Action { }
