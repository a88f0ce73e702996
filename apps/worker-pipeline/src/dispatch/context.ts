// The VAPID signer and the allow-list, built once per isolate: VapidTokenCache keeps one token per push-service
// origin for hours, so every invocation of this isolate signs at most once per origin instead of once per push.
import { endpointAllowList, importVapidKeys, VapidTokenCache } from "@buzz/web-push";
import type { PushContext } from "./send.js";

export interface PushEnv {
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  VAPID_SUBJECT?: string;
  PUSH_ENDPOINT_ALLOWLIST: string;
}

let cached: { key: string; context: Promise<PushContext> } | undefined;

/** The isolate's push context for this configuration (rebuilt only if the secrets or the list change). */
export function pushContext(env: PushEnv): Promise<PushContext> {
  const key = JSON.stringify([
    env.VAPID_PUBLIC_KEY,
    env.VAPID_PRIVATE_KEY,
    env.VAPID_SUBJECT,
    env.PUSH_ENDPOINT_ALLOWLIST,
  ]);
  if (cached?.key !== key) {
    const context = build(env);
    cached = { key, context };
    // A failed build (a secret missing or wrong) is not kept: the next invocation tries again.
    context.catch(() => {
      if (cached?.context === context) cached = undefined;
    });
  }
  return cached.context;
}

async function build(env: PushEnv): Promise<PushContext> {
  if (!env.VAPID_PRIVATE_KEY || !env.VAPID_SUBJECT)
    throw new Error("VAPID_PRIVATE_KEY and VAPID_SUBJECT must be set to send pushes");
  const keys = await importVapidKeys({ privateKey: env.VAPID_PRIVATE_KEY, publicKey: env.VAPID_PUBLIC_KEY });
  const patterns = env.PUSH_ENDPOINT_ALLOWLIST.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    vapid: new VapidTokenCache({ keys, subject: env.VAPID_SUBJECT }),
    allowEndpoint: endpointAllowList(patterns),
  };
}
