// Entry point: one session, one API client, one React root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api.client';
import { SessionStore } from './api/session.store';
import { App } from './shell/app.view';
import './styles.css';

const session = new SessionStore();
const api = new ApiClient(session);
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App session={session} api={api} />
    </StrictMode>,
  );
