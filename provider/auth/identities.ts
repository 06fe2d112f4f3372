// Which identity a call runs as. Webinar and question writes need the delegated identity (Graph has
// no application permission for them); anonymous registrations need the application identity (a
// delegated token registers the signed-in user instead). Each identity has one cached token per
// process (one per deployment); a missing or wrong one fails before any request, naming the identity
// and how to configure it.
import type { TokenSource } from "../graph/client";
import type { ProviderContext } from "../runtime";
import { waysToConfigure } from "./credentials";
import { CachedTokenSource } from "./tokenCache";
import { createUserCredential, userCredentialFailure, waysToConfigureUser } from "./userCredential";

export type Identity = "delegated" | "application";

export class IdentityError extends Error {
  override readonly name = "IdentityError";
}

/** One delegated token source per provider context (so one cached token per deployment), made on first use. */
const userSources = new WeakMap<ProviderContext, TokenSource | undefined>();

/** The delegated identity's tokens, or undefined when none is configured. */
export function userTokensOf(ctx: ProviderContext): TokenSource | undefined {
  if (ctx.userTokens) return ctx.userTokens;
  if (!userSources.has(ctx)) {
    const user = ctx.config.userCredential;
    const scope = ctx.config.cloud.scope;
    userSources.set(ctx, user && new CachedTokenSource(createUserCredential(ctx.config, user), scope, user.source, (cause) => userCredentialFailure(user, scope, cause)));
  }
  return userSources.get(ctx);
}

/** The token source for `identity`, checked to hold that kind of token; `operation` is a verb phrase for the message. */
export async function tokensFor(ctx: ProviderContext, identity: Identity, operation: string): Promise<TokenSource> {
  const application = ctx.client.tokenSource;
  if (identity === "delegated") {
    // Without a delegated identity of its own, a static msgraph:accessToken may itself be a user's.
    const source = userTokensOf(ctx) ?? (ctx.config.credential.kind === "accessToken" ? application : undefined);
    if (!source) {
      throw new IdentityError(
        `Could not ${operation}: Microsoft Graph does this only on behalf of a signed-in user (the webinar's organizer; co-organizers may update), and no delegated identity is configured. ` +
          `Microsoft offers no application permission for it.\n${waysToConfigureUser}`,
      );
    }
    const token = await source.getToken();
    if (token.kind === "app") {
      throw new IdentityError(
        `Could not ${operation}: it needs a delegated (signed-in user) token, and ${source.source} holds an application token. Configure the delegated identity beside the application one:\n${waysToConfigureUser}`,
      );
    }
    return source;
  }
  const token = await application.getToken();
  if (token.kind === "delegated") {
    throw new IdentityError(
      `Could not ${operation}: it needs an application token (a delegated one would register the signed-in user, not this person), and ${application.source} holds a delegated token. ` +
        `Configure the application identity (an app with VirtualEventRegistration-Anon.ReadWrite.All) and put the user's token in msgraph:userAccessToken instead.\n${waysToConfigure}`,
    );
  }
  return application;
}

/** For reads, which either identity may do: the delegated one when configured (the organizer sees everything), else the application. */
export function readerTokens(ctx: ProviderContext): TokenSource {
  return userTokensOf(ctx) ?? ctx.client.tokenSource;
}
