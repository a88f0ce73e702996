/** Small budgets for the rate limiters in the workerd tests, so a test can exhaust one within its window. */
export const TEST_LIMITS = { DEVICE_REGISTRATIONS: 20, INGEST_BY_KEY: 30 };
