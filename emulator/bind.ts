// Which listen addresses stay on this machine. Anything else (0.0.0.0, ::, a LAN address, a host name
// other than localhost) lets other machines reach the emulator.
import { isIP } from "node:net";

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h.startsWith("::ffff:127.");
  return false;
}
