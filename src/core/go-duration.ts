/*
 * istiod reads meshConfig with golang/protobuf's jsonpb (istio/istio pkg/util/protomarshal/protomarshal.go),
 * whose google.protobuf.Duration decoding calls Go's time.ParseDuration: `10s`, `2.5s`, `500ms`, `1m30s`
 * and `1h` are all accepted. This is that grammar: one or more <decimal><unit>, with an optional sign.
 */

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6, // U+00B5
  μs: 1e-6, // U+03BC
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** The duration in seconds, or undefined when Go's time.ParseDuration would reject the text. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < rest.length) {
    const match = PART.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  }
  return sign * total;
}
