// The contract's types are written by hand (../contract, zod-free, what clients read); the schemas here check
// requests against them. These assertions keep the two equal: a field added to one and not the other, or made
// optional in one only, fails the type-check of this package.
import type { z } from "zod";
import type * as C from "../contract/index.js";
import type {
  DeviceRegistrationSchema,
  FollowsInputSchema,
  NativePushTokenInputSchema,
  PushSubscriptionInputSchema,
} from "./devices.js";
import type { FixtureInputSchema } from "./fixture.js";
import type { EventInputSchema } from "./input.js";
import type { NotificationPreferencesSchema } from "./preferences.js";
import type { PublishedEventSchema } from "./published.js";

/** True when each type is assignable to the other (so no field is missing, extra, or differently optional). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type Conforms = [
  Assert<Same<z.output<typeof EventInputSchema>, C.EventInput>>,
  Assert<Same<z.input<typeof EventInputSchema>, C.EventInputDraft>>,
  Assert<Same<z.output<typeof PublishedEventSchema>, C.PublishedEvent>>,
  Assert<Same<z.output<typeof FixtureInputSchema>, C.FixtureInput>>,
  Assert<Same<z.output<typeof DeviceRegistrationSchema>, C.DeviceRegistration>>,
  Assert<Same<z.output<typeof FollowsInputSchema>, C.Follows>>,
  Assert<Same<z.output<typeof PushSubscriptionInputSchema>, C.PushSubscriptionInput>>,
  Assert<Same<z.output<typeof NativePushTokenInputSchema>, C.NativePushTokenInput>>,
  Assert<Same<z.output<typeof NotificationPreferencesSchema>, C.NotificationPreferences>>,
];
