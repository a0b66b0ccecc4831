/**
 * Failure detection: subjectively down (silence longer than down-after), objectively down (a quorum of peers
 * agrees), and TILT (the clock jumped or the process stalled). Computes and flags; depends on {@code monitor}.
 */
package io.sentinel.core.detect;
