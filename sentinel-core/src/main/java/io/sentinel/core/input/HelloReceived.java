package io.sentinel.core.input;

/**
 * A message on {@code __sentinel__:hello}: received on an instance's pub/sub link, or published to us by a peer.
 * {@code payload} is {@code ip,port,runid,current_epoch,master_name,master_ip,master_port,master_config_epoch}.
 */
public record HelloReceived(String payload) implements Input { }
