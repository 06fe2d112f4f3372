// Device authorization grant (RFC 8628) state: codes handed out by /devicecode, waiting for a user
// to approve them (at once when auto-approval is on, else through the admin API), then redeemed
// once at the token endpoint. In memory: a pending sign-in does not outlive the process.
import { randomBytes } from "node:crypto";

export interface DeviceCodeEntry {
  deviceCode: string;
  userCode: string;
  clientId: string;
  tenantId: string;
  scope: string;
  expiresAt: number; // epoch ms
  approvedUserId?: string;
}

export type DeviceCodePoll =
  | { status: "approved"; entry: DeviceCodeEntry; userId: string }
  | { status: "pending"; entry: DeviceCodeEntry }
  | { status: "expired"; entry: DeviceCodeEntry }
  | { status: "unknown" };

// No vowels or look-alikes, as user codes are typed by people.
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";

function userCode(): string {
  const bytes = randomBytes(9);
  return Array.from(bytes, (b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join("");
}

export class DeviceCodes {
  private readonly byDeviceCode = new Map<string, DeviceCodeEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  create(clientId: string, tenantId: string, scope: string, lifetimeSeconds: number): DeviceCodeEntry {
    this.sweep();
    const entry: DeviceCodeEntry = {
      deviceCode: randomBytes(32).toString("base64url"),
      userCode: userCode(),
      clientId,
      tenantId,
      scope,
      expiresAt: this.now() + lifetimeSeconds * 1000,
    };
    this.byDeviceCode.set(entry.deviceCode, entry);
    return entry;
  }

  /** Approves a pending, unexpired code; false when there is none with that user code. */
  approve(userCodeValue: string, userId: string): boolean {
    const wanted = userCodeValue.replace(/[\s-]/g, "").toUpperCase();
    for (const entry of this.byDeviceCode.values()) {
      if (entry.userCode === wanted && entry.approvedUserId === undefined && entry.expiresAt > this.now()) {
        entry.approvedUserId = userId;
        return true;
      }
    }
    return false;
  }

  find(userCodeValue: string): DeviceCodeEntry | undefined {
    const wanted = userCodeValue.replace(/[\s-]/g, "").toUpperCase();
    return [...this.byDeviceCode.values()].find((e) => e.userCode === wanted);
  }

  pending(): DeviceCodeEntry[] {
    const now = this.now();
    return [...this.byDeviceCode.values()].filter((e) => e.approvedUserId === undefined && e.expiresAt > now);
  }

  /** One poll of the token endpoint. An approved code is redeemed (removed) by the poll that sees it. */
  poll(deviceCode: string, clientId: string): DeviceCodePoll {
    const entry = this.byDeviceCode.get(deviceCode);
    if (!entry || entry.clientId.toLowerCase() !== clientId.toLowerCase()) return { status: "unknown" };
    if (entry.expiresAt <= this.now()) return { status: "expired", entry };
    if (entry.approvedUserId === undefined) return { status: "pending", entry };
    this.byDeviceCode.delete(deviceCode);
    return { status: "approved", entry, userId: entry.approvedUserId };
  }

  /** Drops codes expired for more than an hour (a late poll still gets expired_token before that). */
  private sweep(): void {
    const cutoff = this.now() - 3600_000;
    for (const [code, entry] of this.byDeviceCode) if (entry.expiresAt < cutoff) this.byDeviceCode.delete(code);
  }
}
