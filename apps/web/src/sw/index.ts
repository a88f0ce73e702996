// The site's service worker, built as /sw.js (its scope is the whole site): Buzz notifications when no page is live.
import { type BuzzServiceWorkerScope, startBuzzServiceWorker } from "@buzz/client-sdk/sw";

// apps/web compiles with the DOM library, where `self` is a Window; in this file it is the worker's global scope.
declare const self: BuzzServiceWorkerScope;

startBuzzServiceWorker(self);
