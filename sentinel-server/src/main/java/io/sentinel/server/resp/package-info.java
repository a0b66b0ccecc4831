/**
 * The client-facing RESP server (port 26379): the Netty pipeline (decoder with inline commands, {@code RespLimits},
 * {@code CommandHandler}), our RESP2/RESP3 encoder of {@code reply} values, the command table and dispatcher, and the
 * commands answered on the client's event loop (connection, CLIENT, ACL, pub/sub, COMMAND); SENTINEL commands go to the
 * core through the {@code command} package's handler. It may depend on sentinel-core (config, glob matching),
 * {@code reply}, {@code command} (the SENTINEL handler, the error texts, INFO's stats records), {@code config} (ACL
 * rule tokens), {@code tls} and {@code transport}; not on {@code runtime}: the daemon hands it its event loops and
 * clock.
 */
package io.sentinel.server.resp;
