// Renderer entry. The transport is chosen before the first render so the browser host's secret leaves
// the address bar at once.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getTransportKind } from './api/transport';
import { App } from './App';

const transport = getTransportKind();
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App transport={transport} />
  </StrictMode>,
);
