// @buzz/web-push: standards-exact Web Push for Workers and Node (WebCrypto only).
//   RFC 8291 + RFC 8188 aes128gcm encryption, RFC 8292 VAPID (ES256, cached per push-service origin),
//   RFC 8030 request headers (TTL, Urgency, Topic), subscription and endpoint allow-list validation.
export { WebPushError, type WebPushErrorCode } from "./errors.js";
export { base64urlDecode, base64urlEncode } from "./bytes/index.js";
export {
  MAX_PLAINTEXT,
  RECORD_SIZE,
  encryptPayload,
  type EncryptOptions,
  type Receiver,
  type SenderKeys,
  type WebCryptoKey,
} from "./encryption/index.js";
export {
  MAX_VAPID_LIFETIME_SECONDS,
  VapidTokenCache,
  generateVapidKeys,
  importVapidKeys,
  signVapidJwt,
  vapidAuthorization,
  type EcPrivateJwk,
  type VapidAuthorizer,
  type VapidClaims,
  type VapidKeyInput,
  type VapidKeys,
  type VapidOptions,
} from "./vapid/index.js";
export { assertTopic, isValidTopic, topicFromTag } from "./topic/index.js";
export {
  endpointAllowList,
  validateSubscription,
  type EndpointAllowList,
  type PushSubscriptionJSON,
  type ValidSubscription,
} from "./subscription/index.js";
export { URGENCIES, buildPushRequest, type PushRequest, type PushRequestOptions, type Urgency } from "./request/index.js";
