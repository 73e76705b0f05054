// Sign in with the workspace (tenant slug), email and password; the server's field errors show by the field.
import { useState, type FormEvent } from 'react';
import type { SessionStore } from '../api/session.store';
import { formText } from './form.util';

interface Problem {
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

export function LoginPage({ session }: { session: SessionStore }) {
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await session.login(
        formText(form, 'tenant'),
        formText(form, 'email'),
        rawText(form.get('password')),
      );
      if (!response.ok) setError((await response.json().catch(() => ({}))) as Problem);
    } catch {
      setError({ detail: 'The server cannot be reached' });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) => error?.errors?.find((e) => e.path === name)?.message;
  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Switchboard</h1>
        {(['tenant', 'email', 'password'] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`login-${name}`}>
              {name === 'tenant' ? 'Workspace' : name[0].toUpperCase() + name.slice(1)}
            </label>
            <input
              id={`login-${name}`}
              name={name}
              type={name === 'password' ? 'password' : name === 'email' ? 'email' : 'text'}
              autoComplete={
                name === 'password' ? 'current-password' : name === 'email' ? 'username' : 'organization'
              }
              required
              aria-invalid={fieldError(name) ? true : undefined}
              aria-describedby={fieldError(name) ? `login-${name}-error` : undefined}
            />
            {fieldError(name) && (
              <span id={`login-${name}-error`} className="field-error">
                {fieldError(name)}
              </span>
            )}
          </div>
        ))}
        {error && !error.errors && (
          <p role="alert" className="form-error">
            {error.detail ?? 'Sign-in failed'}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** Passwords are taken as typed: no trimming. */
function rawText(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value : '';
}
