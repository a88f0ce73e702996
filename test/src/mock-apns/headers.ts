// The request headers APNs requires for an alert, with the values it accepts.
import type { IncomingHttpHeaders } from "node:http";

export interface ApnsHeaders {
  topic: string;
  pushType: string;
  priority: number;
  expiration: number;
  collapseId?: string;
}

/** The headers, or APNs' reason for refusing them (400). */
export function checkHeaders(h: IncomingHttpHeaders, topic: string): ApnsHeaders | string {
  const one = (name: string) => (Array.isArray(h[name]) ? undefined : (h[name] as string | undefined));
  const apnsTopic = one("apns-topic");
  if (!apnsTopic) return "MissingTopic";
  if (apnsTopic !== topic) return "TopicDisallowed";
  const pushType = one("apns-push-type");
  if (!pushType) return "InvalidPushType";
  if (pushType !== "alert") return "InvalidPushType"; // the only type a visible goal push may use
  const priority = one("apns-priority");
  if (priority !== undefined && !["10", "5", "1"].includes(priority)) return "BadPriority";
  const expiration = one("apns-expiration");
  if (expiration !== undefined && !/^\d+$/.test(expiration)) return "BadExpirationDate";
  const collapseId = one("apns-collapse-id");
  if (collapseId !== undefined && (collapseId === "" || Buffer.byteLength(collapseId) > 64))
    return "BadCollapseId";
  return {
    topic: apnsTopic,
    pushType,
    priority: Number(priority ?? 10),
    expiration: Number(expiration ?? 0),
    ...(collapseId ? { collapseId } : {}),
  };
}
