// The secrets each Worker's environment declares (secrets.required): the ones already set on Cloudflare stay as
// they are; a missing one comes from the shell's environment variable of the same name, except the VAPID pair,
// which is generated once and given to both Workers (the gateway serves the public key that the pipeline's
// private key signs for, so they must be one pair).

const VAPID = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"];

/**
 * required: { worker: [name] }; set: { worker: Set of names already on Cloudflare }; env: the shell's variables;
 * keptPublicKey: the public key this script generated last time for the environment (when a deploy stopped
 * half-way); generate: () => { publicKey, privateKey }.
 * Returns { values: { worker: { NAME: value } } (what to upload), generated (a new pair), problems }.
 */
export function planSecrets({ required, set, env, keptPublicKey, generate }) {
  const values = {};
  const problems = [];
  const workers = Object.keys(required);
  const missing = (w, name) => required[w].includes(name) && !set[w].has(name);
  const anyVapidSet = workers.some((w) => VAPID.some((name) => set[w].has(name)));
  const vapidMissing = workers.some((w) => VAPID.some((name) => missing(w, name)));
  let vapid = { VAPID_PUBLIC_KEY: env.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: env.VAPID_PRIVATE_KEY };
  let generated = false;
  if (vapidMissing && !anyVapidSet && !vapid.VAPID_PUBLIC_KEY && !vapid.VAPID_PRIVATE_KEY) {
    const pair = generate();
    vapid = { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey };
    generated = true;
  } else if (!vapid.VAPID_PUBLIC_KEY && keptPublicKey) {
    vapid.VAPID_PUBLIC_KEY = keptPublicKey;
  }
  for (const w of workers) {
    values[w] = {};
    for (const name of required[w]) {
      if (!missing(w, name)) continue;
      const value = VAPID.includes(name) ? vapid[name] : env[name];
      if (value) values[w][name] = value;
      else if (VAPID.includes(name))
        problems.push(
          `${w}: ${name} is not set, and the other Workers already have a VAPID key: export the pair's ${name} and run again (a new pair would invalidate every browser subscription)`,
        );
      else problems.push(`${w}: the secret ${name} is not set: export ${name}=… and run again`);
    }
  }
  return { values, generated, problems };
}

/** Secret names in `wrangler secret list --format json`; a Worker not deployed yet has none. */
export function secretNames(result) {
  if (!result.ok) {
    if (/does not exist|not found|10007/i.test(result.output)) return new Set();
    throw new Error(`wrangler secret list failed:\n${result.output.trim()}`);
  }
  // The JSON array on stdout; wrangler's warnings ("▲ [WARNING] …") may come before it.
  const text = result.stdout ?? result.output;
  const start = text.search(/^\[\s*[{\]]/m);
  if (start < 0) throw new Error(`wrangler secret list printed no list:\n${result.output.trim()}`);
  const list = JSON.parse(text.slice(start, text.lastIndexOf("]") + 1));
  return new Set(list.map((s) => s.name));
}
