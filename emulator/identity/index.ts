// The emulated Microsoft identity platform (Entra ID v2 endpoints). Placeholder signature: the
// implementation lives in this folder.
import type { IdentityContext, IdentityPlatform } from "../types";

export function createIdentityPlatform(_ctx: IdentityContext): IdentityPlatform {
  throw new Error("identity platform not implemented yet");
}
