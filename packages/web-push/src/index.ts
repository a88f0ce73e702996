// @buzz/web-push: standards-exact Web Push for Workers and Node (WebCrypto only).
//   RFC 8291 + RFC 8188 aes128gcm encryption, RFC 8292 VAPID (ES256, cached per push-service origin),
//   RFC 8030 request headers (TTL, Urgency, Topic), subscription and endpoint allow-list validation.

export { base64urlDecode, base64urlEncode } from "./bytes/index.js";
export {
  type EncryptOptions,
  encryptPayload,
  MAX_PLAINTEXT,
  RECORD_SIZE,
  type Receiver,
  type SenderKeys,
  type WebCryptoKey,
} from "./encryption/index.js";
export { WebPushError, type WebPushErrorCode } from "./errors.js";
export {
  buildPushRequest,
  type PushRequest,
  type PushRequestOptions,
  URGENCIES,
  type Urgency,
} from "./request/index.js";
export {
  type EndpointAllowList,
  endpointAllowList,
  type PushSubscriptionJSON,
  type ValidSubscription,
  validateSubscription,
} from "./subscription/index.js";
export { assertTopic, isValidTopic, topicFromTag } from "./topic/index.js";
export {
  type EcPrivateJwk,
  generateVapidKeys,
  importVapidKeys,
  MAX_VAPID_LIFETIME_SECONDS,
  signVapidJwt,
  type VapidAuthorizer,
  type VapidClaims,
  type VapidKeyInput,
  type VapidKeys,
  type VapidOptions,
  VapidTokenCache,
  vapidAuthorization,
} from "./vapid/index.js";
