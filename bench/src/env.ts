/** A bench's size knob from the environment: a positive integer, or the fallback when unset. */
export function positiveInt(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
}

/** BENCH_LANES: the notification lanes the pipeline binds (the dev stack's pipelineLanes); unset, local dev's one. */
export const benchLanes = (): { pipelineLanes?: number } =>
  process.env.BENCH_LANES === undefined ? {} : { pipelineLanes: positiveInt("BENCH_LANES", 1) };
