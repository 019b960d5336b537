/** Quotes a value for POSIX shells. Values from the model are already restricted; this is defence in depth. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}
