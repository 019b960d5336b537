/**
 * Breaks a hop's detail into lines of at most `width` characters, after a '.', '/', ':' or space where it
 * can (host names and paths break at their own separators), and clips what is left beyond `maxLines`.
 */
export function wrapLabel(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width && lines.length < maxLines - 1) {
    const window = rest.slice(0, width);
    const cut = Math.max(...['.', '/', ':', ' '].map((separator) => window.lastIndexOf(separator) + 1));
    // A break in the first third would leave a stub line: cut at the width instead.
    const at = cut > width / 3 ? cut : width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest.length > width ? `${rest.slice(0, width - 1)}…` : rest);
  return lines;
}
