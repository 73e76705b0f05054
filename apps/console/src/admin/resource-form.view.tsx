// Create or edit one admin entry. Fields come from the create schema; on edit only changed fields are sent
// (PATCH). Errors are shown where they belong: the server's field errors under each field.
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../api/api.client';
import type { AdminResource } from './admin-resources';
import { bodyOf, fieldsOf, humanize, type FormField } from './schema-fields.util';

interface Props {
  api: ApiClient;
  resource: AdminResource;
  row: (Record<string, unknown> & { id: string }) | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function ResourceForm({ api, resource, row, onDone, onCancel }: Props) {
  const fields = useMemo(() => fieldsOf(resource.create), [resource]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { body, errors: local } = bodyOf(fields, new FormData(event.currentTarget));
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    try {
      const sent = row ? changed(body, row) : body;
      const result = row
        ? await api.send<unknown>('PATCH', `${resource.endpoint}/${encodeURIComponent(row.id)}`, sent)
        : await api.send<unknown>('POST', resource.endpoint, sent);
      const secret = secretOf(result);
      onDone(secret ? `Created. Copy the key now, it is shown once: ${secret}` : row ? 'Saved' : 'Created');
    } catch (error) {
      if (!(error instanceof ApiError)) return setFormError('The server cannot be reached');
      const byField: Record<string, string> = {};
      for (const e of error.fieldErrors) byField[e.path.split('.')[0] || '_'] ??= `${e.path}: ${e.message}`;
      setErrors(byField);
      setFormError(error.message);
    }
  }

  return (
    <form
      className="card resource-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="resource-form-title"
      noValidate
    >
      <h2 id="resource-form-title">{row ? 'Edit' : 'New'}</h2>
      {fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          value={row?.[field.name]}
          error={errors[field.name]}
          creating={!row}
        />
      ))}
      {formError && (
        <p role="alert" className="form-error">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button-primary">
          {row ? 'Save' : 'Create'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Field({
  field,
  value,
  error,
  creating,
}: {
  field: FormField;
  value: unknown;
  error: string | undefined;
  creating: boolean;
}) {
  const id = `field-${field.name}`;
  const described = [error ? `${id}-error` : '', field.description ? `${id}-help` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
    required: creating && field.required,
  };
  const initial =
    value === undefined || value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value, null, 2)
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  return (
    <div className={`field field-${field.kind}`}>
      <label htmlFor={id}>
        {humanize(field.name)}
        {creating && field.required && <span aria-hidden="true"> *</span>}
      </label>
      {field.kind === 'boolean' && <input type="checkbox" {...common} defaultChecked={value === true} />}
      {field.kind === 'choice' && (
        <select {...common} defaultValue={initial}>
          {!field.required && <option value="">—</option>}
          {field.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      )}
      {(field.kind === 'text' || field.kind === 'number') && (
        <input type={field.kind === 'number' ? 'number' : 'text'} {...common} defaultValue={initial} />
      )}
      {field.kind === 'json' && <textarea {...common} rows={4} defaultValue={initial} placeholder="JSON" />}
      {field.description && (
        <span id={`${id}-help`} className="help-text">
          {field.description}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function changed(body: Record<string, unknown>, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(row[key])),
  );
}

function secretOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const key = (result as { key?: unknown }).key;
  return typeof key === 'string' ? key : undefined;
}
