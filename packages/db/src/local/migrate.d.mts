/** packages/db/drizzle, absolute. */
export declare const MIGRATIONS: string;
/** Applies every migration not yet applied to the database at `url` (over `pg`). */
export declare function migrateDatabase(url: string): Promise<void>;
