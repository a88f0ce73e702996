/**
 * Runs async tasks one at a time, in call order. A DO is single-threaded, but a batch awaits its hashes
 * between decisions; without this, two batches could interleave and be sequenced against the same state.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => {});
    return next;
  }
}
