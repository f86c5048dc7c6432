package dev.citebot.server;

import java.net.InetAddress;

/**
 * Who a client is for the rate limit: its IP address (an IPv6 client by its /64, the block one
 * machine or household usually gets). Forwarded-for headers are not trusted: anyone can write them.
 */
final class ClientKey {
  private ClientKey() {}

  static long of(InetAddress address) {
    byte[] b = address.getAddress();
    long key = 0;
    for (int i = 0; i < Math.min(8, b.length); i++) {
      key = key << 8 | (b[i] & 0xff);
    }
    return b.length == 4 ? key : key ^ Long.MIN_VALUE; // keep IPv4 and IPv6 keys apart
  }
}
