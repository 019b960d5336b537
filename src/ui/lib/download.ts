/** Saves bytes or text as a file, entirely in the page (no request leaves it). */
export function downloadFile(name: string, content: string | Uint8Array, type = 'text/plain'): void {
  const blob = new Blob([typeof content === 'string' ? content : content.slice().buffer], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function mimeTypeFor(name: string): string {
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'application/yaml';
  if (name.endsWith('.sh')) return 'text/x-shellscript';
  return 'text/plain';
}
