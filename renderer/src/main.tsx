// @process: renderer
// The page's entry: asks for the first list at once (ui/first-list.ts), then loads the window —
// React, the views, the services' rules, most of a cold start — as a second chunk (mount.tsx),
// while the main process answers.
// A plain stylesheet: Vite emits it as a file, which the CSP (style-src 'self') allows; imported
// here so the page links it from the start.
import './styles.css';
import { askForFirstList } from './ui/first-list';

askForFirstList();
void import('./mount');
