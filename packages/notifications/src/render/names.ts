// Surname particles that belong with the surname: "Di María", "van Dijk", "De Bruyne", "Al Owairan".
const PARTICLES = new Set([
  "al",
  "bin",
  "ben",
  "da",
  "das",
  "de",
  "del",
  "della",
  "der",
  "di",
  "do",
  "dos",
  "du",
  "el",
  "la",
  "le",
  "ten",
  "ter",
  "van",
  "von",
]);
const SUFFIXES = new Set(["jr", "jr.", "júnior", "junior", "sr", "sr.", "ii", "iii"]);
// Korean romanisation puts the family name first and hyphenates the given name in lower case: "Son Heung-min".
const KOREAN_GIVEN_NAME = /^\p{Lu}\p{Ll}+-\p{Ll}+$/u;
const INITIAL = /^\p{L}\.$/u;

/**
 * The name a headline uses: "Antoine Griezmann" → "Griezmann", "Ángel Di María" → "Di María",
 * "Neymar Jr" → "Neymar", "Son Heung-min" → "Son", "E. Cavani" → "Cavani". A one-word name (most of the
 * 2018 roster is already surnames) comes back unchanged. A heuristic, so bodies carry the full name.
 */
export function shortName(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => !INITIAL.test(w));
  while (words.length > 1 && SUFFIXES.has(words.at(-1)!.toLowerCase())) words.pop();
  if (words.length <= 1) return words[0] ?? name.trim();
  if (words.length === 2 && KOREAN_GIVEN_NAME.test(words[1]!)) return words[0]!;
  let start = words.length - 1;
  while (start > 0 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
  return words.slice(start).join(" ");
}
