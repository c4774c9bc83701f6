import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { KamifaxContext } from './app/KamifaxContext';
import { PartLoadError } from './app/lazy';
import { connectKamifax } from './bridge/kamifax';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root, {
  // A screen whose code could not be fetched says so in place (LazyBoundary); the console
  // gets a warning for it, not an error. Anything else caught is an error, as by default.
  onCaughtError(error, info) {
    if (error instanceof PartLoadError) console.warn(error.message, info.componentStack);
    else console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <KamifaxContext.Provider value={connectKamifax()}>
      <App />
    </KamifaxContext.Provider>
  </StrictMode>,
);
