// Throwaway credentials of the native push services, shaped like the real ones: a Firebase service-account
// JSON key file (RSA, PKCS #8) and an APNs auth key (.p8: P-256, PKCS #8) with its key id, team id and topic.
import { generateKeyPairSync, randomBytes } from "node:crypto";

export interface ServiceAccountJSON {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

export function serviceAccount(
  tokenUri: string,
  projectId = `buzz-e2e-${randomBytes(3).toString("hex")}`,
): { json: ServiceAccountJSON; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    json: {
      type: "service_account",
      project_id: projectId,
      private_key_id: randomBytes(20).toString("hex"),
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: `firebase-adminsdk@${projectId}.iam.gserviceaccount.com`,
      client_id: String(BigInt(`0x${randomBytes(8).toString("hex")}`)),
      token_uri: tokenUri,
    },
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export interface ApnsCredentials {
  key: string;
  keyId: string;
  teamId: string;
  topic: string;
  publicKey: string;
}

export function apnsCredentials(): ApnsCredentials {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const id = () => randomBytes(8).toString("hex").toUpperCase().slice(0, 10);
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    keyId: id(),
    teamId: id(),
    topic: "com.buzz.fans",
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
