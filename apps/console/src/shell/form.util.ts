// Reads a text field from submitted form data (a file input would give a File: treated as empty).

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
