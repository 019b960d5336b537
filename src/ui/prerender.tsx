import { renderToString } from 'react-dom/server';
import { App } from './App';

/**
 * The first screen as HTML, written into index.html at build time: the first step is on screen and
 * accepts input before any script has run; React then hydrates it (main.tsx).
 */
export function renderFirstScreen(): string {
  return renderToString(<App />);
}
