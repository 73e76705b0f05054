// The console's frame: the login page when signed out; otherwise a header (views, connection, sign out) and
// the view chosen by the URL hash (#/agent, #/wallboard, #/admin/...), which the role allows.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/api.client';
import type { Session, SessionStore } from '../api/session.store';
import { AdminPage } from '../admin/admin.page';
import { AgentPage } from '../agent/agent.page';
import { WallboardPage } from '../wallboard/wallboard.page';
import { LoginPage } from './login.page';
import { useHashRoute } from './hash-route.hook';

interface Props {
  session: SessionStore;
  api: ApiClient;
}

export function App({ session, api }: Props) {
  const current = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.current,
  );
  if (!current) return <LoginPage session={session} />;
  return <SignedIn session={session} current={current} api={api} />;
}

function viewsFor(current: Session): Array<{ path: string; label: string }> {
  const views = [];
  if (current.agentId) views.push({ path: 'agent', label: 'My work' });
  if (current.role !== 'agent') views.push({ path: 'wallboard', label: 'Wallboard' });
  if (current.role === 'admin') views.push({ path: 'admin', label: 'Admin' });
  return views;
}

function SignedIn({ session, current, api }: { session: SessionStore; current: Session; api: ApiClient }) {
  const route = useHashRoute();
  const views = viewsFor(current);
  const [section, ...rest] = route;
  const active = views.find((v) => v.path === section) ?? views[0];
  const [title, setTitle] = useState('');
  useEffect(() => {
    document.title = `${active?.label ?? 'Console'} · Switchboard`;
    setTitle(active?.label ?? '');
  }, [active]);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Switchboard</span>
        <nav aria-label="Views">
          {views.map((view) => (
            <a
              key={view.path}
              href={`#/${view.path}`}
              aria-current={view.path === active?.path ? 'page' : undefined}
              className="nav-link"
            >
              {view.label}
            </a>
          ))}
        </nav>
        <span className="topbar-spacer" />
        <span className="muted">{current.role}</span>
        <button type="button" className="button-quiet" onClick={() => void session.logout()}>
          Sign out
        </button>
      </header>
      <main className="content" aria-label={title}>
        {active?.path === 'agent' && <AgentPage session={session} api={api} />}
        {active?.path === 'wallboard' && <WallboardPage session={session} api={api} />}
        {active?.path === 'admin' && <AdminPage api={api} resource={rest[0]} />}
        {!active && <p>This account has no console views.</p>}
      </main>
    </div>
  );
}
