// What one dispatch invocation may send, and so how many recipients route puts in a `notifications` message.

/**
 * Push requests per invocation. Workers Free allows 50 subrequests per invocation (Paid far more): one goes to
 * the database, one is spare. A batch with more sendable recipients retries the rest at once.
 */
export const PUSH_BUDGET = 48;

/**
 * Recipients route packs into one `notifications` message: one invocation's pushes, so a message is never split
 * over invocations (the queue's max_batch_size is 1 for that reason).
 */
export const RECIPIENTS_PER_MESSAGE = PUSH_BUDGET;
