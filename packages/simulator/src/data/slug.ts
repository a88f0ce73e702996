/** Letters NFD does not decompose into a base letter plus an accent. */
const FOLD: Record<string, string> = {
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  đ: "d",
  ł: "l",
  ı: "i",
  þ: "th",
  ð: "d",
};

/** `"Mario Mandžukić"` → `"mario-mandzukic"`: ASCII, lowercase, dash-separated, safe in an id. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[øæœßđłıþð]/g, (c) => FOLD[c] ?? c)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
