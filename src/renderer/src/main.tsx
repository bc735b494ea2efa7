// Renderer entry. The transport is chosen before the first render, so the browser host's one-time token
// leaves the address bar at once; its exchange for the session key runs while the app renders, and a
// refused token (an address already used) switches the tab to the page that says so.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getTransportKind, transportSettled, type TransportKind } from './api/transport';
import { App } from './App';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);
const render = (transport: TransportKind) =>
  root.render(
    <StrictMode>
      <App transport={transport} />
    </StrictMode>,
  );

const first = getTransportKind();
render(first);
void transportSettled().then((settled) => {
  if (settled !== first) render(settled);
});
