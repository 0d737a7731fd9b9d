// @process: renderer
// The window itself, loaded by main.tsx once the first list has been asked for. When that answer
// is already in, the store starts with it, so the first render shows the rows.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startWithFirstList } from './ui/store';

startWithFirstList();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
