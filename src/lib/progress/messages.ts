// What a learner reads when moving their progress in or out, wherever they do it (sandbox, dashboard).
export const TRANSFER_MESSAGES = {
  exported: 'Exported all your code and progress to a file.',
  notJson: 'That file is not JSON, so nothing was imported. Your data is unchanged.',
  importFailed: (reason: string) => `Nothing was imported: ${reason} Your data is unchanged.`,
  imported: 'Imported. Everything in the file replaced what this browser had; the previous data was kept as a backup.',
  undone: 'The import was undone: your progress is back as it was before it. Undo again to bring the import back.',
  undoFailed: (reason: string) => `Nothing was changed: ${reason}`,
} as const;
