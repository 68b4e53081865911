// Tiny DOM helpers for the sandbox: no framework, so the sandbox stays small.
type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lets the learner choose a file; resolves with its text, or undefined when they cancel. */
export function pickFile(accept: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = el('input', { type: 'file', accept, hidden: '' });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(undefined);
      void file.text().then(resolve, () => resolve(undefined));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(undefined);
    });
    document.body.append(input);
    input.click();
  });
}
