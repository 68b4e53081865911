// Receives its input and never replies: it stays alive, listening, until someone kills it.
process.on('message', () => {});
