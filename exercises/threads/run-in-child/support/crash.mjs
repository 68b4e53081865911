// Throws on its input. The error is uncaught, so Node prints it on stderr (you will see it in the output) and
// the process exits with code 1. The parent learns only the exit code.
process.on('message', (n) => {
  throw new TypeError(`cannot double ${JSON.stringify(n)}`);
});
