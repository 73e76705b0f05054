// Admin pages over the REST API: pick a resource, see its list, create, edit or delete an entry. Forms come
// from the contract schemas; the server's problem+json field errors show next to their fields.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiClient } from '../api/api.client';
import { ADMIN_RESOURCES, type AdminResource } from './admin-resources';
import { ResourceForm } from './resource-form.view';
import { humanize } from './schema-fields.util';

type Row = Record<string, unknown> & { id: string };

export function AdminPage({ api, resource }: { api: ApiClient; resource: string | undefined }) {
  const active = ADMIN_RESOURCES.find((r) => r.path === resource) ?? ADMIN_RESOURCES[0];
  return (
    <div className="admin-layout">
      <nav aria-label="Admin sections" className="admin-nav">
        <ul>
          {ADMIN_RESOURCES.map((r) => (
            <li key={r.path}>
              <a href={`#/admin/${r.path}`} aria-current={r.path === active.path ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ResourcePage key={active.path} api={api} resource={active} />
    </div>
  );
}

function ResourcePage({ api, resource }: { api: ApiClient; resource: AdminResource }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const page = await api.get<{ items: Row[] } | Row[]>(`${resource.endpoint}?limit=100`);
      setRows(Array.isArray(page) ? page : page.items);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not load');
    }
  }, [api, resource]);
  useEffect(() => void reload(), [reload]);

  async function remove(row: Row) {
    if (!window.confirm(`Delete ${display(row.name ?? row.displayName ?? row.id)}?`)) return;
    try {
      await api.send('DELETE', `${resource.endpoint}/${encodeURIComponent(row.id)}`);
      setNotice('Deleted');
      await reload();
    } catch (e) {
      setNotice(e instanceof ApiError ? e.message : 'Could not delete');
    }
  }

  return (
    <section className="panel admin-resource" aria-labelledby="resource-title">
      <div className="page-head">
        <h1 id="resource-title">{resource.label}</h1>
        <button type="button" className="button-primary" onClick={() => setEditing('new')}>
          New
        </button>
      </div>
      {notice && (
        <p role="status" className="status-line">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {editing && (
        <ResourceForm
          api={api}
          resource={resource}
          row={editing === 'new' ? null : editing}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
            void reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <table className="data">
        <caption className="visually-hidden">{resource.label}</caption>
        <thead>
          <tr>
            {resource.columns.map((c) => (
              <th scope="col" key={c}>
                {humanize(c)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {resource.columns.map((c) => (
                <td key={c}>{display(row[c])}</td>
              ))}
              <td className="row-actions">
                {resource.editable && (
                  <button type="button" className="button-quiet" onClick={() => setEditing(row)}>
                    Edit<span className="visually-hidden"> {display(row[resource.columns[0]])}</span>
                  </button>
                )}
                <button type="button" className="button-quiet" onClick={() => void remove(row)}>
                  Delete<span className="visually-hidden"> {display(row[resource.columns[0]])}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && !error && <p className="muted">None yet.</p>}
    </section>
  );
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object')
    return Array.isArray(value) ? value.map(String).join(', ') : JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
