// The e2e stack's side of native push: relays the stack's FCM, APNs and Expo base URLs point at, and the
// throwaway credentials it is started with. Each test file starts its own strict mocks with these credentials
// (inject("nativePush")) and points the relays at them.
import {
  type ApnsCredentials,
  apnsCredentials,
  type ServiceAccountJSON,
  serviceAccount,
} from "./credentials.js";
import { startRelay } from "./relay.js";

export interface NativePushSetup {
  relays: { fcm: string; apns: string; apnsSandbox: string; expo: string };
  fcmAccount: { json: ServiceAccountJSON; publicKey: string };
  apns: ApnsCredentials;
}

declare module "vitest" {
  export interface ProvidedContext {
    nativePush: NativePushSetup;
  }
}

export async function startNativePush() {
  const [fcm, apns, apnsSandbox, expo] = await Promise.all([
    startRelay(),
    startRelay(),
    startRelay(),
    startRelay(),
  ]);
  const fcmAccount = serviceAccount(`${fcm.url}/token`);
  const creds = apnsCredentials();
  const setup: NativePushSetup = {
    relays: { fcm: fcm.url, apns: apns.url, apnsSandbox: apnsSandbox.url, expo: expo.url },
    fcmAccount,
    apns: creds,
  };
  const vars = {
    FCM_SERVICE_ACCOUNT: JSON.stringify(fcmAccount.json),
    FCM_BASE_URL: fcm.url,
    APNS_KEY: creds.key,
    APNS_KEY_ID: creds.keyId,
    APNS_TEAM_ID: creds.teamId,
    APNS_TOPIC: creds.topic,
    APNS_BASE_URL: apns.url,
    APNS_SANDBOX_BASE_URL: apnsSandbox.url,
    EXPO_BASE_URL: expo.url,
  };
  return {
    setup,
    vars,
    close: () => Promise.all([fcm, apns, apnsSandbox, expo].map((r) => r.close())).then(() => {}),
  };
}
