// The delegated (signed-in user) identity, beside the application one in credentials.ts: Microsoft
// Graph creates and changes webinars only on behalf of a user (their organizer), while anonymous
// registrations need the application. Three ways, chosen in config.ts: a static token, device code
// with a persisted cache (workstations), and the Azure CLI's signed-in user.
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { AzureCliCredential, DeviceCodeCredential } from "@azure/identity";
import type { ProviderConfig, UserCredentialSettings } from "../config";
import { notice } from "../graph/log";
import { CredentialError, StaticTokenCredential, tokenRetryOptions } from "./credentials";
import { defaultTokenCacheDir, readRecord, recordFile, useFileTokenCache, writeRecord } from "./fileTokenCache";

/** Every way to configure the delegated identity, for the errors that need one. */
export const waysToConfigureUser = [
  "Ways to configure the delegated (signed-in user) identity (stack config, or the environment variable after it):",
  "  - a user token:  `pulumi config set --secret msgraph:userAccessToken <token>` (MSGRAPH_USER_ACCESS_TOKEN), e.g. from `az account get-access-token --resource-type ms-graph`",
  "  - device code:   `pulumi config set msgraph:userCredential deviceCode` (MSGRAPH_USER_CREDENTIAL) [+ msgraph:userClientId <public client app id>]: sign in once; the token cache is kept in msgraph:userTokenCacheDir",
  "  - Azure CLI:     `pulumi config set msgraph:userCredential azureCli` after `az login` as the organizer",
].join("\n");

const kindNames: Record<UserCredentialSettings["kind"], string> = {
  userAccessToken: "a static user token",
  deviceCode: "a device-code sign-in",
  azureCli: "the Azure CLI's signed-in user",
};

export function createUserCredential(config: ProviderConfig, user: UserCredentialSettings): TokenCredential {
  switch (user.kind) {
    case "userAccessToken":
      return new StaticTokenCredential(user.token, user.source, "msgraph:userAccessToken", `.\n${waysToConfigureUser}`);
    case "azureCli":
      return new AzureCliCredential(user.tenantId ? { tenantId: user.tenantId } : {});
    case "deviceCode":
      return new PersistedDeviceCodeCredential(config, user);
  }
}

/**
 * Device code whose sign-in outlives the process: the MSAL cache goes to a private file and the
 * AuthenticationRecord beside it, so the next deployment gets its token silently (refresh token)
 * and the user is prompted only when the cache has nothing usable.
 */
class PersistedDeviceCodeCredential implements TokenCredential {
  private readonly file: string;
  private credential: DeviceCodeCredential;

  constructor(
    private readonly config: ProviderConfig,
    private readonly user: Extract<UserCredentialSettings, { kind: "deviceCode" }>,
  ) {
    useFileTokenCache();
    const cacheDir = user.cacheDir ?? defaultTokenCacheDir();
    this.file = recordFile(cacheDir, user.clientId, user.tenantId);
    this.credential = this.build(cacheDir, readRecord(this.file));
  }

  private build(cacheDir: string, record: ReturnType<typeof readRecord>): DeviceCodeCredential {
    return new DeviceCodeCredential({
      tenantId: this.user.tenantId,
      clientId: this.user.clientId,
      authorityHost: this.config.authorityHost,
      disableInstanceDiscovery: this.config.customAuthority,
      retryOptions: tokenRetryOptions,
      // cacheDir is read by our persistence (fileTokenCache.ts); @azure/identity passes it through.
      tokenCachePersistenceOptions: { enabled: true, name: "msgraph-meetings-user", cacheDir } as { enabled: true; name: string },
      ...(record ? { authenticationRecord: record } : {}),
      // Inside `pulumi up` the engine shows the provider's stderr lines: the prompt reaches the user there.
      userPromptCallback: (info) => notice(`sign in as the webinar organizer: ${info.message}`),
    });
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    if (!readRecord(this.file)) {
      // First sign-in on this workstation: authenticate() prompts once and returns the record
      // that lets later processes use the cached tokens.
      const record = await this.credential.authenticate(scopes, options);
      if (record) writeRecord(this.file, record);
    }
    return this.credential.getToken(scopes, options);
  }
}

/** The error when the delegated identity could not get a token: what was tried, why, how to fix. */
export function userCredentialFailure(user: UserCredentialSettings, scope: string, cause: unknown): Error {
  if (cause instanceof CredentialError) return cause;
  const message = (cause instanceof Error ? cause.message : String(cause)).split(/\r?\n/)[0].slice(0, 400);
  const hint =
    user.kind === "azureCli"
      ? "Run `az login` as the webinar organizer (the Azure CLI must be installed and on PATH)."
      : user.kind === "deviceCode"
        ? "Sign in again when prompted; the public client app (msgraph:userClientId) must allow public client flows and the delegated permission VirtualEvent.ReadWrite."
        : "";
  return new CredentialError(
    `Could not get a delegated Microsoft Graph token (scope ${scope}) with ${kindNames[user.kind]} (from ${user.source}): ${message}\n${hint ? `${hint}\n` : ""}${waysToConfigureUser}`,
  );
}
