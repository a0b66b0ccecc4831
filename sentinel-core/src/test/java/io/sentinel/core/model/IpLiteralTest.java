package io.sentinel.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verified against redis-sentinel 7.0 (SENTINEL MONITOR, then SENTINEL MASTERS for the stored address): it accepts
 * inet_aton's short and based forms through getaddrinfo and stores the dotted quad.
 */
class IpLiteralTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1,true", "0.0.0.0,true", "255.255.255.255,true", "256.0.0.1,false",
        "1.2.3.4.5,false", "1.2.3.a,false", "1..3.4,false", "' 1.2.3.4',false", "localhost,false", "'',false",
        "::1,true", "::,true", "fe80::1,true", "2001:db8:0:0:0:0:2:1,true", "2001:db8::2:1,true",
        "::ffff:10.0.0.1,true", "1:2:3:4:5:6:7:8,true", "1:2:3:4:5:6:7:8:9,false", "1::2::3,false",
        "12345::1,false", "g::1,false", "1:2:3:4:5:6:7,false"})
    void recognisesLiterals(String text, boolean ip) {
        assertEquals(ip, IpLiteral.isIp(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.1,127.0.0.1", "127.0.1,127.0.0.1", "0x7f.1,127.0.0.1", "0177.0.0.1,127.0.0.1",
        "2130706433,127.0.0.1", "127.0.0.01,127.0.0.1", "10.0.0.1,10.0.0.1", "0,0.0.0.0", "1.2.3.256,",
        "127.1.,", ".1,", "08.0.0.1,", "0x,", "1.2.3.4.5,", "4294967296,", "1.16777216,", "localhost,",
        "::1,::1", "0:0:0:0:0:0:0:1,0:0:0:0:0:0:0:1"})
    void normalisesAsGetaddrinfoDoes(String text, String stored) {
        assertEquals(stored, IpLiteral.normalize(text));
    }
}
