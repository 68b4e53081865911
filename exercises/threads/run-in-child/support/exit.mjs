// Exits without replying, with the exit code it receives as its input (0 is a clean exit, still no reply).
process.on('message', (code) => process.exit(code));
