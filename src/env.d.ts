interface ImportMetaEnv {
  /** WebContainer API key for production origins (a public client id, not a secret); see the README. */
  readonly PUBLIC_WEBCONTAINER_API_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
