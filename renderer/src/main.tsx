// @process: renderer
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// A plain stylesheet: Vite emits it as a file, which the CSP (style-src 'self') allows.
import './styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
